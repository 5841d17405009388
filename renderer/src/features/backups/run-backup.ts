import {
  MAX_WRITE_BYTES,
  type BackupHost,
  type BackupRecord,
  type BackupTrigger,
} from '../../../../shared/bridge/backup-host';
import { currentSchemaVersion } from '../../../../shared/db/schema';
import type { ClinicDb } from '../../db/database';
import { readSetting } from '../../db/settings';
import { backupTables, exportStore } from '../../db/store-export';

export type BackupProgress = { rows: number; totalRows: number; bytes: number };

/** Rows the export will write, for the progress bar (counted before, so only about right). */
const countRows = async (db: ClinicDb): Promise<number> =>
  (await Promise.all(backupTables.map((t) => db.table(t).count()))).reduce((a, b) => a + b, 0);

/**
 * One backup, whatever the host (PRODUCT.md §5): the store's export streams from IndexedDB into
 * the host page by page; the host encrypts, writes, verifies and keeps the file. Resolves with
 * the host's record (verified, or failed with its reason); an error while reading the store
 * aborts the host's file and rejects.
 */
export const runBackup = async (input: {
  db: ClinicDb;
  host: BackupHost;
  trigger: BackupTrigger;
  onProgress?: (progress: BackupProgress) => void;
}): Promise<BackupRecord> => {
  const { db, host } = input;
  const clinic = await readSetting(db, 'clinic');
  const totalRows = await countRows(db);
  const progress: BackupProgress = { rows: 0, totalRows, bytes: 0 };
  const { session } = await host.begin({
    trigger: input.trigger,
    clinicName: clinic?.name ?? '',
    schemaVersion: currentSchemaVersion,
  });
  const exported = exportStore(db, (rows) => {
    progress.rows = rows;
  });
  const reader = exported.stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (let at = 0; at < value.length; at += MAX_WRITE_BYTES)
        await host.write(session, value.subarray(at, at + MAX_WRITE_BYTES));
      progress.bytes += value.length;
      input.onProgress?.({ ...progress, totalRows: Math.max(totalRows, progress.rows) });
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    await host.abort(session).catch(() => undefined);
    throw error;
  }
  return host.finish(session, exported.counts);
};
