import { toBase64 } from '../base64';
import type { SealingKey } from './backup-key';
import {
  CHUNK_DATA,
  CHUNK_FINAL,
  chunkHeader,
  chunkNonce,
  DEFAULT_CHUNK_SIZE,
  encodePrefix,
  NONCE_PREFIX_BYTES,
  type BackupHeader,
  type BackupManifest,
} from './format';
import { randomBytes, sha256Bytes, toHex, type BackupPrimitives } from './primitives';

export type BackupDescription = Pick<
  BackupManifest,
  'schemaVersion' | 'clinicName' | 'tables' | 'checkpoints'
>;

export type WriteBackupOptions = {
  key: SealingKey;
  primitives: BackupPrimitives;
  appVersion: string;
  createdAt: string;
  /**
   * What the manifest says besides the payload's size and hash (computed here); a function is
   * asked once the payload has ended, when the rows streamed have been counted.
   */
  describe: BackupDescription | (() => BackupDescription);
  /** The store's export, streamed: never held whole in memory. */
  payload: ReadableStream<Uint8Array>;
  /** Appends bytes to the file; awaited, so a slow disk slows the reading of the payload. */
  write: (bytes: Uint8Array) => Promise<void>;
  chunkSize?: number;
  /** Uncompressed payload bytes consumed so far. */
  onProgress?: (payloadBytes: number) => void;
};

export type WrittenBackup = { bytes: number; manifest: BackupManifest; header: BackupHeader };

const concat = (parts: readonly Uint8Array[], total: number): Uint8Array => {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** Writes one backup file (format in ./format.ts) from the payload stream. */
export const writeBackup = async (options: WriteBackupOptions): Promise<WrittenBackup> => {
  const { key, primitives } = options;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const noncePrefix = randomBytes(NONCE_PREFIX_BYTES);
  const header: BackupHeader = {
    app: { name: 'ClinicDesk', version: options.appVersion },
    createdAt: options.createdAt,
    kdf: { name: 'PBKDF2-SHA256', iterations: key.iterations, salt: toBase64(key.salt) },
    cipher: { name: 'AES-256-GCM', noncePrefix: toBase64(noncePrefix), chunkSize },
    compression: 'gzip',
    keyCheck: toBase64(key.check),
  };
  const prefix = encodePrefix(header);
  const headerHash = sha256Bytes(prefix.subarray(16));
  const aad = sha256Bytes(concat([prefix, headerHash], prefix.length + headerHash.length));
  let written = 0;
  const out = async (bytes: Uint8Array) => {
    await options.write(bytes);
    written += bytes.length;
  };
  await out(prefix);
  await out(headerHash);

  let index = 0;
  const seal = async (type: number, plain: Uint8Array) => {
    const sealed = new Uint8Array(
      await crypto.subtle.encrypt(
        {
          name: 'AES-GCM',
          iv: chunkNonce(noncePrefix, index, type === CHUNK_FINAL) as Uint8Array<ArrayBuffer>,
          additionalData: aad as Uint8Array<ArrayBuffer>,
        },
        key.aes,
        plain as Uint8Array<ArrayBuffer>,
      ),
    );
    index += 1;
    await out(chunkHeader(type, sealed.length));
    await out(sealed);
  };

  // Hash and count the payload as it flows into the compressor.
  const hasher = primitives.sha256();
  let payloadBytes = 0;
  const measured = options.payload.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(piece, controller) {
        hasher.update(piece);
        payloadBytes += piece.length;
        options.onProgress?.(payloadBytes);
        controller.enqueue(piece);
      },
    }),
  );
  const compressed = measured.pipeThrough(primitives.gzip()).getReader();
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  for (;;) {
    const { done, value } = await compressed.read();
    if (done) break;
    pending.push(value);
    pendingBytes += value.length;
    while (pendingBytes >= chunkSize) {
      const all = concat(pending, pendingBytes);
      await seal(CHUNK_DATA, all.subarray(0, chunkSize));
      pending = [all.subarray(chunkSize)];
      pendingBytes -= chunkSize;
    }
  }
  if (pendingBytes > 0) await seal(CHUNK_DATA, concat(pending, pendingBytes));

  const manifest: BackupManifest = {
    createdAt: options.createdAt,
    appVersion: options.appVersion,
    ...(typeof options.describe === 'function' ? options.describe() : options.describe),
    payload: { bytes: payloadBytes, sha256: toHex(hasher.digest()), kind: 'clinicdesk-ndjson' },
  };
  await seal(CHUNK_FINAL, new TextEncoder().encode(JSON.stringify(manifest)));
  return { bytes: written, manifest, header };
};
