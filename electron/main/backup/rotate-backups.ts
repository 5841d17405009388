import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  backupsToKeep,
  type RotationPolicy,
  type StoredBackup,
} from '../../../shared/backup/rotation';
import { backupTimeFromName, isOurBackupName } from './backup-names';
import type { StoredRecord } from './backup-state';

/**
 * Applies the rotation (PRODUCT.md §5.4) to the backup folder after a verified backup. Only files
 * named as ClinicDesk names its backups are considered: a file the owner put there is never
 * touched. Every such file was verified before it got its name (writeBackupFile renames only
 * then), so each counts as verified; its time comes from the history, or from its name.
 * Resolves with the names deleted; a file that cannot be deleted is left for the next rotation.
 */
export const rotateBackups = async (options: {
  folder: string;
  history: readonly StoredRecord[];
  policy: RotationPolicy;
  timeZone: string;
  /** The backup just written: kept whatever the clock says about the others. */
  newest: string;
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
      stored.push({ name, createdAt, verified: true });
  }
  const keep = backupsToKeep(stored, options.policy, options.timeZone);
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
