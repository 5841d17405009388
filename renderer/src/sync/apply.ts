import type { Table } from 'dexie';
import type { Clock } from '../../../shared/clock/clock';
import { decodeHlc, DEFAULT_MAX_DRIFT_MS, encodeHlc } from '../../../shared/clock/hlc';
import { newId } from '../../../shared/ids';
import type { Recompute, RowClocks } from '../../../shared/sync/change';
import {
  effectiveStamp,
  mergeChange,
  ROW_CLOCK,
  type MergeAlarm,
} from '../../../shared/sync/merge';
import { MERGE_SPECS, syncedTables } from '../../../shared/sync/merge-spec';
import type { LogEntry } from '../../../shared/sync/protocol';
import type { ClinicDb, RowClocksRow, SyncIssue } from '../db/database';
import { rowClocksKey } from '../db/write';

/** Where the pull stands: the hub's seq of the last change applied here. */
export const CURSOR_KEY = 'cursor';
const HLC_KEY = 'hlc';

export type ApplyContext = {
  db: ClinicDb;
  clock: Clock;
  /** This device's own id: the node of its HLC stamps. */
  deviceId: string;
  /** Fills derived fields (search keys) of a merged row. */
  recompute?: Recompute;
};

export type ApplyOutcome = { applied: number; issues: number };

type Row = Record<string, unknown> & { id: string };

/** The tables one applied page may touch, with the cursor and the merge's bookkeeping. */
const applyTables = (db: ClinicDb): Table[] => [
  ...syncedTables.map((t) => db.table(t)),
  db.rowClocks,
  db.syncIssues,
  db.syncState,
  db.deviceState,
];

/**
 * Applies one pulled page and advances the cursor in ONE transaction: an interrupted pull
 * resumes at the first change not applied, and nothing is applied twice (the merge is idempotent
 * besides). A change that cannot be applied is quarantined; it never aborts its page.
 */
export const applyPage = (
  ctx: ApplyContext,
  entries: readonly LogEntry[],
  next: number,
): Promise<ApplyOutcome> => {
  const { db } = ctx;
  return db.transaction('rw', applyTables(db), async () => {
    const cursor = await db.syncState.get(CURSOR_KEY);
    if (typeof cursor?.value === 'number' && cursor.value >= next && entries.length > 0) {
      // Another tab (or a retried request) applied this page already.
      return { applied: 0, issues: 0 };
    }
    // Read every row the page touches at once; fold the page in memory; write once per table.
    const byTable = new Map<string, Set<string>>();
    for (const entry of entries) {
      if (entry.erased || isCatalogueChunk(entry)) continue;
      const ids = byTable.get(entry.change.table) ?? new Set<string>();
      ids.add(entry.change.entityId);
      byTable.set(entry.change.table, ids);
    }
    const rows = new Map<string, Row | undefined>();
    const clocks = new Map<string, RowClocks | undefined>();
    const hadClocks = new Set<string>();
    for (const [table, ids] of byTable) {
      if (!MERGE_SPECS[table] || MERGE_SPECS[table].kind === 'local') continue;
      const list = [...ids];
      // One sweep over the keys (anyOf) rather than a request per key (bulkGet): most rows of an
      // initial sync are new, and thousands of single misses cost more than the writes.
      const found = (await db.table(table).where(':id').anyOf(list).toArray()) as Row[];
      const keyPath = db.table(table).schema.primKey.keyPath as string;
      for (const row of found) rows.set(rowClocksKey(table, String(row[keyPath])), row);
      const foundClocks = await db.rowClocks
        .where(':id')
        .anyOf(list.map((id) => rowClocksKey(table, id)))
        .toArray();
      for (const { key, clocks: held } of foundClocks) {
        clocks.set(key, held);
        hadClocks.add(key);
      }
    }

    const dirty = new Set<string>();
    const issues: SyncIssue[] = [];
    const catalogueItems: Row[] = [];
    let newest = '';
    const at = new Date(ctx.clock.now()).toISOString();
    const raise = (entry: LogEntry, kind: SyncIssue['kind'], detail: string) =>
      issues.push({
        id: newId(ctx.clock),
        kind,
        at,
        table: entry.change.table,
        entityId: entry.change.entityId,
        detail,
        seq: entry.seq,
        ...(kind === 'quarantined' ? { change: entry } : {}),
      });

    for (const entry of entries) {
      if (entry.erased) continue;
      const { change } = entry;
      const stamp = stampOf(change.hlc, entry.receivedAt);
      if (stamp > newest) newest = stamp;
      if (isCatalogueChunk(entry)) {
        catalogueItems.push(...((change.data as { items: Row[] }).items ?? []));
        continue;
      }
      const key = rowClocksKey(change.table, change.entityId);
      const row = rows.get(key);
      const result = mergeChange(
        row ? { row, clocks: clocks.get(key) ?? {} } : undefined,
        {
          table: change.table,
          entityId: change.entityId,
          op: change.op,
          hlc: change.hlc,
          data: change.data,
          deviceId: entry.deviceId,
          receivedAt: entry.receivedAt,
        },
        ctx.recompute,
      );
      if (result.kind === 'quarantine') {
        raise(entry, 'quarantined', result.reason);
        continue;
      }
      for (const alarm of result.alarms ?? []) raise(entry, 'alarm', describe(alarm));
      if (result.kind === 'write') {
        rows.set(key, result.row as Row);
        if (result.clocks) clocks.set(key, result.clocks);
        dirty.add(key);
      }
    }

    for (const [table, ids] of byTable) {
      const changed = [...ids].filter((id) => dirty.has(rowClocksKey(table, id)));
      if (changed.length === 0) continue;
      await db.table(table).bulkPut(changed.map((id) => rows.get(rowClocksKey(table, id))));
      // A written-once row's clock is usually just its own stamp, which the merge reads from the
      // row when no clocks are stored: writing it again would double the writes of an initial sync.
      const keep: RowClocksRow[] = [];
      const drop: string[] = [];
      for (const id of changed) {
        const key = rowClocksKey(table, id);
        const merged = clocks.get(key);
        if (!merged) continue;
        if (impliedByRow(merged, rows.get(key)!)) {
          if (hadClocks.has(key)) drop.push(key);
        } else keep.push({ key, clocks: merged });
      }
      if (keep.length > 0) await db.rowClocks.bulkPut(keep);
      if (drop.length > 0) await db.rowClocks.bulkDelete(drop);
    }
    // Catalogue items are never changed once imported: the same id carries the same item.
    if (catalogueItems.length > 0) await db.catalogueItems.bulkPut(catalogueItems as never[]);
    if (issues.length > 0) await db.syncIssues.bulkAdd(issues);
    if (newest) await observeStamp(ctx, newest);
    await db.syncState.put({ key: CURSOR_KEY, value: next });
    return { applied: entries.length, issues: issues.length };
  });
};

