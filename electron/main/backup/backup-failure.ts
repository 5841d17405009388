import { BackupError } from '../../../shared/backup/backup-error';
import type { BackupFailure } from '../../../shared/bridge/backup-host';

const SENTENCES: Record<BackupFailure, string> = {
  'no-passphrase': 'no backup passphrase is kept on this PC: set it on the Backups screen',
  'folder-unavailable':
    'the backup folder cannot be written: connect its drive or choose another folder',
  'disk-full': 'the disk of the backup folder is full: free some space or choose another folder',
  'write-failed': 'the backup file could not be written',
  'verify-failed': 'the backup file did not read back as written: the disk may be failing',
  interrupted: 'the backup was stopped before it finished',
};

/**
 * Why a backup failed, for the history and the page. Its message is fixed text: never a path, a
 * clinic name or row content (Electron logs a handler's error, and sends its message to the page).
 */
export class BackupHostFailure extends Error {
  constructor(readonly reason: BackupFailure) {
    super(`backup failed (${reason}): ${SENTENCES[reason]}`);
    this.name = 'BackupHostFailure';
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** A refusal that is no failed backup (a second backup while one runs, an unknown session). */
export class BackupRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupRefusal';
    this.stack = `${this.name}: ${this.message}`;
  }
}

const FOLDER_GONE = new Set(['ENOENT', 'ENOTDIR', 'EACCES', 'EPERM', 'EROFS', 'ENODEV', 'ENXIO']);

/** What went wrong, from whatever the writer threw. */
export const failureOf = (error: unknown): BackupFailure => {
  if (error instanceof BackupHostFailure) return error.reason;
  if (error instanceof BackupError) return 'verify-failed';
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'disk-full';
  if (typeof code === 'string' && FOLDER_GONE.has(code)) return 'folder-unavailable';
  return 'write-failed';
};
