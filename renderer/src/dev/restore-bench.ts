import Dexie from 'dexie';
import { currentSchema, currentSchemaVersion } from '../../../shared/db/schema';
import { demoStoreRows } from '../../../shared/demo/demo-store';
import { newId } from '../../../shared/ids';
import { restoredStoreName } from '../db/active-store';
import { ClinicDb } from '../db/database';
import { PAYLOAD_LIMITS, payloadLineBatches } from '../../../shared/backup/payload';
import { webPrimitives } from '../../../shared/backup/primitives';
import { readBackup } from '../../../shared/backup/read-backup';
import { checkedRows } from '../../../shared/backup/row-schemas';
import { dropStore } from '../db/store-export';
import { readBackupIntoNewStore, type RestoreProgress } from '../features/backups/restore';

/** One progress report as the dialog received it, stamped with the page's clock. */
export type ProgressSample = { ms: number; progress: RestoreProgress };

/**
 * How the floor's store is made: IndexedDB's durability, and its indexes: the app's from the
 * start, none at all, or none while loading and the app's built after (loadThenIndex).
 */
export type FloorVariant = {
  durability: 'default' | 'relaxed';
  indexes: 'app' | 'primary-keys-only' | 'built-after';
};

/** The app's tables with their primary keys only. */
const keysOnly: Record<string, string> = Object.fromEntries(
  Object.entries(currentSchema.stores).map(([table, spec]) => [table, spec.split(',')[0]!]),
);

/** A store of them: what writing rows costs without any index. */
const primaryKeysOnly = (name: string, durability: FloorVariant['durability']) => {
  const db = new Dexie(name, { chromeTransactionDurability: durability });
  db.version(currentSchemaVersion).stores(keysOnly);
  return db;
};

const bulkAddAll = async (
  db: Dexie,
  byTable: Map<string, Record<string, unknown>[]>,
  batch: number,
) => {
  for (const [table, all] of byTable)
    for (let i = 0; i < all.length; i += batch)
      await db.table(table).bulkAdd(all.slice(i, i + batch));
};

/**
 * The tried alternative of building the indexes after the load: the tables made with their
 * primary keys only (IndexedDB version 1, below the app's first), loaded, then given the app's
 * indexes in one upgrade by a plain Dexie (none of ClinicDb's upgrade functions run), so the
 * store then opens as any ClinicDb. Kept here to show why the restore does not do it: Chromium
 * builds an index over a full table much more slowly than it keeps it up to date row by row.
 */
const LOADING_VERSION = 0.1;
const loadThenIndex = async (
  name: string,
  byTable: Map<string, Record<string, unknown>[]>,
  batch: number,
) => {
  const loading = new Dexie(name);
  loading.version(LOADING_VERSION).stores(keysOnly);
  await bulkAddAll(loading, byTable, batch);
  loading.close();
  const indexing = new Dexie(name);
  indexing.version(LOADING_VERSION).stores(keysOnly);
  indexing.version(currentSchemaVersion).stores(currentSchema.stores);
  await indexing.open();
  indexing.close();
};

/**
 * The floor (tests/bench/restore.bench.ts): the rows of the backed-up clinic bulk-added into a
 * fresh store, as fast as Dexie goes: one table after another, `batch` rows a call. The rows are
 * made in the page first (not timed), from the same seed as the file.
 */
export const restoreFloorTimed = async (input: {
  patients: number;
  seed: number;
  endDate: string;
  batch: number;
  variant: FloorVariant;
}) => {
  const byTable = new Map<string, Record<string, unknown>[]>();
  for await (const { table, row } of demoStoreRows(input)) {
    const rows = byTable.get(table) ?? [];
    rows.push(row);
    byTable.set(table, rows);
  }
  const name = restoredStoreName(newId());
  const { durability, indexes } = input.variant;
  const rows = [...byTable.values()].reduce((sum, all) => sum + all.length, 0);
  if (indexes === 'built-after') {
    const target = new ClinicDb(name);
    try {
      const started = performance.now();
      await loadThenIndex(name, byTable, input.batch);
      await target.open();
      return { rows, ms: performance.now() - started };
    } finally {
      await target.delete();
    }
  }
  const db =
    indexes === 'app'
      ? new ClinicDb(name, { chromeTransactionDurability: durability })
      : primaryKeysOnly(name, durability);
  try {
    await db.open();
    const started = performance.now();
    await bulkAddAll(db, byTable, input.batch);
    return { rows, ms: performance.now() - started };
  } finally {
    await db.delete();
  }
};

/**
 * The app's restore of a chosen file, as the dialog runs it: into a new store, timed to the
 * preview, with every progress report kept. The new store is dropped afterwards.
 */
export const restoreTimed = async (input: {
  file: Blob;
  passphrase: string;
  batchRows?: number;
}) => {
  const target = new ClinicDb(restoredStoreName(newId()));
  const samples: ProgressSample[] = [];
  const started = performance.now();
  try {
    const preview = await readBackupIntoNewStore({
      file: input.file,
      passphrase: input.passphrase,
      target,
      ...(input.batchRows ? { batchRows: input.batchRows } : {}),
      onProgress: (progress) => samples.push({ ms: performance.now() - started, progress }),
    });
    const ms = performance.now() - started;
    const rows = Object.values(preview.tables).reduce((sum, n) => sum + n, 0);
    const stored = await Promise.all(target.tables.map((t) => t.count()));
    return { ms, rows, storedRows: stored.reduce((sum, n) => sum + n, 0), samples };
  } finally {
    await dropStore(target).catch(() => undefined);
  }
};

/**
 * The restore without the store: the file decrypted, inflated, hashed, split into lines and
 * every row checked against its schema, the rows thrown away. What the CPU side costs alone.
 */
export const readAndCheckTimed = async (input: { file: Blob; passphrase: string }) => {
  const started = performance.now();
  let rows = 0;
  const split = payloadLineBatches(PAYLOAD_LIMITS);
  const piping = split.readable
    .pipeThrough(checkedRows())
    .pipeTo(new WritableStream({ write: (batch) => void (rows += batch.length) }));
  const writer = split.writable.getWriter();
  let keyMs = 0;
  await readBackup({
    source: input.file.stream() as ReadableStream<Uint8Array>,
    primitives: webPrimitives,
    passphrase: input.passphrase,
    onPayload: async (bytes) => {
      if (keyMs === 0) keyMs = performance.now() - started;
      await writer.write(bytes);
    },
  });
  await writer.close();
  await piping;
  return { ms: performance.now() - started, keyMs, rows };
};
