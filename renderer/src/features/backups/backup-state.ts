import { create } from 'zustand';
import { backupOverdue } from '../../../../shared/backup/schedule';
import type {
  BackupHost,
  BackupRecord,
  BackupStatus,
  BackupTrigger,
} from '../../../../shared/bridge/backup-host';
import type { ClinicDb } from '../../db/database';
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

/**
 * One backup at a time: a second request while one runs is refused (undefined). Rejects when
 * the store could not be read or the host refused to start; the history then says why.
 */
export const backUp = async (
  db: ClinicDb,
  host: BackupHost,
  trigger: BackupTrigger,
): Promise<BackupRecord | undefined> => {
  if (useBackupState.getState().running) return undefined;
  useBackupState.setState({ running: { trigger, rows: 0, totalRows: 0, bytes: 0 } });
  try {
    return await runBackup({
      db,
      host,
      trigger,
      onProgress: (progress) => useBackupState.setState({ running: { trigger, ...progress } }),
    });
  } finally {
    useBackupState.setState({ running: undefined });
    await refreshBackupStatus(host).catch(() => undefined);
  }
};
