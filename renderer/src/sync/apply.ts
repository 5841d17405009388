import Dexie, { type Table } from 'dexie';
import type { Clock } from '../../../shared/clock/clock';
import { decodeHlc, DEFAULT_MAX_DRIFT_MS, encodeHlc } from '../../../shared/clock/hlc';
import { newId } from '../../../shared/ids';
import type { Recompute } from '../../../shared/sync/change';
import {
  effectiveStamp,
  erasureWipes,
  impliedByRow,
  mergeChange,
  type Erasure,
  type MergeAlarm,
  type StoredRow,
} from '../../../shared/sync/merge';
import { erasedAway, incomingOf, refusedAway } from '../../../shared/sync/fold';
import { MERGE_SPECS, syncedTables } from '../../../shared/sync/merge-spec';
import { isWipedAuditEvent } from '../../../shared/audit/personal-digest';
import { WIRE_SCHEMA_VERSION, type LogEntry } from '../../../shared/sync/protocol';
import { fromOlderDevices } from '../../../shared/sync/wire-compat';
import type { ClinicDb, ErasureRow, RowClocksRow, SyncIssue } from '../db/database';
import { rowClocksKey } from '../db/write';
import { ATTACHMENTS_WAITING_KEY } from './attachments';
import { erasureOf, forgetErased } from './erasure';
import { undoOwnRefused } from './refused';

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
  /** The newest wire data this ClinicDesk reads: WIRE_SCHEMA_VERSION (tests pretend an update). */
  knownSchema?: number;
  /** The tables this ClinicDesk merges: MERGE_SPECS's (tests pretend an update). */
  knownTables?: ReadonlySet<string>;
  /** Collects the devices whose audit events arrived, for their chains to be checked. */
  auditArrived?: Set<string>;
};

export type ApplyOutcome = { applied: number; issues: number };

type Row = Record<string, unknown> & { id: string };

/** Whether this ClinicDesk has a merge rule for the table (a local table has one: it refuses). */
const knowsTable = (ctx: ApplyContext, table: string): boolean =>
  ctx.knownTables ? ctx.knownTables.has(table) : MERGE_SPECS[table] !== undefined;

/** The tables one applied page may touch, with the cursor and the merge's bookkeeping. */
const applyTables = (db: ClinicDb): Table[] => [
  ...syncedTables.map((t) => db.table(t)),
  db.rowClocks,
  db.syncIssues,
  db.syncState,
  db.deviceState,
  // An erasure is kept, and this device's unsent changes of the erased row lose their content.
  db.erasures,
  db.outbox,
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
): Promise<ApplyOutcome> => applyPreparedPage(ctx, prepareEntries(ctx, entries), next);

/** `applyPage` of a page prepared ahead (`prepareEntries`), while the one before was committed. */
export const applyPreparedPage = (
  ctx: ApplyContext,
  prepared: PreparedEntries,
  next: number,
): Promise<ApplyOutcome> =>
  ctx.db.transaction('rw', applyTables(ctx.db), async () => {
    const cursor = await ctx.db.syncState.get(CURSOR_KEY);
    if (typeof cursor?.value === 'number' && cursor.value >= next && prepared.count > 0) {
      // Another tab (or a retried request) applied this page already.
      return { applied: 0, issues: 0 };
    }
    const outcome = await writePrepared(ctx, prepared);
    await ctx.db.syncState.put({ key: CURSOR_KEY, value: next });
    return outcome;
  });

/**
 * Applies snapshot lines (prepared by `prepareEntries`) and records how far the snapshot got, in
 * ONE transaction: `progress` writes that record. The cursor is left alone until the whole
 * snapshot is in.
 */
export const applySnapshotBatch = (
  ctx: ApplyContext,
  prepared: PreparedEntries,
  progress: () => Promise<unknown>,
): Promise<ApplyOutcome> =>
  ctx.db.transaction('rw', applyTables(ctx.db), async () => {
    const outcome = await writePrepared(ctx, prepared);
    await progress();
    return outcome;
  });

