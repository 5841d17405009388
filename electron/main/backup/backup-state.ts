import { readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import { DEFAULT_ROTATION } from '../../../shared/backup/rotation';
import { DEFAULT_BACKUP_TIME } from '../../../shared/backup/schedule';
import {
  backupRecordSchema,
  keptBackupSettingsSchema,
  MAX_HISTORY,
  type BackupRecord,
  type BackupSettings,
} from '../../../shared/bridge/backup-host';
import { createAtomicWriter } from './atomic-file';

/** A history record as kept on disk: also the folder its file was written to. */
export const storedRecordSchema = backupRecordSchema.extend({
  folder: z.string().max(1000).optional(),
});
export type StoredRecord = z.infer<typeof storedRecordSchema>;

const stateSchema = z.object({
  version: z.literal(1),
  /** Absent: the default folder, userData/Backups. */
  folder: z.string().max(1000).optional(),
  settings: keptBackupSettingsSchema,
  history: z.array(storedRecordSchema).max(MAX_HISTORY),
});
export type BackupState = z.infer<typeof stateSchema>;

export const DEFAULT_SETTINGS: BackupSettings = {
  dailyTime: DEFAULT_BACKUP_TIME,
  rotation: { ...DEFAULT_ROTATION },
};

const emptyState = (): BackupState => ({ version: 1, settings: DEFAULT_SETTINGS, history: [] });

/** The record as the page sees it: where the file lives is the host's business. */
export const publicRecord = ({ folder: _folder, ...record }: StoredRecord): BackupRecord => record;

/** Newest first, at most MAX_HISTORY: the oldest records fall off. */
export const withRecord = (history: readonly StoredRecord[], record: StoredRecord) =>
  [record, ...history].slice(0, MAX_HISTORY);

/** The newest backup that was verified: what the schedule and the "last good backup" line go by. */
export const lastGood = (history: readonly StoredRecord[]) =>
  history.find((record) => record.state === 'verified');

/**
 * Settings and history in one small JSON file (userData/backup-state.json), replaced atomically.
 * A damaged file is set aside, not overwritten, and the defaults apply: backups keep running.
 */
export const createStateFile = (file: string) => {
  const writeAtomically = createAtomicWriter();
  return {
    async load(): Promise<BackupState> {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        return emptyState();
      }
      const parsed = stateSchema.safeParse(safeJson(text));
      if (parsed.success) return parsed.data;
      await rename(file, `${file}.damaged`).catch(() => undefined);
      return emptyState();
    },
    save: (state: BackupState) => writeAtomically(file, JSON.stringify(state, null, 1)),
  };
};

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
