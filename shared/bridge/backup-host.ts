import { z } from 'zod';
import { checkpointSchema, MAX_ANCHORED_DEVICES } from '../audit/checkpoint';
import { atLeastMinimum, MIN_ROTATION } from '../backup/rotation';
import { isDailyTime } from '../backup/schedule';

/**
 * The contract between the renderer and whatever keeps the backup files (PRODUCT.md §5,
 * docs/architecture.md "Backups"). The renderer holds the data and streams the store's export in; the
 * host owns the key, the files, the schedule and the history. The Electron main process is one
 * host (files on disk, key in the OS keychain through safeStorage); the browser is the other
 * (a folder chosen through the File System Access API, or downloads). Both `satisfies BackupHost`.
 */

/** Why a backup was made. */
export const backupTriggerSchema = z.enum(['scheduled', 'manual', 'before-restore']);
export type BackupTrigger = z.infer<typeof backupTriggerSchema>;

/** Why a backup failed; the UI says what to do for each. */
export const backupFailureSchema = z.enum([
  'no-passphrase',
  'folder-unavailable',
  'disk-full',
  'write-failed',
  'verify-failed',
  'interrupted',
]);
export type BackupFailure = z.infer<typeof backupFailureSchema>;

export const backupRecordSchema = z.object({
  id: z.string().max(64),
  fileName: z.string().max(200),
  trigger: backupTriggerSchema,
  startedAt: z.string().max(40),
  finishedAt: z.string().max(40),
  state: z.enum(['verified', 'failed']),
  failure: backupFailureSchema.optional(),
  /** Size of the file, when one was written. */
  bytes: z.number().int().min(0).optional(),
  /** Rows per table, as the manifest says. */
  tables: z.record(z.string().max(40), z.number().int().min(0)).optional(),
});
export type BackupRecord = z.infer<typeof backupRecordSchema>;

/** What the owner may choose: never fewer copies than MIN_ROTATION (hardening item 12). */
export const rotationSchema = z
  .object({
    daily: z.number().int().min(MIN_ROTATION.daily).max(60),
    weekly: z.number().int().min(MIN_ROTATION.weekly).max(52),
    monthly: z.number().int().min(MIN_ROTATION.monthly).max(120),
  })
  .strict();

const dailyTimeSchema = z.string().refine(isDailyTime, 'HH:mm');

export const backupSettingsSchema = z
  .object({
    /** "HH:mm" on the clinic's clock; default 18:30. */
    dailyTime: dailyTimeSchema,
    rotation: rotationSchema,
  })
  .strict();
export type BackupSettings = z.infer<typeof backupSettingsSchema>;

/**
 * Settings as a host has kept them: a rotation saved before the minimum existed (as few as 1/0/0)
 * is read as the minimum, never refused, so an upgrade loses neither the settings nor the history.
 */
export const keptBackupSettingsSchema = z
  .object({
    dailyTime: dailyTimeSchema,
    rotation: z
      .object({
        daily: z.number().int().min(0).max(60),
        weekly: z.number().int().min(0).max(52),
        monthly: z.number().int().min(0).max(120),
      })
      .strict()
      .transform(atLeastMinimum),
  })
  .strict();

export const backupStatusSchema = z.object({
  /** A key is kept for unattended backups (the owner has set the passphrase on this PC). */
  passphraseSet: z.boolean(),
  /**
   * Where the desktop keeps the key. 'os-keychain': encrypted by the OS (Electron safeStorage), so
   * backups run unattended after every start. 'this-session': the OS offers no keychain (Linux
   * without a keyring), the key is never written in plain text, only held until the app closes:
   * the owner types the passphrase again after each start. Absent in a browser.
   */
  keyStorage: z.enum(['os-keychain', 'this-session']).optional(),
  /**
   * Names the key backups are made with (shared/backup/backup-key.ts `keyIdOf`): the key check
   * every file made with it carries, readable in its header without the passphrase, so no secret.
   * A restore compares a file's with it (hardening item 10). Absent while no passphrase is set.
   */
  keyId: z.string().max(64).optional(),
  /** Where daily backups go: a path on the desktop, a folder name in a browser; absent: downloads. */
  folder: z.string().max(1000).optional(),
  settings: keptBackupSettingsSchema,
  /** Newest first, at most MAX_HISTORY. */
  history: z.array(backupRecordSchema).max(200),
});
export type BackupStatus = z.infer<typeof backupStatusSchema>;
export const MAX_HISTORY = 200;

