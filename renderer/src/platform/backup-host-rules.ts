import { BackupError } from '../../../shared/backup/backup-error';
import { keyIdOf } from '../../../shared/backup/backup-key';
import { backupsToKeep } from '../../../shared/backup/rotation';
import type {
  BackupFailure,
  BackupRecord,
  BackupTrigger,
} from '../../../shared/bridge/backup-host';
import { formatClinicTime } from '../../../shared/clock/clinic-time';
import type { BackupFolder } from './backup-output';
import type { BackupHostDb, HostRecord } from './backup-host-db';

/** clinicdesk-2026-11-22-183000.cdbackup on the clinic's clock; a safety copy says so. */
export const backupFileName = (at: number, trigger: BackupTrigger): string => {
  const stamp = formatClinicTime(new Date(at).toISOString()).replace(' ', '-').replaceAll(':', '');
  return `clinicdesk-${stamp}${trigger === 'before-restore' ? '-before-restore' : ''}.cdbackup`;
};

/** The newest verified backup's time (epoch ms): what the overdue banner and the schedule go by. */
export const lastGoodAt = (records: readonly HostRecord[]): number | undefined => {
  const times = records.filter((r) => r.state === 'verified').map((r) => Date.parse(r.finishedAt));
  return times.length > 0 ? Math.max(...times) : undefined;
};

export const failureOf = (error: unknown, stage: 'write' | 'verify'): BackupFailure => {
  if (error instanceof BackupError) return 'verify-failed';
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'QuotaExceededError') return 'disk-full';
  if (name === 'NotAllowedError' || name === 'NotFoundError' || name === 'InvalidStateError')
    return 'folder-unavailable';
  return stage === 'verify' ? 'verify-failed' : 'write-failed';
};

/**
 * Deletes the folder's backups that the rotation no longer keeps (PRODUCT.md §5.4); the newest
 * verified one is always kept, and those sealed with an earlier key stay until the current key
 * is established (shared/backup/rotation.ts). Only files this browser wrote into the folder are
 * touched.
 */
export const rotateFolder = async (db: BackupHostDb, folder: BackupFolder): Promise<string[]> => {
  const policy = (await db.settings()).rotation;
  const key = await db.key();
  const inFolder = (await db.history.toArray()).filter(
    (r) => r.inFolder && !r.rotatedOut && r.state === 'verified',
  );
  const keep = backupsToKeep(
    inFolder.map((r) => ({
      name: r.id,
      createdAt: Date.parse(r.startedAt),
      verified: true,
      keyId: r.keyId,
    })),
    policy,
    { currentKeyId: key ? keyIdOf(key) : undefined },
  );
  const gone: string[] = [];
  for (const record of inFolder.filter((r) => !keep.has(r.id))) {
    await folder.removeEntry(record.fileName).catch((error: DOMException) => {
      if (error.name !== 'NotFoundError') throw error;
    });
    await db.history.update(record.id, { rotatedOut: true });
    gone.push(record.fileName);
  }
  return gone;
};

/** The record as the page sees it: where the file is and which key sealed it stay in the host. */
export const publicRecord = ({
  inFolder: _f,
  rotatedOut: _r,
  keyId: _k,
  ...record
}: HostRecord): BackupRecord => record;
