import { open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupKey } from '../../shared/backup/backup-key';
import type { BackupPrimitives } from '../../shared/backup/primitives';
import { readBackup, type ReadBackup } from '../../shared/backup/read-backup';
import {
  writeBackup,
  type WriteBackupOptions,
  type WrittenBackup,
} from '../../shared/backup/write-backup';
import { fileStream } from './node-backup';

export const BACKUP_EXTENSION = '.cdbackup';
const PARTIAL_SUFFIX = '.partial';

export type WriteBackupFileOptions = Omit<WriteBackupOptions, 'write' | 'key' | 'primitives'> & {
  dir: string;
  /** The final file name, e.g. clinicdesk-2026-11-22-1830.cdbackup. */
  name: string;
  key: BackupKey;
  primitives: BackupPrimitives;
  /** After each step: written and flushed, read back and verified, renamed into place. */
  onPhase?: (phase: 'written' | 'verified' | 'renamed') => void;
};

/** Makes a directory entry durable (a rename is only safe once its directory is flushed). */
const syncDir = async (dir: string) => {
  if (process.platform === 'win32') return; // Windows cannot open a directory; NTFS journals renames
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};

/**
 * Writes a backup so that a crash or power cut at any moment leaves every earlier backup intact
 * (PRODUCT.md §5.2): into a temporary file, flushed to disk, read back and verified in full, and
 * only then renamed into place. A failure removes the temporary file and rethrows.
 */
export const writeBackupFile = async (
  options: WriteBackupFileOptions,
): Promise<WrittenBackup & { path: string; verified: ReadBackup }> => {
  const path = join(options.dir, options.name);
  const partial = `${path}${PARTIAL_SUFFIX}`;
  const handle = await open(partial, 'w');
  try {
    let written: WrittenBackup;
    try {
      written = await writeBackup({
        ...options,
        write: async (bytes) => {
          await handle.write(bytes);
        },
      });
      await handle.sync();
    } finally {
      await handle.close();
    }
    options.onPhase?.('written');
    const verified = await readBackup({
      source: fileStream(partial),
      primitives: options.primitives,
      key: options.key,
    });
    options.onPhase?.('verified');
    await rename(partial, path);
    await syncDir(options.dir);
    options.onPhase?.('renamed');
    return { ...written, path, verified };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
};

/** Removes what a crash left behind: temporary files of backups that never completed. */
export const removePartialBackups = async (dir: string): Promise<string[]> => {
  const names = (await readdir(dir)).filter((n) =>
    n.endsWith(`${BACKUP_EXTENSION}${PARTIAL_SUFFIX}`),
  );
  await Promise.all(names.map((n) => rm(join(dir, n), { force: true })));
  return names;
};
