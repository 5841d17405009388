import { z } from 'zod';
import { checkpointSchema, MAX_ANCHORED_DEVICES } from '../audit/checkpoint';

/**
 * The ClinicDesk backup file, format 1 (docs/architecture.md "Backups"):
 *
 *   magic      16 bytes  "ClinicDeskBackup"
 *   format      2 bytes  uint16 BE, 1
 *   headerLen   4 bytes  uint32 BE
 *   header      headerLen bytes of UTF-8 JSON (`BackupHeader`), readable without the passphrase
 *   headerHash 32 bytes  SHA-256 of format + headerLen + header: damage to the header is
 *                        reported as damage, never as a wrong passphrase or a newer format
 *   chunks      until the final chunk:
 *                 type   1 byte   0 data, 1 final
 *                 len    4 bytes  uint32 BE, length of the sealed bytes
 *                 ~len   4 bytes  its bitwise complement: a damaged length is caught at once
 *                 sealed len bytes AES-256-GCM (ciphertext + 16-byte tag)
 *
 * Data chunks carry the gzip-compressed payload (the store's export), cut into pieces of at
 * most `chunkSize` bytes; the final chunk carries the manifest. Chunk i is sealed with the nonce
 * noncePrefix (7 bytes) ‖ i (uint32 BE) ‖ final flag (1 byte), and with the SHA-256 of all bytes
 * before the first chunk as additional data: every chunk authenticates the header and its own
 * place, so reordering, dropping, or cutting the file after any chunk is detected (the STREAM
 * construction). The layout up to headerHash is frozen for all future formats.
 */
export const MAGIC = new TextEncoder().encode('ClinicDeskBackup');
export const FORMAT = 1;
export const PREFIX_BYTES = MAGIC.length + 2 + 4;
export const HEADER_HASH_BYTES = 32;
export const MAX_HEADER_BYTES = 64 * 1024;
export const CHUNK_HEADER_BYTES = 9;
export const TAG_BYTES = 16;
export const NONCE_PREFIX_BYTES = 7;
export const DEFAULT_CHUNK_SIZE = 1024 * 1024;
export const MAX_CHUNK_SIZE = 16 * 1024 * 1024;
/** The manifest is small; a larger final chunk is damage, not a manifest. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

export const CHUNK_DATA = 0;
export const CHUNK_FINAL = 1;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const backupHeaderSchema = z.object({
  app: z.object({ name: z.literal('ClinicDesk'), version: z.string().max(40) }),
  createdAt: z.string().max(40),
  kdf: z.object({
    name: z.literal('PBKDF2-SHA256'),
    iterations: z.number().int().min(100_000).max(10_000_000),
    salt: base64,
  }),
  cipher: z.object({
    name: z.literal('AES-256-GCM'),
    noncePrefix: base64,
    chunkSize: z.number().int().min(1024).max(MAX_CHUNK_SIZE),
  }),
  compression: z.literal('gzip'),
  /** The first 16 bytes of HMAC-SHA256(check key, "ClinicDesk backup key"): tells a wrong passphrase from damage. */
  keyCheck: base64,
});
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

/** What the final chunk says about the content; checked against the content after decryption. */
export const backupManifestSchema = z.object({
  createdAt: z.string(),
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  clinicName: z.string(),
  /** Rows per table, for the restore preview. */
  tables: z.record(z.string(), z.number().int().min(0)),
  /**
   * The signed heads of the audit chains this PC anchored when the backup was made
   * (shared/audit/checkpoint.ts): the preview checks the file's chains reach them. Absent in
   * backups made before checkpoints were kept: those are previewed as having none.
   */
  checkpoints: z.array(checkpointSchema).max(MAX_ANCHORED_DEVICES).optional(),
  payload: z.object({
    /** Bytes of the uncompressed export. */
    bytes: z.number().int().min(0),
    sha256: z.string().length(64),
    /** What the payload is: the store as NDJSON lines (./payload.ts). */
    kind: z.literal('clinicdesk-ndjson'),
  }),
});
export type BackupManifest = z.infer<typeof backupManifestSchema>;

export const chunkNonce = (prefix: Uint8Array, index: number, final: boolean): Uint8Array => {
  const nonce = new Uint8Array(12);
  nonce.set(prefix, 0);
  new DataView(nonce.buffer).setUint32(NONCE_PREFIX_BYTES, index);
  nonce[11] = final ? 1 : 0;
  return nonce;
};

export const chunkHeader = (type: number, length: number): Uint8Array => {
  const bytes = new Uint8Array(CHUNK_HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  bytes[0] = type;
  view.setUint32(1, length);
  view.setUint32(5, ~length >>> 0);
  return bytes;
};

/** The bytes before the first chunk except the header hash: magic, format, length, header. */
export const encodePrefix = (header: BackupHeader): Uint8Array => {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const bytes = new Uint8Array(PREFIX_BYTES + json.length);
  bytes.set(MAGIC, 0);
  const view = new DataView(bytes.buffer);
  view.setUint16(MAGIC.length, FORMAT);
  view.setUint32(MAGIC.length + 2, json.length);
  bytes.set(json, PREFIX_BYTES);
  return bytes;
};
