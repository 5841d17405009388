import { fromBase64 } from '../base64';
import { BackupError } from './backup-error';
import { keyForHeader, type SealingKey } from './backup-key';
import {
  backupHeaderSchema,
  backupManifestSchema,
  CHUNK_DATA,
  CHUNK_FINAL,
  CHUNK_HEADER_BYTES,
  chunkNonce,
  FORMAT,
  HEADER_HASH_BYTES,
  MAGIC,
  MAX_HEADER_BYTES,
  MAX_MANIFEST_BYTES,
  PREFIX_BYTES,
  TAG_BYTES,
  type BackupHeader,
  type BackupManifest,
} from './format';
import { sha256Bytes, toHex, type BackupPrimitives } from './primitives';

/** Reads a byte stream in exact pieces, keeping count of where it is. */
export class ByteReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private buffer: Uint8Array = new Uint8Array(0);
  private done = false;
  offset = 0;

  constructor(stream: ReadableStream<Uint8Array>) {
    this.reader = stream.getReader();
  }

  /** Up to `n` bytes; fewer only at the end of the stream. */
  async read(n: number): Promise<Uint8Array> {
    while (this.buffer.length < n && !this.done) {
      const { done, value } = await this.reader.read();
      if (done) this.done = true;
      else if (this.buffer.length === 0) this.buffer = value;
      else {
        const joined = new Uint8Array(this.buffer.length + value.length);
        joined.set(this.buffer, 0);
        joined.set(value, this.buffer.length);
        this.buffer = joined;
      }
    }
    const out = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(out.length);
    this.offset += out.length;
    return out;
  }

  cancel(): Promise<void> {
    return this.reader.cancel();
  }
}

const truncated = (offset: number) =>
  new BackupError('truncated', `the file ends early, at byte ${offset}`, offset);
const corrupted = (offset: number, what: string) =>
  new BackupError('corrupted', `${what} (about byte ${offset})`, offset);

export type OpenedHeader = { header: BackupHeader; format: number; aad: Uint8Array };

/** Reads and checks everything before the first chunk; needs no passphrase (`backup inspect`). */
export const readHeader = async (reader: ByteReader): Promise<OpenedHeader> => {
  const magic = await reader.read(MAGIC.length);
  const matching = magic.filter((b, i) => b === MAGIC[i]).length;
  if (magic.length < MAGIC.length) {
    if (matching === magic.length) throw truncated(reader.offset);
    throw new BackupError('not-a-backup', 'not a ClinicDesk backup file');
  }
  if (matching < MAGIC.length - 4)
    throw new BackupError('not-a-backup', 'not a ClinicDesk backup file');
  if (matching < MAGIC.length)
    throw corrupted(
      magic.findIndex((b, i) => b !== MAGIC[i]),
      'the file signature is damaged',
    );
  const lengths = await reader.read(6);
  if (lengths.length < 6) throw truncated(reader.offset);
  const view = new DataView(lengths.buffer, lengths.byteOffset, 6);
  const format = view.getUint16(0);
  const headerLength = view.getUint32(2);
  if (headerLength === 0 || headerLength > MAX_HEADER_BYTES)
    throw corrupted(MAGIC.length + 2, 'the header length is damaged');
  const json = await reader.read(headerLength);
  const hash = await reader.read(HEADER_HASH_BYTES);
  if (json.length < headerLength || hash.length < HEADER_HASH_BYTES) throw truncated(reader.offset);
  const prefix = new Uint8Array(PREFIX_BYTES + headerLength);
  prefix.set(magic, 0);
  prefix.set(lengths, MAGIC.length);
  prefix.set(json, PREFIX_BYTES);
  if (toHex(sha256Bytes(prefix.subarray(MAGIC.length))) !== toHex(hash))
    throw corrupted(MAGIC.length, 'the header is damaged');
  if (format > FORMAT)
    throw new BackupError('newer-format', `format ${format} is newer than this app reads`);
  let header: BackupHeader;
  try {
    header = backupHeaderSchema.parse(JSON.parse(new TextDecoder().decode(json)));
  } catch {
    throw corrupted(PREFIX_BYTES, 'the header does not describe a backup');
  }
  const all = new Uint8Array(prefix.length + HEADER_HASH_BYTES);
  all.set(prefix, 0);
  all.set(hash, prefix.length);
  return { header, format, aad: sha256Bytes(all) };
};

