import { create } from 'zustand';
import { backupOverdue } from '../../../../shared/backup/schedule';
import type {
  BackupHost,
  BackupRecord,
  BackupStatus,
  BackupTrigger,
} from '../../../../shared/bridge/backup-host';
import { recordBackupFinished, recordBackupRefused } from '../../db/backup-audit';
import type { Actor, StoreContext } from '../../db/write';
import { runBackup, type BackupProgress } from './run-backup';

/**
 * UI state of backups: the host's last status and the backup running now, shared by the
 * Backups screen, the overdue banner and the scheduler. The host keeps the truth.
 */
type BackupState = {
  status: BackupStatus | undefined;
  running: ({ trigger: BackupTrigger } & BackupProgress) | undefined;
  /** Whether the browser agreed to keep this site's data (navigator.storage.persist()). */
  persisted: boolean | undefined;
};

export const useBackupState = create<BackupState>(() => ({
  status: undefined,
  running: undefined,
  persisted: undefined,
}));

export const refreshBackupStatus = async (host: BackupHost): Promise<BackupStatus> => {
  const status = await host.status();
  useBackupState.setState({ status });
  return status;
};

/** The newest verified backup's finish time (epoch ms). */
export const lastGoodBackup = (status: BackupStatus | undefined): BackupRecord | undefined =>
  status?.history.find((record) => record.state === 'verified');

export const isOverdue = (status: BackupStatus, now: number): boolean => {
  const last = lastGoodBackup(status);
  return backupOverdue(last ? Date.parse(last.finishedAt) : undefined, now);
};

/** The audit event must not hide how the backup ended: a failure to write it is only logged. */
const audited = (write: () => Promise<unknown>) =>
  write().catch((error: unknown) => console.error('backup audit event not recorded', error));

/**
 * One backup at a time: a second request while one runs is refused (undefined). Rejects when
 * the store could not be read or the host refused to start; the history then says why. Every
 * backup that starts, verified or failed, goes into the audit log of the store it backed up.
 */
export const backUp = async (
  ctx: StoreContext,
  host: BackupHost,
  trigger: BackupTrigger,
  actor: Actor,
): Promise<BackupRecord | undefined> => {
  if (useBackupState.getState().running) return undefined;
  useBackupState.setState({ running: { trigger, rows: 0, totalRows: 0, bytes: 0 } });
  try {
    const record = await runBackup({
      db: ctx.db,
      host,
      trigger,
      onProgress: (progress) => useBackupState.setState({ running: { trigger, ...progress } }),
    });
    await audited(() => recordBackupFinished(ctx, actor, record));
    return record;
  } catch (error) {
    const failure = (error as { failure?: unknown } | undefined)?.failure;
    await audited(() =>
      recordBackupRefused(ctx, actor, typeof failure === 'string' ? failure : 'unexpected'),
    );
    throw error;
  } finally {
    useBackupState.setState({ running: undefined });
    await refreshBackupStatus(host).catch(() => undefined);
  }
};
