import type { TFunction } from 'i18next';
import type {
  BackupFailure,
  BackupRecord,
  BackupStatus,
} from '../../../../shared/bridge/backup-host';
import { formatClinicTime } from '../../../../shared/clock/clinic-time';
import { RestoreFailure, type BadLineDetail } from './restore';

/** 1.2 MB, 340 KB: a size a person reads at a glance. */
export const formatBytes = (bytes: number): string => {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
};

/** "2026-11-22 18:30" on the clinic's clock. */
export const clinicMinute = (iso: string): string => formatClinicTime(iso).slice(0, 16);

const FAILURES = new Set<string>([
  'no-passphrase',
  'folder-unavailable',
  'disk-full',
  'write-failed',
  'verify-failed',
  'interrupted',
  'busy',
]);

/**
 * What went wrong with a backup, as a sentence: from the error's own reason when the host gave
 * one, else from the failed record the host has just added to the history.
 */
export const backupFailureSentence = (
  t: TFunction,
  error: unknown,
  newest?: BackupRecord,
): string => {
  const reason =
    (error as { failure?: string } | undefined)?.failure ??
    (newest?.state === 'failed' ? newest.failure : undefined);
  if (reason && FAILURES.has(reason)) return t(`backups.failures.${reason}`);
  console.error(error);
  return t('backups.failures.unexpected');
};

export const recordFailureSentence = (t: TFunction, failure: BackupFailure | undefined): string =>
  t(`backups.failures.${failure ?? 'unexpected'}`);

/** What is wrong with a refused row: "the field "password.iterations" is out of range". */
const rowProblemWords = (t: TFunction, issue: BadLineDetail['issue']): string =>
  issue
    ? t(`backups.restore.rowProblems.${issue.problem}`, {
        field: issue.field || t('backups.restore.wholeRow'),
      })
    : '';

export const restoreProblemSentence = (t: TFunction, error: unknown): string => {
  if (error instanceof RestoreFailure)
    return t(`backups.restore.problems.${error.problem}`, {
      offset: (error.offset ?? 0).toLocaleString('en-US'),
      line: (error.bad?.line ?? 0).toLocaleString('en-US'),
      table: error.bad?.table
        ? t(`backups.restore.tables.${error.bad.table}`, { defaultValue: error.bad.table })
        : '',
      what: rowProblemWords(t, error.bad?.issue),
    });
  console.error(error);
  return t('backups.restore.problems.import-failed');
};

export const newestRecord = (status: BackupStatus | undefined): BackupRecord | undefined =>
  status?.history[0];