/** Merges entries into the store; the caller's transaction covers `applyTables`. */
const applyEntries = (ctx: ApplyContext, entries: readonly LogEntry[]): Promise<ApplyOutcome> =>
  writePrepared(ctx, prepareEntries(ctx, entries));

/**
 * A batch of entries worked out as far as can be without reading the store: sorted into rows,
 * each row folded as if this device held nothing of it (search keys computed). Most rows of an
 * initial sync are new, so this is most of the merge's work, and it needs no transaction: the
 * next batch is prepared while the last one is committed (IndexedDB writes in the browser
 * process, beside this thread).
 */
export type PreparedEntries = {
  count: number;
  at: string;
  /** Issues known from the entries alone (refused, newer, and those of the fresh folds). */
  issues: SyncIssue[];
  catalogueItems: Row[];
  ownRefused: LogEntry[];
  newest: string;
  byTable: Map<string, { group: KeyGroup; folded: Folded }[]>;
};

export const prepareEntries = (
  ctx: ApplyContext,
  entries: readonly LogEntry[],
): PreparedEntries => {
  const at = new Date(ctx.clock.now()).toISOString();
  const issues: SyncIssue[] = [];
  const catalogueItems: Row[] = [];
  const groups = new Map<string, KeyGroup>();
  const ownRefused: LogEntry[] = [];
  let newest = '';
  for (const entry of entries) {
    // An erased change's content is gone; an audit event's comes wiped, and its chain needs it.
    if (erasedAway(entry)) continue;
    if (refusedAway(entry)) {
      // The clinic's log refused its transaction (shared/sync/verdict.ts): kept for the owner,
      // never applied; the PC that wrote it takes it back. Audit events stay: they are history;
      // but a refused erase of one wipes nothing, like any refused erase.
      issues.push({
        ...issueOf(ctx, entry, at, 'quarantined', `permission: ${entry.refused.reason}`),
        refusal: entry.refused,
      });
      ownRefused.push(entry);
      continue;
    }
    if (entry.change.schemaVersion > (ctx.knownSchema ?? WIRE_SCHEMA_VERSION)) {
      // Data of a newer ClinicDesk, read by rules that may not fit it: kept, not applied.
      issues.push(issueOf(ctx, entry, at, 'newer', `schema version ${entry.change.schemaVersion}`));
      continue;
    }
    if (!isCatalogueChunk(entry) && !knowsTable(ctx, entry.change.table)) {
      // A table a newer ClinicDesk added (its wire data are still version 1): kept, and applied
      // once this PC is updated, like data of a newer schema; never lost to a quarantine.
      issues.push(issueOf(ctx, entry, at, 'newer', `table ${entry.change.table}`));
      continue;
    }
    const stamp = stampOf(entry.change.hlc, entry.receivedAt);
    if (stamp > newest) newest = stamp;
    if (isCatalogueChunk(entry)) {
      catalogueItems.push(...((entry.change.data as { items: Row[] }).items ?? []));
      continue;
    }
    const { table, entityId } = entry.change;
    if (table === 'auditEvents' && ctx.auditArrived) {
      const author = (entry.change.data as { deviceId?: unknown } | null)?.deviceId;
      if (typeof author === 'string') ctx.auditArrived.add(author);
    }
    const key = rowClocksKey(table, entityId);
    const group = groups.get(key);
    if (group) group.entries.push(entry);
    else groups.set(key, { key, table, id: entityId, entries: [entry] });
  }

  // Fold each row's changes as if this device held nothing of it: the write step adds the
  // results, and reads and folds again only the rows that turn out to be held already (a lookup
  // per key, even a miss, costs as much as a write).
  const byTable = new Map<string, { group: KeyGroup; folded: Folded }[]>();
  for (const group of groups.values()) {
    const spec = MERGE_SPECS[group.table];
    // A local table's changes are quarantined whatever is held (folded below, in the write step).
    // A row erased in this batch is folded in the write step, from what is held, erases first.
    const folded =
      !spec || spec.kind === 'local' || erasesIn(group)
        ? { state: undefined, issues: [] }
        : foldFresh(ctx, at, group);
    const list = byTable.get(group.table) ?? [];
    list.push({ group, folded });
    byTable.set(group.table, list);
  }
  return { count: entries.length, at, issues, catalogueItems, ownRefused, newest, byTable };
};

