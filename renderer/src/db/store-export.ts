import type { IndexableType } from 'dexie';
import { blobsIn, encodeLine, type PayloadLine } from '../../../shared/backup/payload';
import { tableNames, type TableName } from '../../../shared/db/schema';
import type { ClinicDb } from './database';
import { upgradeImportedRow } from './staff-roles-upgrade';
import { pinyinReadings } from './pinyin';
import { patientDerivedKeys } from '../../../shared/patients/patient';

/**
 * What a backup leaves out: this device's identity, causal clock and sync cursor. A restored PC
 * joins the clinic as a new device and syncs from the start (PRODUCT.md §5.3, §6). The outbox
 * stays in: changes the old PC never pushed are pushed by the new one (their ids make it safe).
 */
export const DEVICE_ONLY_TABLES: readonly TableName[] = ['deviceState', 'syncState'];
export const backupTables = tableNames.filter((t) => !DEVICE_ONLY_TABLES.includes(t));

const PAGE_ROWS = 2_000;

export type StoreExport = {
  /** The store as NDJSON (shared/backup/payload.ts), produced as fast as it is read. */
  stream: ReadableStream<Uint8Array>;
  /** Rows written per table so far; complete once the stream has ended. */
  counts: Record<string, number>;
};

/**
 * Streams the store out page by page, in primary-key order, each page its own short read
 * transaction: nothing is held beyond one page, so a store of several GB streams in flat memory.
 * (One transaction cannot span the whole export: IndexedDB commits it as soon as the reader waits
 * on the disk.) The pages are one snapshot only while nothing writes: a backup reads them holding
 * the store's write gate (write-gate.ts).
 */
/** A piece of the export is cut once its text passes this: a page of photos stays a few MB at a time. */
const PIECE_CHARS = 4 * 1024 * 1024;

export const exportStore = (db: ClinicDb, onRows?: (rows: number) => void): StoreExport => {
  const counts: Record<string, number> = Object.fromEntries(backupTables.map((t) => [t, 0]));
  const encoder = new TextEncoder();
  let tableIndex = 0;
  let after: IndexableType | undefined;
  let page: unknown[] = [];
  let next = 0;
  let total = 0;

  /** The next page of the current table (or of the following ones); false at the end. */
  const nextPage = async (): Promise<boolean> => {
    while (tableIndex < backupTables.length) {
      const table = db.table(backupTables[tableIndex]!);
      const keyPath = table.schema.primKey.keyPath as string;
      page = await (after === undefined ? table.orderBy(':id') : table.where(':id').above(after))
        .limit(PAGE_ROWS)
        .toArray();
      next = 0;
      if (page.length > 0) {
        after = (page.at(-1) as Record<string, IndexableType>)[keyPath];
        return true;
      }
      tableIndex += 1;
      after = undefined;
    }
    return false;
  };

  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (next >= page.length && !(await nextPage())) return controller.close();
      // Rows are encoded a piece at a time: a file (a photo) is read only when its row's turn comes.
      const name = backupTables[tableIndex]!;
      let text = '';
      const start = next;
      while (next < page.length && text.length < PIECE_CHARS)
        text += await encodeLine(name, page[next++] as Record<string, unknown>);
      counts[name] = (counts[name] ?? 0) + (next - start);
      total += next - start;
      onRows?.(total);
      controller.enqueue(encoder.encode(text));
    },
  });
  return { stream, counts };
};

export class RestoreError extends Error {
  constructor(readonly table: string) {
    super(`a backup line names an unknown table: ${table}`);
    this.name = 'RestoreError';
  }
}

/**
 * Rows a restore writes in one transaction. IndexedDB pays per transaction (a commit, a round
 * trip to the browser's storage process), so large ones cost less per row; 10,000 rows of the
 * generated clinic are a few MB (tests/bench/restore.bench.ts).
 */
const IMPORT_BATCH_ROWS = 10_000;

/**
 * Writes restored rows, given a batch of lines at a time, into an empty store (never the one in
 * use), in batches of their own transactions. While one batch commits, the next is parsed and
 * checked: the disk and the CPU work side by side, and no more than two batches are held.
 * `onRows` hears of each batch once it is committed: the rows in so far and the last line of
 * the batch. Returns the rows written per table, to compare with the manifest.
 */
/**
 * A patient restored from a backup made before the store indexed `find` (version 9) has none:
 * its search keys are computed as a sync's merge computes them, or search would not find it.
 */
const withDerivedKeys = (row: unknown) => {
  const fields = row as Record<string, unknown>;
  return Array.isArray(fields.find)
    ? row
    : { ...fields, ...patientDerivedKeys(fields, pinyinReadings) };
};

export const importLines = <L extends PayloadLine>(
  target: ClinicDb,
  onRows?: (rows: number, last: L) => void,
  /** Tests lower it to see several batches. */
  batchRows = IMPORT_BATCH_ROWS,
): { sink: WritableStream<readonly L[]>; counts: Record<string, number> } => {
  const counts: Record<string, number> = {};
  const known = new Set<string>(backupTables);
  let pending = new Map<string, unknown[]>();
  let pendingRows = 0;
  let pendingFileBytes = 0;
  let total = 0;
  let last: L | undefined;
  let committing: Promise<void> = Promise.resolve();
  const write = async (batch: Map<string, unknown[]>) => {
    // One batch, one transaction: it is in whole or not at all.
    await target.transaction(
      'rw',
      [...batch.keys()].map((t) => target.table(t)),
      async () => {
        for (const [name, rows] of batch) await target.table(name).bulkPut(rows);
      },
    );
  };
  const flush = async () => {
    const [batch, rows, line] = [pending, total, last!];
    pending = new Map();
    pendingRows = 0;
    pendingFileBytes = 0;
    // The batch before must be in first; a failure of it fails this write, and so the stream.
    await committing;
    committing = write(batch).then(() => onRows?.(rows, line));
    // Reported by the next flush or by close, not as an unhandled rejection meanwhile.
    committing.catch(() => undefined);
  };
  const sink = new WritableStream<readonly L[]>({
    async write(lines) {
      for (const line of lines) {
        if (!known.has(line.table)) throw new RestoreError(line.table);
        const rows = pending.get(line.table) ?? [];
        // A backup made before several roles per person holds each one's `role`: read as a set.
        const row = upgradeImportedRow(line.table, line.row);
        rows.push(line.table === 'patients' ? withDerivedKeys(row) : row);
        pending.set(line.table, rows);
        counts[line.table] = (counts[line.table] ?? 0) + 1;
        total += 1;
        last = line;
        pendingRows += 1;
        pendingFileBytes += blobsIn(line.row).reduce((sum, blob) => sum + blob.size, 0);
        // A batch of photos is written once it holds a few MB, not after 10,000 of them.
        if (pendingRows >= batchRows || pendingFileBytes >= PIECE_CHARS) await flush();
      }
    },
    async close() {
      if (pendingRows > 0) await flush();
      await committing;
    },
    // A failed restore drops the store: not while a batch of it is still being written.
    async abort() {
      await committing.catch(() => undefined);
    },
  });
  return { sink, counts };
};

/** Deletes a store that will not be used (a failed or cancelled restore). */
export const dropStore = (db: ClinicDb): Promise<void> => db.delete();
