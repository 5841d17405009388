import { canonicalJson } from '../canonical-json';
import type { IncomingChange } from './change';
import { erasureWipes, mergeChange, rowAsChanges, type StoredRow } from './merge';
import { MERGE_SPECS } from './merge-spec';
import { WIRE_SCHEMA_VERSION, type LogEntry } from './protocol';

/**
 * Folding: what the hub's snapshot keeps of one editable row's history. A patient edited forty
 * times has forty changes in the log; a new workstation needs only the few that still decide a
 * field group. Each change that no longer wins any group is dropped, and one that wins some of
 * its groups is kept with only those (its seq, device, stamp and receipt unchanged, so it merges
 * with the very stamp it had). The kept changes merge to the same row and the same clocks as the
 * whole history, on an empty device and on one that already holds any part of it: they are the
 * row's merged state written as changes (`rowAsChanges`), each under the change that won it.
 *
 * Pure: the hub runs it on log entries it holds; a client could run it on its own rows to
 * produce a snapshot when payloads are encrypted end to end (docs/sync-protocol.md).
 */

/** What becomes of one log entry in the snapshot. */
export type FoldAction =
  { seq: number; kind: 'drop' } | { seq: number; kind: 'trim'; data: unknown };

/** Tables whose rows are folded: the editable ones (the others are written once, kept whole). */
export const FOLDED_TABLES: readonly string[] = Object.entries(MERGE_SPECS)
  .filter(([, spec]) => spec.kind === 'editable')
  .map(([table]) => table)
  .sort();

/**
 * An erased change whose content is gone: nothing to apply. An audit event's comes wiped, and
 * its chain needs it.
 */
export const erasedAway = (entry: LogEntry): boolean =>
  entry.erased === true && !(erasureWipes(entry.change.table) && entry.change.data != null);

/**
 * A change the clinic's log refused (shared/sync/verdict.ts): kept for the owner, never applied.
 * Audit events stay (they are history), but a refused erase of one wipes nothing.
 */
export const refusedAway = (
  entry: LogEntry,
): entry is LogEntry & { refused: NonNullable<LogEntry['refused']> } =>
  entry.refused !== undefined &&
  (entry.change.table !== 'auditEvents' || entry.change.op === 'erase');

/** A log entry as the merge takes it. */
export const incomingOf = (entry: LogEntry): IncomingChange => ({
  table: entry.change.table,
  entityId: entry.change.entityId,
  op: entry.change.op,
  hlc: entry.change.hlc,
  data: entry.change.data,
  deviceId: entry.deviceId,
  receivedAt: entry.receivedAt,
});

/** Merges entries (in the order given) into a row; undefined when none makes one. */
const mergeAll = (entries: readonly LogEntry[]): StoredRow | undefined => {
  let state: StoredRow | undefined;
  for (const entry of entries) {
    const result = mergeChange(state, incomingOf(entry));
    if (result.kind === 'write') state = { row: result.row, clocks: result.clocks };
  }
  return state;
};

const same = (a: StoredRow | undefined, b: StoredRow | undefined) =>
  canonicalJson(a ?? null) === canonicalJson(b ?? null);

/**
 * One row's entries (all of them the snapshot holds, any order) → the entries to drop and those
 * to keep with less data. Returns no action (everything kept as it is) whenever folding could
 * change what a device ends with: a change of a newer wire schema (its fields may merge by rules
 * this version does not know), an erased change or an erasure, a change the merge would
 * quarantine (every device must quarantine it in turn), a change the hub refused (every device
 * quarantines it, and the accepted ones around it must stay as they were logged, so that a device
 * applying the snapshot ends with what one that applied the whole log has), or a table that is
 * not editable.
 */
export const foldRow = (entries: readonly LogEntry[]): FoldAction[] => {
  const first = entries[0];
  if (!first) return [];
  const { table, entityId } = first.change;
  if (MERGE_SPECS[table]?.kind !== 'editable') return [];
  const ordered = [...entries].sort((a, b) => a.seq - b.seq);
  for (const entry of ordered) {
    const { change } = entry;
    if (change.table !== table || change.entityId !== entityId) return [];
    if (
      entry.erased ||
      entry.refused ||
      change.op === 'erase' ||
      change.schemaVersion > WIRE_SCHEMA_VERSION
    )
      return [];
  }
  let state: StoredRow | undefined;
  for (const entry of ordered) {
    const result = mergeChange(state, incomingOf(entry));
    if (result.kind === 'quarantine') return [];
    if (result.kind === 'write') state = { row: result.row, clocks: result.clocks };
  }
  if (!state) return [];

  // The change that carried each winning stamp: the first in the log with that hlc.
  const byHlc = new Map<string, LogEntry>();
  for (const entry of ordered) if (!byHlc.has(entry.change.hlc)) byHlc.set(entry.change.hlc, entry);
  const kept = new Map<number, LogEntry>();
  for (const rebuilt of rowAsChanges(table, state.row, state.clocks)) {
    const entry = byHlc.get(rebuilt.hlc);
    if (!entry) return [];
    kept.set(entry.seq, {
      ...entry,
      change: { ...entry.change, op: rebuilt.op, data: rebuilt.data },
    });
  }
  const folded = ordered.flatMap((entry) => kept.get(entry.seq) ?? []);
  // Proven here rather than trusted: the kept changes must make exactly the same row and clocks.
  if (!same(mergeAll(folded), state)) return [];

  const actions: FoldAction[] = [];
  for (const entry of ordered) {
    const keep = kept.get(entry.seq);
    if (!keep) actions.push({ seq: entry.seq, kind: 'drop' });
    else if (
      keep.change.op !== entry.change.op ||
      canonicalJson(keep.change.data) !== canonicalJson(entry.change.data)
    )
      actions.push({ seq: entry.seq, kind: 'trim', data: keep.change.data });
  }
  return actions;
};

/** The entries a snapshot serves after `foldRow`'s actions. */
export const applyFold = (
  entries: readonly LogEntry[],
  actions: readonly FoldAction[],
): LogEntry[] => {
  const bySeq = new Map(actions.map((action) => [action.seq, action]));
  return entries.flatMap((entry) => {
    const action = bySeq.get(entry.seq);
    if (!action) return [entry];
    if (action.kind === 'drop') return [];
    return [{ ...entry, change: { ...entry.change, op: 'upsert' as const, data: action.data } }];
  });
};
