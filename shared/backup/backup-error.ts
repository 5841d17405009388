/**
 * Why a backup file cannot be used. The UI and the CLI turn the reason into a sentence that
 * says what to do; `offset` says where the damage starts, for support.
 */
export type BackupErrorReason =
  'not-a-backup' | 'newer-format' | 'wrong-passphrase' | 'corrupted' | 'truncated';

export class BackupError extends Error {
  constructor(
    readonly reason: BackupErrorReason,
    message: string,
    /** About where in the file the damage was found. */
    readonly offset?: number,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}