/** A row's changes folded onto what is held of it (nothing: `held` undefined). */
const foldGroup = (
  ctx: ApplyContext,
  at: string,
  group: KeyGroup,
  held: StoredRow | undefined,
  erasure?: Erasure,
): Folded => {
  let state = held;
  let wrote = false;
  let erased = erasure;
  let newErasure: Erasure | undefined;
  const raised: SyncIssue[] = [];
  for (const entry of erasesFirst(group.entries)) {
    const result = mergeChange(
      state,
      { ...incomingOf(entry), data: fromOlderDevices(entry.change.table, entry.change.data) },
      ctx.recompute,
      erased,
    );
    if (result.kind === 'quarantine') {
      raised.push(issueOf(ctx, entry, at, 'quarantined', result.reason));
      continue;
    }
    if (result.kind === 'erase') {
      for (const alarm of result.alarms ?? [])
        raised.push(issueOf(ctx, entry, at, 'alarm', describe(alarm)));
      erased = newErasure = result.erasure;
      // An audit event stays in its chain, wiped; any other erased row goes.
      state = result.row ? { row: result.row, clocks: result.clocks } : undefined;
      wrote = result.row !== undefined;
      continue;
    }
    for (const alarm of result.alarms ?? [])
      raised.push(issueOf(ctx, entry, at, 'alarm', describe(alarm)));
    if (result.kind === 'write') {
      state = { row: result.row, clocks: result.clocks ?? state?.clocks };
      wrote = true;
    }
  }
  return {
    state: wrote ? state : undefined,
    issues: raised,
    ...(newErasure ? { erasure: newErasure } : {}),
  };
};

/** Folded as new; undefined when the changes make no row on their own (an edit's patch). */
const foldFresh = (ctx: ApplyContext, at: string, group: KeyGroup): Folded => {
  try {
    return foldGroup(ctx, at, group, undefined);
  } catch {
    return { state: undefined, issues: [] };
  }
};

