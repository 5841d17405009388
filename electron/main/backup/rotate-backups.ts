import { open, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { HEADER_HASH_BYTES, MAX_HEADER_BYTES, PREFIX_BYTES } from '../../../shared/backup/format';
import { inspectBackup } from '../../../shared/backup/read-backup';
import {
  backupsToKeep,
  type RotationPolicy,
  type StoredBackup,
} from '../../../shared/backup/rotation';
import { backupTimeFromName, isOurBackupName } from './backup-names';
import type { StoredRecord } from './backup-state';

const MOST_HEADER_BYTES = PREFIX_BYTES + MAX_HEADER_BYTES + HEADER_HASH_BYTES;

/**
 * The key a file was sealed with, from its header (no passphrase needed): its key check, which is
 * keyIdOf the key. Undefined when the header cannot be read, which rotation treats as an earlier
 * key: a file it cannot tell is kept, never taken for the current key's.
 */
export const keyIdOfFile = async (path: string): Promise<string | undefined> => {
  try {
    const file = await open(path, 'r');
    try {
      const buffer = new Uint8Array(MOST_HEADER_BYTES);
      const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
      const bytes = buffer.subarray(0, bytesRead);
      const source = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes);
          controller.close();
        },
      });
      return (await inspectBackup(source)).header.keyCheck;
    } finally {
      await file.close();
    }
  } catch {
    return undefined;
  }
};

/**
 * Applies the rotation (PRODUCT.md §5.4) to the backup folder after a verified backup. Only files
 * named as ClinicDesk names its backups are considered: a file the owner put there is never
 * touched. Every such file was verified before it got its name (writeBackupFile renames only
 * then), so each counts as verified; its time comes from the history, or from its name; its key
 * from its header, so that backups sealed with an earlier key stay until the current key is
 * established (shared/backup/rotation.ts). Resolves with the names deleted; a file that cannot
 * be deleted is left for the next rotation.
 */
export const rotateBackups = async (options: {
  folder: string;
  history: readonly StoredRecord[];
  policy: RotationPolicy;
  timeZone: string;
  /** The backup just written: kept whatever the clock says about the others. */
  newest: string;
  /** keyIdOf the key backups are sealed with now. */
  currentKeyId: string | undefined;
}): Promise<string[]> => {
  const known = new Map(
    options.history
      .filter(
        (r) => r.state === 'verified' && (r.folder === undefined || r.folder === options.folder),
      )
      .map((r) => [r.fileName, Date.parse(r.startedAt)] as const),
  );
  const stored: StoredBackup[] = [];
  for (const name of (await readdir(options.folder)).filter(isOurBackupName)) {
    const createdAt = known.get(name) ?? backupTimeFromName(name, options.timeZone);
    if (createdAt !== undefined && Number.isFinite(createdAt))
      stored.push({
        name,
        createdAt,
        verified: true,
        keyId: await keyIdOfFile(join(options.folder, name)),
      });
  }
  const keep = backupsToKeep(stored, options.policy, {
    currentKeyId: options.currentKeyId,
    timeZone: options.timeZone,
  });
  keep.add(options.newest);
  const doomed = stored.filter((b) => !keep.has(b.name)).map((b) => b.name);
  const deleted: string[] = [];
  for (const name of doomed) {
    try {
      await rm(join(options.folder, name));
      deleted.push(name);
    } catch {
      // Left for the next rotation; a backup that cannot be deleted is no reason to fail one.
    }
  }
  return deleted;
};
