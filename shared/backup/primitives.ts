import { sha256 } from '@noble/hashes/sha2.js';

export type Hasher = { update(bytes: Uint8Array): void; digest(): Uint8Array };

/**
 * What writing and reading a backup needs besides WebCrypto's AES-GCM and PBKDF2 (present in
 * browsers, Electron and Node alike). The web versions work everywhere; Node passes its own zlib
 * (gzip level 1) and OpenSSL hashing for speed, without this folder importing Node.
 */
export type BackupPrimitives = {
  sha256: () => Hasher;
  gzip: () => TransformStream<Uint8Array, Uint8Array>;
  gunzip: () => TransformStream<Uint8Array, Uint8Array>;
};

export const webPrimitives: BackupPrimitives = {
  sha256: () => sha256.create(),
  gzip: () => new CompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>,
  gunzip: () =>
    new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>,
};

export const randomBytes = (n: number): Uint8Array => crypto.getRandomValues(new Uint8Array(n));

export const sha256Bytes = (bytes: Uint8Array): Uint8Array => sha256(bytes);

export const toHex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
