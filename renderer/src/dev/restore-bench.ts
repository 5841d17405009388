import { demoStoreRows } from '../../../shared/demo/demo-store';
import { newId } from '../../../shared/ids';
import { restoredStoreName } from '../db/active-store';
import { ClinicDb } from '../db/database';
import { dropStore } from '../db/store-export';
import { readBackupIntoNewStore } from '../features/backups/restore';

/** One progress report as the dialog received it, stamped with the page's clock. */
export type ProgressSample = { ms: number; fileBytes: number };

/**
 * The floor (tests/bench/restore.bench.ts): the rows of the backed-up clinic bulk-added into a
 * fresh store with the app's schema, as fast as Dexie goes: one table after another, `batch` rows
 * a call. The rows are made in the page first (not timed), from the same seed as the file.
 */
export const restoreFloorTimed = async (input: {
  patients: number;
  seed: number;
  endDate: string;
  batch: number;
}) => {
  const byTable = new Map<string, Record<string, unknown>[]>();
  for await (const { table, row } of demoStoreRows(input)) {
    const rows = byTable.get(table) ?? [];
    rows.push(row);
    byTable.set(table, rows);
  }
  const db = new ClinicDb(restoredStoreName(newId()));
  try {
    await db.open();
    const started = performance.now();
    let rows = 0;
    for (const [table, all] of byTable) {
      for (let i = 0; i < all.length; i += input.batch)
        await db.table(table).bulkAdd(all.slice(i, i + input.batch));
      rows += all.length;
    }
    return { rows, ms: performance.now() - started };
  } finally {
    await dropStore(db);
  }
};

/**
 * The app's restore of a chosen file, as the dialog runs it: into a new store, timed to the
 * preview, with every progress report kept. The new store is dropped afterwards.
 */
export const restoreTimed = async (input: { file: Blob; passphrase: string }) => {
  const target = new ClinicDb(restoredStoreName(newId()));
  const samples: ProgressSample[] = [];
  const started = performance.now();
  try {
    const preview = await readBackupIntoNewStore({
      file: input.file,
      passphrase: input.passphrase,
      target,
      onProgress: (fileBytes) => samples.push({ ms: performance.now() - started, fileBytes }),
    });
    const ms = performance.now() - started;
    const rows = Object.values(preview.tables).reduce((sum, n) => sum + n, 0);
    const stored = await Promise.all(target.tables.map((t) => t.count()));
    return { ms, rows, storedRows: stored.reduce((sum, n) => sum + n, 0), samples };
  } finally {
    await dropStore(target).catch(() => undefined);
  }
};