export type ReadBackupOptions = {
  source: ReadableStream<Uint8Array>;
  primitives: BackupPrimitives;
  passphrase?: string;
  key?: SealingKey;
  /** Receives the decrypted, decompressed payload as it is read (a restore); omit to only verify. */
  onPayload?: (bytes: Uint8Array) => Promise<void> | void;
  /** File bytes read so far. */
  onProgress?: (fileBytes: number) => void;
};

export type ReadBackup = { header: BackupHeader; manifest: BackupManifest; key: SealingKey };

/**
 * Reads a whole backup: every chunk is decrypted and authenticated, the payload decompressed and
 * compared with the manifest. Resolves only when everything matches; otherwise rejects with a
 * BackupError whose reason says what is wrong.
 */
export const readBackup = async (options: ReadBackupOptions): Promise<ReadBackup> => {
  const reader = new ByteReader(options.source);
  try {
    const { header, aad } = await readHeader(reader);
    const key = await keyForHeader(header, options);
    const prefix = fromBase64(header.cipher.noncePrefix);
    const inflate = options.primitives.gunzip();
    const inflating = inflate.writable.getWriter();
    const hasher = options.primitives.sha256();
    let payloadBytes = 0;
    const draining = (async () => {
      const out = inflate.readable.getReader();
      for (;;) {
        const { done, value } = await out.read();
        if (done) return;
        hasher.update(value);
        payloadBytes += value.length;
        await options.onPayload?.(value);
      }
    })();
    draining.catch(() => undefined);
    let manifest: BackupManifest | undefined;
    for (let index = 0; !manifest; index++) {
      const at = reader.offset;
      const head = await reader.read(CHUNK_HEADER_BYTES);
      if (head.length < CHUNK_HEADER_BYTES) throw truncated(reader.offset);
      const view = new DataView(head.buffer, head.byteOffset, CHUNK_HEADER_BYTES);
      const type = head[0]!;
      const length = view.getUint32(1);
      const limit =
        (type === CHUNK_FINAL ? MAX_MANIFEST_BYTES : header.cipher.chunkSize) + TAG_BYTES;
      if (type !== CHUNK_DATA && type !== CHUNK_FINAL) throw corrupted(at, 'a block is damaged');
      if (view.getUint32(5) !== ~length >>> 0 || length < TAG_BYTES || length > limit)
        throw corrupted(at + 1, 'a block length is damaged');
      const sealed = await reader.read(length);
      if (sealed.length < length) throw truncated(reader.offset);
      let plain: Uint8Array;
      try {
        plain = new Uint8Array(
          await crypto.subtle.decrypt(
            {
              name: 'AES-GCM',
              iv: chunkNonce(prefix, index, type === CHUNK_FINAL) as Uint8Array<ArrayBuffer>,
              additionalData: aad as Uint8Array<ArrayBuffer>,
            },
            key.aes,
            sealed as Uint8Array<ArrayBuffer>,
          ),
        );
      } catch {
        throw corrupted(at + CHUNK_HEADER_BYTES, 'the data are damaged');
      }
      options.onProgress?.(reader.offset);
      if (type === CHUNK_DATA) {
        await inflating.write(plain).catch(() => {
          throw corrupted(at, 'the compressed data are damaged');
        });
        continue;
      }
      try {
        manifest = backupManifestSchema.parse(JSON.parse(new TextDecoder().decode(plain)));
      } catch {
        throw corrupted(at, 'the manifest is damaged');
      }
    }
    const end = reader.offset;
    if ((await reader.read(1)).length > 0) throw corrupted(end, 'there are bytes after the end');
    await inflating.close().catch(() => undefined);
    await draining.catch(() => {
      throw corrupted(end, 'the compressed data are damaged');
    });
    if (
      payloadBytes !== manifest.payload.bytes ||
      toHex(hasher.digest()) !== manifest.payload.sha256
    )
      throw corrupted(end, 'the content does not match its manifest');
    return { header, manifest, key };
  } finally {
    await reader.cancel().catch(() => undefined);
  }
};

/** The header of a file, for `clinicdesk backup inspect`: no passphrase, nothing decrypted. */
export const inspectBackup = async (source: ReadableStream<Uint8Array>): Promise<OpenedHeader> => {
  const reader = new ByteReader(source);
  try {
    return await readHeader(reader);
  } finally {
    await reader.cancel().catch(() => undefined);
  }
};
