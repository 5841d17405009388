import { demoStoreRows } from '../../../shared/demo/demo-store';
import { CURSOR_KEY } from '../sync/apply';
import { pairWithHub } from '../sync/engine';
import { INITIAL_KEY, type InitialSync } from '../sync/initial-state';
import type { StoreContext } from '../db/write';
import { benchAuditRow, benchHlc } from './sync-bench-rows';

/**
 * A new device's initial sync, timed inside the page (tests/bench/sync.bench.ts): pairs with the
 * hub and lets the app's own sync engine (started by SyncRunner once the link is stored) pull and
 * apply everything; notes when each snapshot part is in and when the cursor reaches the log's end.
 */
export const syncInitialTimed = async (
  ctx: StoreContext,
  input: { url: string; code: string; patients: number; logEnd: number },
) => {
  const { db } = ctx;
  const started = performance.now();
  await pairWithHub(db, { url: input.url, code: input.code, deviceName: 'bench' });
  /** When each snapshot part was wholly in, in ms since pairing began. */
  const partsMs: Record<string, number> = {};
  // Polled by key only: a count of the patients would walk the whole growing store every time,
  // competing with the writes it measures.
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const initial = (await db.syncState.get(INITIAL_KEY))?.value as InitialSync | undefined;
    for (const part of initial?.partsDone ?? []) partsMs[part] ??= performance.now() - started;
    const cursor = ((await db.syncState.get(CURSOR_KEY))?.value as number | undefined) ?? 0;
    if (cursor >= input.logEnd) break;
  }
  const totalMs = performance.now() - started;
  // Marked complete once the audit chains that arrived are verified (snapshot.ts, syncDown).
  for (;;) {
    const initial = (await db.syncState.get(INITIAL_KEY))?.value as InitialSync | undefined;
    if (initial?.complete) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const completeMs = performance.now() - started;
  return {
    completeMs,
    applied: input.logEnd,
    totalMs,
    // Search works once the snapshot's patients part is in (the app's own test of it).
    patientsReadyMs: partsMs.patients ?? totalMs,
    partsMs,
    patients: await db.patients.count(),
    heapBytes: (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory
      ?.usedJSHeapSize,
  };
};

/**
 * The floor: the same records written straight into IndexedDB, no network and no merge. The rows
 * are made in the page first (not timed), then bulk-written table by table in chunks.
 */
export const floorWriteTimed = async (ctx: StoreContext, input: { patients: number }) => {
  const byTable = new Map<string, Record<string, unknown>[]>();
  let n = 0;
  for await (const { table, row } of demoStoreRows({
    seed: 11,
    patients: input.patients,
    endDate: '2026-11-20',
  })) {
    const rows = byTable.get(table) ?? [];
    rows.push(row);
    byTable.set(table, rows);
    // Each row came with its audit event through the hub: the floor writes the same one.
    n += 1;
    const audits = byTable.get('auditEvents') ?? [];
    audits.push(benchAuditRow(n, table, String(row.id), benchHlc(n)));
    byTable.set('auditEvents', audits);
  }
  const started = performance.now();
  let records = 0;
  /** How long each table took alone: the patients' is the floor of "patient search works". */
  const msByTable: Record<string, number> = {};
  for (const [table, rows] of byTable) {
    const tableStarted = performance.now();
    for (let i = 0; i < rows.length; i += 5_000) {
      await ctx.db.table(table).bulkPut(rows.slice(i, i + 5_000));
    }
    msByTable[table] = performance.now() - tableStarted;
    records += rows.length;
  }
  return { records, ms: performance.now() - started, msByTable };
};
