import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable, type Transform } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import type { BackupPrimitives } from '../../shared/backup/primitives';

type ByteTransform = TransformStream<Uint8Array, Uint8Array>;

/**
 * zlib's output buffer. Its default, 16 KiB, makes a web-stream chunk (promises, queueing) of every
 * 16 KiB: on a 68 MB export, 256 KiB cut the CPU of write + verify by about a quarter and 1 MiB the
 * restore's read by a third or more (tests/bench/backup.bench.ts).
 */
const GZIP_CHUNK = 256 * 1024;
const GUNZIP_CHUNK = 1024 * 1024;

/**
 * A zlib stream as a web TransformStream that takes one piece at a time. `Duplex.toWeb` is not
 * used: its writable side queues up to 16,384 pieces whatever their size, so a payload read faster
 * than it compresses piled up in memory (a 228 MB export held about 140 MB at once).
 */
const zlibTransform = (zlib: Transform): ByteTransform => {
  let failed: Error | undefined;
  zlib.on('error', (error) => (failed = error));
  // Resolves on the event; rejects if zlib fails or is destroyed (its output cancelled) first.
  const settle = (event: 'drain' | 'finish') =>
    new Promise<void>((resolve, reject) => {
      const stop = () => {
        zlib.off(event, done);
        zlib.off('error', fail);
        zlib.off('close', closed);
      };
      const done = () => (stop(), resolve());
      const fail = (error: Error) => (stop(), reject(error));
      const closed = () => (stop(), reject(failed ?? new Error('the compressor was closed')));
      zlib.once(event, done);
      zlib.once('error', fail);
      zlib.once('close', closed);
    });
  const writable = new WritableStream<Uint8Array>(
    {
      write: (piece) => {
        if (failed) return Promise.reject(failed);
        return zlib.write(piece) ? Promise.resolve() : settle('drain');
      },
      close: () => {
        if (failed) return Promise.reject(failed);
        const finished = settle('finish');
        zlib.end();
        return finished;
      },
      abort: (reason: unknown) => {
        zlib.destroy(reason instanceof Error ? reason : new Error('aborted'));
      },
    },
    { highWaterMark: 1 },
  );
  return { writable, readable: Readable.toWeb(zlib) as ReadableStream<Uint8Array> };
};

/** Node's zlib (gzip level 1: backups are written daily, speed matters more than size) and OpenSSL's SHA-256. */
export const nodePrimitives: BackupPrimitives = {
  sha256: () => {
    const hash = createHash('sha256');
    return {
      update: (bytes) => void hash.update(bytes),
      digest: () => new Uint8Array(hash.digest()),
    };
  },
  gzip: () => zlibTransform(createGzip({ level: 1, chunkSize: GZIP_CHUNK })),
  gunzip: () => zlibTransform(createGunzip({ chunkSize: GUNZIP_CHUNK })),
};

/** A file as a web byte stream, read in 1 MiB pieces. */
export const fileStream = (path: string): ReadableStream<Uint8Array> =>
  Readable.toWeb(
    createReadStream(path, { highWaterMark: 1024 * 1024 }),
  ) as ReadableStream<Uint8Array>;