/** Clocks that say no more than the row itself: a written-once row won by its own stamp. */
const impliedByRow = (clocks: RowClocks, row: Row): boolean => {
  const keys = Object.keys(clocks);
  return keys.length === 1 && keys[0] === ROW_CLOCK && clocks[ROW_CLOCK] === row.hlc;
};

const isCatalogueChunk = (entry: LogEntry) =>
  entry.change.table === 'catalogueItems' &&
  entry.change.op === 'insert' &&
  typeof entry.change.data === 'object' &&
  entry.change.data !== null &&
  Array.isArray((entry.change.data as { items?: unknown }).items);

/** The stamp to follow, or '' for one that is not a stamp (the merge quarantines that change). */
const stampOf = (hlc: string, receivedAt: number): string => {
  try {
    return effectiveStamp(hlc, receivedAt);
  } catch {
    return '';
  }
};

const describe = (alarm: MergeAlarm) => `${alarm.kind}: ${alarm.detail}`;

/**
 * Moves this device's HLC past a stamp it has seen, so its next change orders after it. Never
 * throws: a stamp too far ahead of this PC's clock (already bounded by the hub's time) is not
 * followed, and the clock warning tells the owner which PC is wrong.
 */
const observeStamp = async (ctx: ApplyContext, stamp: string): Promise<void> => {
  const seen = decodeHlc(stamp);
  if (seen.wall - ctx.clock.now() > DEFAULT_MAX_DRIFT_MS) return;
  const stored = await ctx.db.deviceState.get(HLC_KEY);
  const last = typeof stored?.value === 'string' ? stored.value : '';
  const ours = last ? decodeHlc(last) : undefined;
  if (ours && (ours.wall > seen.wall || (ours.wall === seen.wall && ours.counter >= seen.counter)))
    return;
  await ctx.db.deviceState.put({
    key: HLC_KEY,
    value: encodeHlc({ wall: seen.wall, counter: seen.counter, node: ctx.deviceId }),
  });
};