/** Writes a prepared batch; the caller's transaction covers `applyTables`. */
const writePrepared = async (
  ctx: ApplyContext,
  prepared: PreparedEntries,
): Promise<ApplyOutcome> => {
  const { db } = ctx;
  const { at, catalogueItems, ownRefused, newest } = prepared;
  const issues = [...prepared.issues];
  // Counted once per batch: a clinic that never disposed of anything pays no lookup per row.
  const holdsErasures = (await db.erasures.count()) > 0;
  const erasedKeys = new Set<string>();
  for (const [table, fresh] of prepared.byTable) {
    const spec = MERGE_SPECS[table];
    if (!spec || spec.kind === 'local') {
      // Quarantined whatever is held: no need to read anything.
      for (const { group } of fresh) issues.push(...foldGroup(ctx, at, group, undefined).issues);
      continue;
    }
    const store = db.table(table);
    // Rows erased before, or by this batch: folded from what is held, with the erasure.
    const erasures = new Map<string, Erasure>();
    if (holdsErasures) {
      const found = await db.erasures.bulkGet(fresh.map(({ group }) => group.key));
      found.forEach((row, i) => row && erasures.set(fresh[i]!.group.key, erasureOf(row)));
    }
    const erasing = (group: KeyGroup) => erasures.has(group.key) || erasesIn(group);
    const tryAdd = fresh.filter(({ group, folded }) => folded.state && !erasing(group));
    const held = new Set<string>(
      fresh
        .filter(({ group, folded }) => !folded.state || erasing(group))
        .map(({ group }) => group.key),
    );
    try {
      await store.bulkAdd(tryAdd.map(({ folded }) => folded.state!.row));
    } catch (error) {
      if (!(error instanceof Dexie.BulkError)) throw error;
      for (const [pos, failure] of Object.entries(error.failuresByPos)) {
        if (failure.name !== 'ConstraintError') throw failure;
        held.add(tryAdd[Number(pos)]!.group.key);
      }
    }
    const writes: Row[] = [];
    const keep: RowClocksRow[] = [];
    const drop: string[] = [];
    const gone: string[] = [];
    const erasuresMade: ErasureRow[] = [];
    const noteClocks = (key: string, state: StoredRow, hadClocks: boolean) => {
      if (!state.clocks) return;
      if (impliedByRow(table, state.clocks, state.row as Row)) {
        if (hadClocks) drop.push(key);
      } else keep.push({ key, clocks: state.clocks });
    };
    for (const { group, folded } of fresh) {
      if (held.has(group.key)) continue;
      issues.push(...folded.issues);
      // Added above; a row this device never held has no clocks stored either.
      if (folded.state) noteClocks(group.key, folded.state, false);
    }
    if (held.size > 0) {
      const again = fresh.map(({ group }) => group).filter((group) => held.has(group.key));
      const rows = (await store.bulkGet(again.map((group) => group.id))) as (Row | undefined)[];
      const clocks = await db.rowClocks.bulkGet(again.map((group) => group.key));
      again.forEach((group, i) => {
        const row = rows[i];
        const stored = clocks[i]?.clocks;
        const erasure = erasures.get(group.key);
        let folded: Folded;
        try {
          folded = foldGroup(
            ctx,
            at,
            group,
            row ? { row, clocks: stored ?? {} } : undefined,
            erasure,
          );
        } catch (error) {
          // A rule that cannot run on what is held: kept for the owner, never the page's end.
          const reason = `cannot apply: ${error instanceof Error ? error.name : 'error'}`;
          issues.push(
            ...group.entries.map((entry) => issueOf(ctx, entry, at, 'quarantined', reason)),
          );
          return;
        }
        issues.push(...folded.issues);
        if (folded.erasure) erasuresMade.push({ key: group.key, ...folded.erasure });
        if ((folded.erasure || erasure) && erasureWipes(table)) {
          // An erased audit event stays, wiped (its chain needs it); one written before personal
          // digests stays whole, and the alarm saying so is kept.
          if (folded.state) {
            writes.push(folded.state.row as Row);
            noteClocks(group.key, folded.state, stored !== undefined);
          }
          const left = folded.state?.row ?? row;
          if (!left || isWipedAuditEvent(left)) erasedKeys.add(group.key);
          return;
        }
        if (folded.erasure || erasure) {
          // Erased: the row and its clocks go (a row held beside an erasure, too), whatever came.
          if (row) gone.push(group.id);
          if (stored !== undefined) drop.push(group.key);
          erasedKeys.add(group.key);
          return;
        }
        if (!folded.state) return;
        writes.push(folded.state.row as Row);
        noteClocks(group.key, folded.state, stored !== undefined);
      });
    }
    if (writes.length > 0) await store.bulkPut(writes);
    if (gone.length > 0) await store.bulkDelete(gone);
    if (erasuresMade.length > 0) await db.erasures.bulkPut(erasuresMade);
    if (table === 'attachments' && (writes.length > 0 || tryAdd.length > 0))
      await db.syncState.put({ key: ATTACHMENTS_WAITING_KEY, value: true });
    // A row's clocks are usually just its own stamp (a written-once row, or an editable row as its
    // first change made it), which the merge reads from the row when no clocks are stored:
    // writing them too would double the writes of an initial sync.
    if (keep.length > 0) await db.rowClocks.bulkPut(keep);
    if (drop.length > 0) await db.rowClocks.bulkDelete(drop);
  }
  // Catalogue items are never changed once imported: the same id carries the same item.
  if (catalogueItems.length > 0) await db.catalogueItems.bulkPut(catalogueItems as never[]);
  // Last, as the rows were folded with this PC's own erasures still held: a row its refused
  // disposal erased takes none of the batch's other changes (it would be a partial row, or a
  // wiped audit event meeting its insert), and is folded again whole from the hub's history.
  const undone = ownRefused.length > 0 ? await undoOwnRefused(ctx, ownRefused) : new Set<string>();
  // Nothing of an erased row is kept, not even as a change the owner could look at; but a row
  // whose erasure was just taken back is not erased: its refusal is shown to the owner.
  const kept =
    erasedKeys.size > 0
      ? issues.filter((issue) => {
          const key = rowClocksKey(issue.table, issue.entityId);
          return !erasedKeys.has(key) || (issue.refusal !== undefined && undone.has(key));
        })
      : issues;
  for (const key of undone) erasedKeys.delete(key);
  if (erasedKeys.size > 0) await forgetErased(db, erasedKeys);
  if (kept.length > 0) await db.syncIssues.bulkAdd(kept);
  if (newest) await observeStamp(ctx, newest);
  return { applied: prepared.count, issues: kept.length };
};

