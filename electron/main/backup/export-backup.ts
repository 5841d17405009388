import { createReadStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupKey } from '../../../shared/backup/backup-key';
import type { BackupPrimitives } from '../../../shared/backup/primitives';
import { fromBase64 } from '../../../shared/base64';
import { inspectBackup, readBackup } from '../../../shared/backup/read-backup';
import { fileStream } from '../../../server/backup/node-backup';
import { toHex } from '../../../shared/backup/primitives';

/** `dialog.showOpenDialog` for the window, as far as choosing a folder goes. */
export type FolderDialog = (options: {
  title: string;
  properties: ['openDirectory', 'createDirectory'];
}) => Promise<{ canceled: boolean; filePaths: string[] }>;

export class ExportFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportFailure';
    this.stack = `${this.name}: ${this.message}`;
  }
}

const sameKey = (key: BackupKey, salt: Uint8Array, iterations: number) =>
  key.iterations === iterations &&
  key.salt.length === salt.length &&
  key.salt.every((b, i) => b === salt[i]);

/** A file's SHA-256 as the bytes pass by, without a second read. */
const hashing = (primitives: BackupPrimitives) => {
  const hasher = primitives.sha256();
  const transform = new TransformStream<Uint8Array, Uint8Array>({
    transform(piece, controller) {
      hasher.update(piece);
      controller.enqueue(piece);
    },
  });
  return { transform, hex: () => toHex(hasher.digest()) };
};

const copyHashing = async (from: string, to: string, primitives: BackupPrimitives) => {
  const hasher = primitives.sha256();
  const handle = await open(to, 'w');
  try {
    for await (const piece of createReadStream(from, { highWaterMark: 1024 * 1024 })) {
      hasher.update(piece as Buffer);
      await handle.write(piece as Buffer);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return toHex(hasher.digest());
};

/**
 * Copies a backup to a folder the owner chose (a USB drive), then reads the copy back: it must
 * have the same bytes as the original, and where the kept key opens it (the passphrase has not
 * changed since) it is also decrypted and checked in full. Written beside its name and renamed
 * once good, so a drive pulled out half-way leaves no file that looks like a backup.
 */
export const copyVerified = async (options: {
  source: string;
  targetDir: string;
  fileName: string;
  key: BackupKey | undefined;
  primitives: BackupPrimitives;
}): Promise<string> => {
  const target = join(options.targetDir, options.fileName);
  const partial = `${target}.partial`;
  try {
    const sourceHash = await copyHashing(options.source, partial, options.primitives);
    const { header } = await inspectBackup(fileStream(options.source));
    const copy = hashing(options.primitives);
    const readBack = fileStream(partial).pipeThrough(copy.transform);
    const key = options.key;
    if (key && sameKey(key, fromBase64(header.kdf.salt), header.kdf.iterations))
      await readBackup({ source: readBack, primitives: options.primitives, key });
    else await readBack.pipeTo(new WritableStream());
    if (copy.hex() !== sourceHash) throw new ExportFailure('the copy differs from the backup');
    await rename(partial, target);
    return target;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
};
