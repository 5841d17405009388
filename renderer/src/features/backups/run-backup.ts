import type { Checkpoint } from '../../../../shared/audit/checkpoint';
import {
  MAX_WRITE_BYTES,
  type BackupHost,
  type BackupRecord,
  type BackupTrigger,
} from '../../../../shared/bridge/backup-host';
import { currentSchemaVersion } from '../../../../shared/db/schema';
import { anchoringOf } from '../../db/chain-anchor';
import type { ClinicDb } from '../../db/database';
import { readSetting } from '../../db/settings';
import { backupTables, exportStore } from '../../db/store-export';

export type BackupProgress = { rows: number; totalRows: number; bytes: number };

/** Rows the export will write, for the progress bar (counted before, so only about right). */
const countRows = async (db: ClinicDb): Promise<number> =>
  (await Promise.all(backupTables.map((t) => db.table(t).count()))).reduce((a, b) => a + b, 0);

/**
 * The audit chains' checkpoints for the manifest, read before the export: the chains exported can
 * only have grown past them. One whose signature fails is the audit screen's alarm, not a
 * checkpoint to carry on. An anchor that cannot be read does not cost the clinic its backup: the
 * file then has none (its preview says so) and the audit screen's verify reports the failure.
 */
const checkpointsFor = async (db: ClinicDb): Promise<Checkpoint[] | undefined> => {
  const kept = await anchoringOf(db)
    ?.checkpoints()
    .catch(() => undefined);
  return kept
    ?.filter((checkpoint) => checkpoint.signatureValid)
    .map(({ signatureValid: _valid, ...checkpoint }) => checkpoint);
};

/**
 * One backup, whatever the host (PRODUCT.md §5): the store's export streams from IndexedDB into
 * the host page by page, the store's writes held meanwhile; the host encrypts, writes, verifies
 * and keeps the file. Resolves with the host's record (verified, or failed with its reason); an
 * error while reading the store aborts the host's file and rejects.
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
  const checkpoints = await checkpointsFor(db);
  const { session } = await host.begin({
    trigger: input.trigger,
    clinicName: clinic?.name ?? '',
    schemaVersion: currentSchemaVersion,
    ...(checkpoints ? { checkpoints } : {}),
  });
  // Writes wait while the export reads (db/write-gate.ts): its pages are one snapshot.
  const exported = await db.writeGate.hold(async () => {
    const exported = exportStore(db, (rows) => {
      progress.rows = rows;
    });
    const reader = exported.stream.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return exported;
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
  });
  return host.finish(session, exported.counts);
};