/** The changes of one page to one row, in log order. */
type KeyGroup = { key: string; table: string; id: string; entries: LogEntry[] };
/**
 * A row after its changes: `state` is undefined when nothing is to be written; `erasure` is set
 * when the changes erased it (the row and its clocks are deleted, the erasure kept).
 */
type Folded = { state: StoredRow | undefined; issues: SyncIssue[]; erasure?: Erasure };

const erasesIn = (group: KeyGroup) => group.entries.some((entry) => entry.change.op === 'erase');

/**
 * A row's erasures before its other changes: an erasure overrides them in any order, and so no
 * change of an erased row is quarantined (with its content) just because it came first.
 */
const erasesFirst = (entries: readonly LogEntry[]): readonly LogEntry[] =>
  entries.some((entry) => entry.change.op === 'erase')
    ? [
        ...entries.filter((entry) => entry.change.op === 'erase'),
        ...entries.filter((entry) => entry.change.op !== 'erase'),
      ]
    : entries;

const issueOf = (
  ctx: ApplyContext,
  entry: LogEntry,
  at: string,
  kind: SyncIssue['kind'],
  detail: string,
): SyncIssue => ({
  id: newId(ctx.clock),
  kind,
  at,
  table: entry.change.table,
  entityId: entry.change.entityId,
  detail,
  seq: entry.seq,
  ...(kind === 'alarm' ? {} : { change: entry }),
});

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

/**
 * Applies the changes a newer ClinicDesk wrote, kept while this PC could not read them, once it
 * can (after its update): the merge does not depend on the order, so late is as good as in time.
 * Returns how many were applied; those still too new stay kept.
 */
export const applyKeptChanges = async (ctx: ApplyContext): Promise<number> => {
  // Versions before tables were kept quarantined a change to a table they did not know: taken
  // up too, once this version knows the table.
  const kept = (
    await ctx.db.syncIssues.where('kind').anyOf('newer', 'quarantined').toArray()
  ).filter((issue) => issue.kind === 'newer' || issue.detail.startsWith('unknown-table:'));
  const ready = kept.filter((issue) => {
    const change = (issue.change as LogEntry | undefined)?.change;
    return (
      change?.schemaVersion !== undefined &&
      change.schemaVersion <= (ctx.knownSchema ?? WIRE_SCHEMA_VERSION) &&
      knowsTable(ctx, change.table)
    );
  });
  if (ready.length === 0) return 0;
  return ctx.db.transaction('rw', applyTables(ctx.db), async () => {
    const entries = ready.map((issue) => issue.change as LogEntry).sort((a, b) => a.seq - b.seq);
    await ctx.db.syncIssues.bulkDelete(ready.map((issue) => issue.id));
    return (await applyEntries(ctx, entries)).applied;
  });
};
