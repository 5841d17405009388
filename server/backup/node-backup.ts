import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Duplex, Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import type { BackupPrimitives } from '../../shared/backup/primitives';

type ByteTransform = TransformStream<Uint8Array, Uint8Array>;

/** Node's zlib (gzip level 1: backups are written daily, speed matters more than size) and OpenSSL's SHA-256. */
export const nodePrimitives: BackupPrimitives = {
  sha256: () => {
    const hash = createHash('sha256');
    return {
      update: (bytes) => void hash.update(bytes),
      digest: () => new Uint8Array(hash.digest()),
    };
  },
  gzip: () => Duplex.toWeb(createGzip({ level: 1 })) as unknown as ByteTransform,
  gunzip: () => Duplex.toWeb(createGunzip()) as unknown as ByteTransform,
};

/** A file as a web byte stream, read in 1 MiB pieces. */
export const fileStream = (path: string): ReadableStream<Uint8Array> =>
  Readable.toWeb(
    createReadStream(path, { highWaterMark: 1024 * 1024 }),
  ) as ReadableStream<Uint8Array>;