/** The passphrase the owner typed; its strength rule is shared/backup/passphrase.ts. */
export const passphraseInputSchema = z.string().min(1).max(200);

export const backupBeginSchema = z
  .object({
    trigger: backupTriggerSchema,
    clinicName: z.string().max(80),
    schemaVersion: z.number().int().min(1),
    /** The audit chains' signed checkpoints, for the manifest (shared/audit/checkpoint.ts). */
    checkpoints: z.array(checkpointSchema).max(MAX_ANCHORED_DEVICES).optional(),
  })
  .strict();
export type BackupBegin = z.infer<typeof backupBeginSchema>;

/** One piece of the store's export (NDJSON bytes); at most 8 MiB per call. */
export const MAX_WRITE_BYTES = 8 * 1024 * 1024;
export const backupWriteSchema = z
  .object({
    session: z.string().min(1).max(64),
    bytes: z.instanceof(Uint8Array).refine((b) => b.length <= MAX_WRITE_BYTES, 'too large'),
  })
  .strict();

export const backupFinishSchema = z
  .object({
    session: z.string().min(1).max(64),
    /** Rows exported per table: the manifest's counts. */
    tables: z.record(z.string().max(40), z.number().int().min(0)),
  })
  .strict();

export const backupSessionSchema = z.object({ session: z.string().min(1).max(64) }).strict();
export const backupIdSchema = z.object({ id: z.string().min(1).max(64) }).strict();

export const exportOutcomeSchema = z.enum(['exported', 'cancelled']);
export type ExportOutcome = z.infer<typeof exportOutcomeSchema>;

export type BackupHost = {
  status(): Promise<BackupStatus>;
  /** Derives and keeps the key (PBKDF2, 600,000 rounds); rejects a passphrase that is too short. */
  setPassphrase(passphrase: string): Promise<BackupStatus>;
  saveSettings(settings: BackupSettings): Promise<BackupStatus>;
  /** Lets the owner choose the folder for the daily backups (a dialog); unchanged if cancelled. */
  chooseFolder(): Promise<BackupStatus>;
  /** Starts a backup; the renderer then writes the export and finishes (or aborts). */
  begin(input: BackupBegin): Promise<{ session: string }>;
  write(session: string, bytes: Uint8Array): Promise<void>;
  /** Closes the file, verifies it in full, renames it into place, rotates; resolves with its record. */
  finish(session: string, tables: Record<string, number>): Promise<BackupRecord>;
  abort(session: string): Promise<void>;
  /** Copies a verified backup somewhere the owner chooses (a USB drive), or downloads it. */
  exportTo(id: string): Promise<ExportOutcome>;
  /** The host's schedule says a backup is owed now (at the daily time, or at start after a missed one). */
  onDue(listener: () => void): () => void;
};

/**
 * IPC channel names of the desktop host, and the zod schema the main process validates each
 * request with (docs/architecture.md "Security"). `due` goes the other way: main to page, no payload.
 */
export const backupIpc = {
  status: { channel: 'clinicdesk:backup-status', input: z.undefined() },
  setPassphrase: { channel: 'clinicdesk:backup-set-passphrase', input: passphraseInputSchema },
  saveSettings: { channel: 'clinicdesk:backup-save-settings', input: backupSettingsSchema },
  chooseFolder: { channel: 'clinicdesk:backup-choose-folder', input: z.undefined() },
  begin: { channel: 'clinicdesk:backup-begin', input: backupBeginSchema },
  write: { channel: 'clinicdesk:backup-write', input: backupWriteSchema },
  finish: { channel: 'clinicdesk:backup-finish', input: backupFinishSchema },
  abort: { channel: 'clinicdesk:backup-abort', input: backupSessionSchema },
  exportTo: { channel: 'clinicdesk:backup-export', input: backupIdSchema },
  due: { channel: 'clinicdesk:backup-due' },
} as const;

export const backupSessionAnswerSchema = z.object({ session: z.string().min(1).max(64) }).strict();
