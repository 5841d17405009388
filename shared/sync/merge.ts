import { hasPersonalDigest, isWipedAuditEvent, wipeAuditEvent } from '../audit/personal-digest';
import { canonicalJson } from '../canonical-json';
import { decodeHlc, encodeHlc } from '../clock/hlc';
import { sha256Hex } from '../hash';
import type { IncomingChange, Recompute, RowClocks, RowPatch } from './change';
import {
  ALSO_FIELD,
  MERGE_SPECS,
  type EditableSpec,
  type FirstWinsSpec,
  type InsertOnlySpec,
  type Precedence,
  type TableSpec,
} from './merge-spec';
import { HLC_PATTERN } from './protocol';

/**
 * The one merge every device runs on every change, local or pulled (merge-spec.ts says what the
 * rules are per table). Pure and deterministic: what a device stores for a row is a function of
 * the SET of changes it has applied, whatever their order and however often each came.
 *
 * The local write path is this same function: `mergeChange(stored, { op: 'upsert',
 * data: patchOf(table, before, after), hlc, deviceId, ... })` without `receivedAt`, then store
 * the result. Its stamp is provisional until the change comes back from the hub with its
 * `receivedAt`; the two only differ when this PC's clock ran more than 5 minutes ahead of the hub.
 */

/** How far past the hub's receipt a stamp may reach; beyond, it is bounded (docs/architecture.md "Sync"). */
export const MAX_FUTURE_MS = 5 * 60_000;

/** Hub times beyond this no longer fit the 15 digits of an HLC's wall time. */
const MAX_RECEIVED_AT = 999_999_999_999_999 - MAX_FUTURE_MS;

/** The stamp a change competes with: its HLC, bounded by the hub's receivedAt + 5 min (same on every device since receivedAt comes from the hub log). A local change without receivedAt competes with its own hlc (provisional until it comes back from the hub). */
export const effectiveStamp = (hlc: string, receivedAt?: number): string => {
  if (receivedAt === undefined) return hlc;
  if (!Number.isSafeInteger(receivedAt) || receivedAt < 0 || receivedAt > MAX_RECEIVED_AT)
    throw new RangeError(`receivedAt must be a hub time in ms, got ${receivedAt}`);
  const stamp = decodeHlc(hlc);
  const bound = receivedAt + MAX_FUTURE_MS;
  // Counter and node stay: two bounded changes of one device keep their order.
  return stamp.wall > bound ? encodeHlc({ ...stamp, wall: bound }) : hlc;
};

export type StoredRow = { row: Record<string, unknown>; clocks?: RowClocks };

/**
 * What a device keeps of an entity a retention disposal erased: the erasure record (which
 * disposal, under which stamp), never the content. Insert-only: once held, it overrides the
 * row whatever its stamps, and every later change of the entity is dropped without a trace.
 * Two erasures of one entity (two disposals, or one seen twice) keep the lower (hlc, data).
 */
export type Erasure = { table: string; entityId: string; hlc: string; data: unknown };

export type MergeAlarm = {
  kind: 'conflicting-insert' | 'invariant' | 'unknown-table' | 'malformed';
  table: string;
  entityId: string;
  detail: string;
};

export type MergeResult =
  | { kind: 'keep'; alarms?: MergeAlarm[] } // store nothing
  | { kind: 'write'; row: Record<string, unknown>; clocks?: RowClocks; alarms?: MergeAlarm[] }
  | { kind: 'quarantine'; reason: string } // cannot be applied (unknown table, malformed data, …)
  /**
   * Erased: keep `erasure` (new, or earlier than the one held) and delete the row and its
   * clocks; unless `row` is given: an audit event, stored with `clocks` instead (its chain fields
   * with its content wiped, or whole when it cannot be wiped: see `mergeErase`).
   */
  | {
      kind: 'erase';
      erasure: Erasure;
      row?: Record<string, unknown>;
      clocks?: RowClocks;
      alarms?: MergeAlarm[];
    };

/** A table the merge has no rule for: a programming error in the caller, not a sync condition. */
export class MergeError extends Error {
  constructor(
    readonly reason: 'unknown-table' | 'local-table',
    message: string,
  ) {
    super(message);
    this.name = 'MergeError';
  }
}

// ---------------------------------------------------------------------------------------------
// Stamps and clocks

/** A change's place in the total order: (effective stamp, raw hlc). */
type Stamp = { eff: string; hlc: string };

const isHlc = (text: unknown): text is string => typeof text === 'string' && HLC_PATTERN.test(text);

const encodeStamp = (s: Stamp): string => (s.eff === s.hlc ? s.hlc : `${s.eff}|${s.hlc}`);

const decodeStamp = (text: string): Stamp | undefined => {
  const [eff, hlc = eff, ...rest] = text.split('|');
  return rest.length === 0 && isHlc(eff) && isHlc(hlc) ? { eff, hlc } : undefined;
};

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const compareStamps = (a: Stamp, b: Stamp): number =>
  compareText(a.eff, b.eff) || compareText(a.hlc, b.hlc);

/** The clock key of a written-once row (the apply step omits it when it is just the row's hlc). */
export const ROW_CLOCK = '@row';
export const BASE_CLOCK = '@base';
const LOST_PREFIX = '@lost:';

/** A row stored before clocks existed: its own hlc stands for every group it holds. */
const rowStamp = (row: Record<string, unknown>): Stamp | undefined =>
  isHlc(row.hlc) ? { eff: row.hlc, hlc: row.hlc } : undefined;

/**
 * The stored clocks, minus any that cannot be read (each raising a 'malformed' alarm). A row
 * stored without clocks (written before sync, a written-once row, or a row made by one change:
 * apply and the writer keep no clocks the row implies, see `impliedByRow`) competes with its own
 * `hlc`: as `@row` for a written-once row; for an editable row, as the clock of every group it
 * holds a value of (a group it holds nothing of was never set: no stamp, which loses to any).
 */
const storedClocks = (
  stored: StoredRow,
  fallbackKey: typeof BASE_CLOCK | typeof ROW_CLOCK,
  alarm: (kind: MergeAlarm['kind'], detail: string) => void,
  spec?: EditableSpec,
): { clocks: Record<string, Stamp>; repaired: boolean } => {
  const clocks: Record<string, Stamp> = {};
  let repaired = false;
  for (const [key, text] of Object.entries(stored.clocks ?? {})) {
    const stamp = typeof text === 'string' ? decodeStamp(text) : undefined;
    if (stamp) clocks[key] = stamp;
    else {
      repaired = true;
      alarm('malformed', `stored clock ${key} is unreadable and was dropped`);
    }
  }
  const fallback = rowStamp(stored.row);
  const none = Object.keys(clocks).length === 0;
  if (fallback && none && spec) Object.assign(clocks, heldGroupClocks(spec, stored.row, fallback));
  else if (fallback && !clocks[fallbackKey] && (none || fallbackKey === ROW_CLOCK))
    clocks[fallbackKey] = fallback;
  return { clocks, repaired };
};

/** `storedClocks`, and `baseline`: what they amount to, to tell whether a merge changed them. */
const readClocks = (
  stored: StoredRow,
  fallbackKey: typeof BASE_CLOCK | typeof ROW_CLOCK,
  alarm: (kind: MergeAlarm['kind'], detail: string) => void,
  spec?: EditableSpec,
): { clocks: Record<string, Stamp>; baseline: string } => {
  const { clocks, repaired } = storedClocks(stored, fallbackKey, alarm, spec);
  // Dropped clocks must be written away, or the alarm would come back with every change.
  return { clocks, baseline: repaired ? '' : canonicalJson(writeClocks(clocks)) };
};

/** One stamp for every group an editable row holds a value of. */
const heldGroupClocks = (
  spec: EditableSpec,
  row: Record<string, unknown>,
  stamp: Stamp,
): Record<string, Stamp> => {
  const derived = new Set(spec.derived);
  const clocks: Record<string, Stamp> = {};
  for (const [field, value] of Object.entries(row))
    if (value !== undefined && field !== spec.key && !derived.has(field))
      clocks[groupOf(spec, field).clock] = stamp;
  return clocks;
};

/**
 * Whether a row's clocks say no more than the row itself (what `readClocks` makes of it with no
 * clocks stored), so need not be stored: a written-once row won by its own stamp; an editable row
 * every group of which was won by one change, the one whose stamp the row carries (a new row as
 * its first change made it: most rows of an initial sync). Not storing them halves the writes.
 */
/** The clocks a row stands for when none are stored (see `readClocks`). */
export const clocksImpliedBy = (table: string, row: Record<string, unknown>): RowClocks => {
  const spec = specOf(table);
  if (!spec || spec.kind === 'local') return {};
  return writeClocks(
    storedClocks(
      { row },
      spec.kind === 'editable' ? BASE_CLOCK : ROW_CLOCK,
      () => undefined,
      spec.kind === 'editable' ? spec : undefined,
    ).clocks,
  );
};

export const impliedByRow = (
  table: string,
  clocks: RowClocks,
  row: Record<string, unknown>,
): boolean => {
  const implied = clocksImpliedBy(table, row);
  const keys = Object.keys(clocks);
  return (
    keys.length === Object.keys(implied).length &&
    keys.every((key) => implied[key] !== undefined && implied[key] === clocks[key])
  );
};

const writeClocks = (clocks: Record<string, Stamp>): RowClocks =>
  Object.fromEntries(
    Object.entries(clocks)
      .sort(([a], [b]) => compareText(a, b))
      .map(([key, stamp]) => [key, encodeStamp(stamp)]),
  );

// ---------------------------------------------------------------------------------------------
// Reading a change

type Fields = Record<string, unknown>;

const FIELD_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const isFieldName = (name: string) => FIELD_NAME.test(name) && name !== '__proto__';

const isPlainObject = (value: unknown): value is Fields => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

const isPatch = (data: unknown): data is RowPatch =>
  isPlainObject(data) &&
  isPlainObject(data.set) &&
  Object.keys(data).every((k) => k === 'set' || k === 'unset') &&
  (data.unset === undefined ||
    (Array.isArray(data.unset) && data.unset.every((f) => typeof f === 'string')));

/** A patch as the merge uses it: `values` the fields set, `touched` every field it mentions. */
type Patch = { values: Fields; touched: Set<string> };

class Malformed extends Error {}

const checkFieldNames = (names: Iterable<string>) => {
  for (const name of names)
    if (!isFieldName(name)) throw new Malformed(`field name ${JSON.stringify(name)}`);
};

/** The change's data as a patch: an upsert's RowPatch, or an insert's whole row (every field set). */
const patchFrom = (change: IncomingChange): Patch => {
  let patch: RowPatch;
  if (isPatch(change.data)) patch = change.data;
  else if (change.op === 'insert' && isPlainObject(change.data)) patch = { set: change.data };
  else
    throw new Malformed(`${change.op} data is not a ${change.op === 'insert' ? 'row' : 'patch'}`);
  const unset = patch.unset ?? [];
  checkFieldNames([...Object.keys(patch.set), ...unset]);
  const values: Fields = {};
  for (const [field, value] of Object.entries(patch.set))
    if (value !== undefined) values[field] = value;
  for (const field of unset)
    if (field in values) throw new Malformed(`${field} is both set and unset`);
  return { values, touched: new Set([...Object.keys(patch.set), ...unset]) };
};

/** The whole row an insert-only or first-wins change carries (an insert, or an upsert setting it all). */
const rowFrom = (change: IncomingChange): Fields => {
  if (change.op === 'upsert' && isPatch(change.data) && (change.data.unset ?? []).length > 0)
    throw new Malformed('a written-once row cannot clear fields');
  return patchFrom(change).values;
};

const checkKey = (row: Fields, field: string, entityId: string) => {
  if (row[field] !== undefined && row[field] !== entityId)
    throw new Malformed(`${field} ${JSON.stringify(row[field])} is not the entity id`);
};

// ---------------------------------------------------------------------------------------------
// Editable rows: last writer wins per field group

type Group = { clock: string; fields: readonly string[]; precedence: Precedence };

const groupIndexes = new WeakMap<EditableSpec, Map<string, Group>>();

/** Field → its group; a field in no named group is a last-writer-wins group of its own. */
const groupOf = (spec: EditableSpec, field: string): Group => {
  let index = groupIndexes.get(spec);
  if (!index) {
    index = new Map();
    for (const g of spec.groups) {
      const group = { clock: `@${g.name}`, fields: g.fields, precedence: g.precedence };
      for (const f of g.fields) index.set(f, group);
    }
    groupIndexes.set(spec, index);
  }
  return index.get(field) ?? { clock: field, fields: [field], precedence: { kind: 'last-writer' } };
};

const pick = (row: Fields, fields: readonly string[]): Fields => {
  const out: Fields = {};
  for (const f of fields) if (row[f] !== undefined) out[f] = row[f];
  return out;
};

const anySet = (value: Fields) => Object.keys(value).length > 0;

const omit = (row: Fields, fields: readonly string[]): Fields => {
  if (fields.length === 0 || !fields.some((f) => f in row)) return row;
  const out = { ...row };
  for (const f of fields) delete out[f];
  return out;
};

/**
 * A row as it travels: without the fields this device keeps to itself (`InsertOnlySpec.local`).
 * The local write path sends this, and a rebuilt row is pushed again as this.
 */
export const wireRow = (table: string, row: Record<string, unknown>): Record<string, unknown> => {
  const spec = specOf(table);
  return spec?.kind === 'insert-only' ? omit(row, spec.local ?? []) : row;
};

/** The rank a precedence gives a group's value; a higher rank wins whatever the stamps. */
const rank = (precedence: Precedence, value: Fields): number => {
  switch (precedence.kind) {
    case 'last-writer':
      return 0;
    case 'sticky':
    case 'first-setter':
      return anySet(value) ? 1 : 0;
    case 'ranked': {
      const v = value[precedence.field];
      return v === undefined || precedence.provisional.includes(v as string) ? 0 : 1;
    }
  }
};

type Version = { value: Fields; stamp: Stamp | undefined };

/** Whether `incoming` wins the group over `stored`: (rank, stamp, canonical value), a total order. */
const beats = (precedence: Precedence, incoming: Version & { stamp: Stamp }, stored: Version) => {
  const byRank = rank(precedence, incoming.value) - rank(precedence, stored.value);
  if (byRank !== 0) return byRank > 0;
  // A value stored without any stamp (unknown age) loses to every stamped change.
  if (!stored.stamp) return true;
  const byStamp = compareStamps(incoming.stamp, stored.stamp);
  if (byStamp !== 0) return precedence.kind === 'first-setter' ? byStamp < 0 : byStamp > 0;
  // Equal stamps mean one change seen twice; a device reusing a stamp still merges the same everywhere.
  return canonicalJson(incoming.value) > canonicalJson(stored.value);
};

const mergeEditable = (
  spec: EditableSpec,
  stored: StoredRow | undefined,
  change: IncomingChange,
  stamp: Stamp,
  recompute: Recompute | undefined,
): MergeResult => {
  const { table, entityId } = change;
  const alarms: MergeAlarm[] = [];
  const alarm = (kind: MergeAlarm['kind'], detail: string) =>
    alarms.push({ kind, table, entityId, detail });
  const patch = patchFrom(change);
  checkKey(patch.values, spec.key, entityId);
  const before = stored?.row ?? {};
  const row: Fields = { ...before };
  const { clocks, baseline } = stored
    ? readClocks(stored, BASE_CLOCK, alarm, spec)
    : { clocks: {}, baseline: '' };

  const derived = new Set(spec.derived);
  const groups = new Map<string, Group>();
  for (const field of patch.touched)
    if (field !== spec.key && !derived.has(field)) {
      const group = groupOf(spec, field);
      groups.set(group.clock, group);
    }
  for (const group of groups.values()) {
    const incoming = { value: pick(patch.values, group.fields), stamp };
    const current = {
      value: pick(before, group.fields),
      stamp: clocks[group.clock] ?? clocks[BASE_CLOCK],
    };
    if (beats(group.precedence, incoming, current)) {
      for (const f of group.fields) {
        if (incoming.value[f] === undefined) delete row[f];
        else row[f] = incoming.value[f];
      }
      clocks[group.clock] = stamp;
    } else if (isProvisionalEcho(incoming, current)) {
      clocks[group.clock] = stamp;
    }
  }

  for (const o of spec.overrides)
    if (row[o.field] === o.from && o.whenAnySet.some((f) => row[f] !== undefined))
      row[o.field] = o.to;
  row[spec.key] = entityId;
  if (recompute && derived.size > 0) {
    for (const f of derived) delete row[f];
    const computed = recompute(table, { ...row });
    // A recompute that does not fill a field leaves the stored one (stale beats missing).
    for (const f of derived) {
      const value = computed[f] !== undefined ? computed[f] : before[f];
      if (value !== undefined) row[f] = value;
    }
  }

  const nextClocks = writeClocks(clocks);
  if (
    stored &&
    canonicalJson(row) === canonicalJson(before) &&
    canonicalJson(nextClocks) === baseline
  )
    return keep(alarms);
  for (const invariant of spec.invariants) {
    const problem = invariant.problem(row);
    if (problem) alarm('invariant', `${invariant.name}: ${problem}`);
  }
  return write(row, nextClocks, alarms);
};

/**
 * The same change come back from the hub with its stamp bounded, after this device applied it
 * locally at its raw hlc: the hub's bound is the stamp every other device sees, so it replaces
 * the provisional one. (Only a PC clock running more than 5 minutes ahead of the hub gets here.)
 */
const isProvisionalEcho = (incoming: Version & { stamp: Stamp }, current: Version) =>
  current.stamp !== undefined &&
  incoming.stamp.hlc === current.stamp.hlc &&
  incoming.stamp.eff < current.stamp.eff &&
  canonicalJson(incoming.value) === canonicalJson(current.value);

const keep = (alarms: MergeAlarm[]): MergeResult =>
  alarms.length > 0 ? { kind: 'keep', alarms } : { kind: 'keep' };

const write = (row: Fields, clocks: RowClocks, alarms: MergeAlarm[]): MergeResult =>
  alarms.length > 0 ? { kind: 'write', row, clocks, alarms } : { kind: 'write', row, clocks };

// ---------------------------------------------------------------------------------------------
// Insert-only rows: written once; a second content under one id is a conflict to look at

/** Lower (stamp, content) first: the version every device keeps. */
const earlier = (a: { stamp: Stamp; content: string }, b: { stamp: Stamp; content: string }) =>
  (compareStamps(a.stamp, b.stamp) || compareText(a.content, b.content)) < 0;

const minStamp = (a: Stamp, b: Stamp | undefined): Stamp => (b && compareStamps(b, a) < 0 ? b : a);

/**
 * Each content is known with the earliest stamp it came with; the earliest (stamp, content)
 * is stored, the others are remembered by hash in `@lost:` clocks. The alarm names how many
 * contents the id has now, so that every device raises the same alarms (2, 3, …) in any order.
 */
const mergeInsertOnly = (
  spec: InsertOnlySpec,
  stored: StoredRow | undefined,
  change: IncomingChange,
  stamp: Stamp,
): MergeResult => {
  const { table, entityId } = change;
  const local = spec.local ?? [];
  // What another PC sent as a local field (an older version's attachment bytes) is not content.
  const row = omit(rowFrom(change), local);
  checkKey(row, 'id', entityId);
  row.id = entityId;
  if (!stored) return write(row, writeClocks({ [ROW_CLOCK]: stamp }), []);

  const alarms: MergeAlarm[] = [];
  const { clocks, baseline } = readClocks(stored, ROW_CLOCK, (kind, detail) =>
    alarms.push({ kind, table, entityId, detail }),
  );
  const kept = pick(stored.row, local);
  const held = { stamp: clocks[ROW_CLOCK], content: canonicalJson(omit(stored.row, local)) };
  const content = canonicalJson(row);
  let next = stored.row;
  if (content === held.content) {
    clocks[ROW_CLOCK] = minStamp(stamp, held.stamp);
  } else {
    const lostKey = `${LOST_PREFIX}${sha256Hex(content)}`;
    const isNew = !(lostKey in clocks);
    const seen = { stamp: minStamp(stamp, clocks[lostKey]), content };
    // A wiped copy of an audit event never beats a whole one while no disposal erased it (an
    // erasure takes the event to `mergeErase`/`mergeWipedInsert` instead): a PC cannot remove an
    // event's content by sending it wiped with an earlier stamp. Whole first, then (stamp, content).
    const wipedRank = (fields: Fields) =>
      table === 'auditEvents' && isWipedAuditEvent(fields) ? 1 : 0;
    const rank = wipedRank(row) - wipedRank(stored.row);
    if (
      !held.stamp ||
      rank < 0 ||
      (rank === 0 && earlier(seen, { stamp: held.stamp, content: held.content }))
    ) {
      delete clocks[lostKey];
      clocks[`${LOST_PREFIX}${sha256Hex(held.content)}`] = held.stamp ?? seen.stamp;
      clocks[ROW_CLOCK] = seen.stamp;
      next = { ...row, ...kept };
    } else {
      clocks[lostKey] = seen.stamp;
    }
    if (isNew) {
      const contents = 1 + Object.keys(clocks).filter((k) => k.startsWith(LOST_PREFIX)).length;
      alarms.push({
        kind: 'conflicting-insert',
        table,
        entityId,
        detail: `${contents} different contents for one id; the earliest is kept on every device`,
      });
    }
  }
  const nextClocks = writeClocks(clocks);
  const unchanged = next === stored.row && canonicalJson(nextClocks) === baseline;
  return unchanged ? keep(alarms) : write(next, nextClocks, alarms);
};

// ---------------------------------------------------------------------------------------------
// First-wins rows: one per thing, the earliest kept, the others listed on it as `also`

type AlsoEntry = Fields & { hlc: string };

const withoutAlso = (row: Fields): Fields => {
  const { [ALSO_FIELD]: _also, ...rest } = row;
  return rest;
};

const alsoEntry = (spec: FirstWinsSpec, row: Fields, hlc: string): AlsoEntry => ({
  ...pick(row, spec.alsoFields),
  hlc,
});

/** The set of entries, without `exclude`, sorted by hlc then content: the same list everywhere. */
const alsoList = (entries: AlsoEntry[], exclude: AlsoEntry): AlsoEntry[] => {
  const byContent = new Map(entries.map((e) => [canonicalJson(e), e]));
  byContent.delete(canonicalJson(exclude));
  return [...byContent.entries()]
    .sort(([ka, a], [kb, b]) => compareText(a.hlc, b.hlc) || compareText(ka, kb))
    .map(([, e]) => e);
};

const mergeFirstWins = (
  spec: FirstWinsSpec,
  stored: StoredRow | undefined,
  change: IncomingChange,
  stamp: Stamp,
): MergeResult => {
  const { table, entityId } = change;
  const row = withoutAlso(rowFrom(change));
  // The natural key is the id: a void written with an id of its own still lands on its consent.
  if (row[spec.naturalKey] !== entityId)
    throw new Malformed(
      `${spec.naturalKey} must be the entity id (one row per ${spec.naturalKey})`,
    );
  row[spec.key] = entityId;
  if (!stored) return write(row, writeClocks({ [ROW_CLOCK]: stamp }), []);

  const alarms: MergeAlarm[] = [];
  const { clocks, baseline } = readClocks(stored, ROW_CLOCK, (kind, detail) =>
    alarms.push({ kind, table, entityId, detail }),
  );
  const held = withoutAlso(stored.row);
  const heldStamp = clocks[ROW_CLOCK];
  const also = Array.isArray(stored.row[ALSO_FIELD]) ? (stored.row[ALSO_FIELD] as AlsoEntry[]) : [];
  const incoming = { stamp, content: canonicalJson(row) };
  const heldEntry = alsoEntry(spec, held, heldStamp?.hlc ?? String(held.hlc ?? ''));
  const incomingEntry = alsoEntry(spec, row, stamp.hlc);
  const wins = !heldStamp || earlier(incoming, { stamp: heldStamp, content: canonicalJson(held) });
  const winner = wins ? row : held;
  clocks[ROW_CLOCK] = wins ? stamp : heldStamp;
  const entries = alsoList([...also, heldEntry, incomingEntry], wins ? incomingEntry : heldEntry);
  const next = entries.length > 0 ? { ...winner, [ALSO_FIELD]: entries } : winner;
  const nextClocks = writeClocks(clocks);
  const unchanged =
    canonicalJson(next) === canonicalJson(stored.row) && canonicalJson(nextClocks) === baseline;
  return unchanged ? keep(alarms) : write(next, nextClocks, alarms);
};

// ---------------------------------------------------------------------------------------------
// The entry points

const specOf = (table: string): TableSpec | undefined =>
  Object.hasOwn(MERGE_SPECS, table) ? MERGE_SPECS[table] : undefined;

const quarantine = (reason: string): MergeResult => ({ kind: 'quarantine', reason });

/** The erasure every device keeps of two: the lower (hlc, data), whatever the order they came in. */
const earlierErasure = (a: Erasure, b: Erasure): Erasure =>
  (compareText(a.hlc, b.hlc) || compareText(canonicalJson(a.data), canonicalJson(b.data))) <= 0
    ? a
    : b;

/**
 * Pure and deterministic. `stored` undefined when the row does not exist locally; `erasure` the
 * erasure this device holds for the entity, if any.
 *
 * Erasure (retention disposal): an `erase` change removes the row's content whatever its stamps
 * (`kind: 'erase'`: delete the row and its clocks, keep the erasure), and once an erasure is held
 * every other change of the entity is dropped (`keep`): never quarantined, since a quarantined
 * change would keep the very content the disposal removed. The end state (no row, the earliest
 * erasure) is the same in any order of arrival and however often each change comes.
 */
export const mergeChange = (
  stored: StoredRow | undefined,
  change: IncomingChange,
  recompute?: Recompute,
  erasure?: Erasure,
): MergeResult => {
  const spec = specOf(change.table);
  if (!spec) return quarantine(`unknown-table: ${change.table} (a newer version's table?)`);
  if (spec.kind === 'local') return quarantine(`local-table: ${change.table} never syncs`);
  if (erasure && change.op !== 'erase') {
    // An erased audit event stays in its chain, wiped: its insert still comes in, wiped.
    if (!WIPED_NOT_ERASED.has(change.table)) return { kind: 'keep' };
    return mergeWipedInsert(stored, change);
  }
  if (change.op !== 'upsert' && change.op !== 'insert' && change.op !== 'erase')
    return quarantine(`unsupported-op: ${String(change.op)}`);
  if (typeof change.entityId !== 'string' || change.entityId === '')
    return quarantine('malformed: no entity id');
  if (!isHlc(change.hlc)) return quarantine('malformed: hlc is not an HLC stamp');
  if (change.op === 'erase') return mergeErase(change, erasure, stored);
  let eff: string;
  try {
    eff = effectiveStamp(change.hlc, change.receivedAt);
  } catch {
    return quarantine(`malformed: receivedAt ${String(change.receivedAt)}`);
  }
  const stamp = { eff, hlc: change.hlc };
  try {
    switch (spec.kind) {
      case 'editable':
        return mergeEditable(spec, stored, change, stamp, recompute);
      case 'insert-only':
        return mergeInsertOnly(spec, stored, change, stamp);
      case 'first-wins':
        return mergeFirstWins(spec, stored, change, stamp);
    }
  } catch (error) {
    if (error instanceof Malformed) return quarantine(`malformed: ${error.message}`);
    throw error;
  }
};

/**
 * Tables whose erased rows stay, wiped: an audit event's chain fields and personal digest are
 * what its device's chain verifies (shared/audit/personal-digest.ts); only the content goes.
 */
const WIPED_NOT_ERASED = new Set(['auditEvents']);

/** Whether an erased row of the table stays, wiped, instead of going (audit events). */
export const erasureWipes = (table: string): boolean => WIPED_NOT_ERASED.has(table);

/**
 * A change's data once its entity is erased: null, or for an audit event the event wiped (or
 * whole, written before personal digests: its chain needs it and it cannot be wiped). What a
 * device leaves of its unsent changes, and what the hub keeps in its log.
 */
export const erasedData = (table: string, data: unknown): unknown => {
  if (!WIPED_NOT_ERASED.has(table) || data === null || data === undefined) return null;
  if (isPatch(data)) {
    const set = wipeAuditEvent(data.set);
    return set ? { ...data, set } : data;
  }
  return isPlainObject(data) ? (wipeAuditEvent(data) ?? data) : null;
};

/**
 * The clocks of a wiped audit event: its own stamp only. The `@lost:` clocks that remember other
 * contents under its id go with the wipe: from then on the earliest (stamp, wiped content) is
 * kept (`mergeWipedInsert`). `baseline` is what the stored clocks amount to.
 */
const wipedClocks = (stored: StoredRow): { clocks: RowClocks; baseline: string } => {
  const { clocks, baseline } = readClocks(stored, ROW_CLOCK, () => undefined);
  const own = clocks[ROW_CLOCK];
  return { clocks: writeClocks(own ? { [ROW_CLOCK]: own } : {}), baseline };
};

const mergeErase = (
  change: IncomingChange,
  held: Erasure | undefined,
  stored: StoredRow | undefined,
): MergeResult => {
  const wipes = WIPED_NOT_ERASED.has(change.table);
  const incoming: Erasure = {
    table: change.table,
    entityId: change.entityId,
    hlc: change.hlc,
    data: change.data ?? null,
  };
  const kept = held ? earlierErasure(held, incoming) : incoming;
  if (wipes && stored && !hasPersonalDigest(stored.row)) {
    // Kept whole, the erasure held all the same: the same end as when the erasure came first
    // (the apply step takes a page's erasures first), where the event's format was not known.
    const row = stored.row;
    const clocks = stored.clocks;
    if (held)
      return kept === held ? { kind: 'keep' } : { kind: 'erase', erasure: kept, row, clocks };
    return { kind: 'erase', erasure: kept, row, clocks, alarms: [unwipeable(change)] };
  }
  if (wipes && stored) {
    const row = wipeAuditEvent(stored.row)!;
    const { clocks, baseline } = wipedClocks(stored);
    const same =
      canonicalJson(row) === canonicalJson(stored.row) && canonicalJson(clocks) === baseline;
    if (kept !== held || !same) return { kind: 'erase', erasure: kept, row, clocks };
    return { kind: 'keep' };
  }
  return kept === held ? { kind: 'keep' } : { kind: 'erase', erasure: kept };
};

/** A whole audit event as an insert carries it: a row, or a patch setting it all. */
const wipedChange = (change: IncomingChange): IncomingChange | undefined => {
  const data = change.data;
  if (isPatch(data)) {
    const set = wipeAuditEvent(data.set);
    return set && { ...change, data: { ...data, set } };
  }
  if (!isPlainObject(data)) return undefined;
  const row = wipeAuditEvent(data);
  return row && { ...change, data: row };
};

/**
 * An audit event arriving after its erasure: stored wiped, so that the chain stays whole and the
 * content does not come back, whatever the order. Of several contents under one id (a conflict
 * already raised before the erasure, or not: it no longer matters), the earliest (stamp, wiped
 * content) is kept, with its earliest stamp: the same row in any order and however often each
 * came. One written before personal digests cannot be wiped: it is stored whole (its chain needs
 * it), with an alarm saying why.
 */
const mergeWipedInsert = (stored: StoredRow | undefined, change: IncomingChange): MergeResult => {
  const wiped = wipedChange(change);
  if (wiped) {
    // As for any erased row, what cannot be applied is dropped: quarantined, it would keep content.
    const fresh = mergeChange(undefined, wiped);
    if (fresh.kind !== 'write') return { kind: 'keep' };
    if (!stored) return write(fresh.row, fresh.clocks ?? {}, []);
    const stamp = decodeStamp(fresh.clocks?.[ROW_CLOCK] ?? '');
    if (!stamp) return { kind: 'keep' };
    const { clocks, baseline } = wipedClocks(stored);
    const heldText = clocks[ROW_CLOCK];
    // Held whole beside its erasure (it should not be): compared, and kept, wiped all the same.
    let row = wipeAuditEvent(stored.row) ?? stored.row;
    const held = {
      stamp: heldText ? decodeStamp(heldText) : undefined,
      content: canonicalJson(row),
    };
    const incoming = { stamp, content: canonicalJson(fresh.row) };
    let own = held.stamp;
    if (incoming.content === held.content) own = minStamp(stamp, held.stamp);
    else if (!held.stamp || earlier(incoming, { stamp: held.stamp, content: held.content })) {
      row = fresh.row;
      own = stamp;
    }
    const next = writeClocks(own ? { [ROW_CLOCK]: own } : {});
    const unchanged =
      canonicalJson(row) === canonicalJson(stored.row) && canonicalJson(next) === baseline;
    return unchanged ? { kind: 'keep' } : write(row, next, []);
  }
  const row = isPatch(change.data) ? change.data.set : change.data;
  if (!isPlainObject(row)) return { kind: 'keep' };
  const result = mergeChange(stored, change);
  if (result.kind !== 'write' || stored) return result;
  return { ...result, alarms: [...(result.alarms ?? []), unwipeable(change)] };
};

/** The owner is told of an erased audit event that had to be kept whole: the same words in any order. */
const unwipeable = (change: IncomingChange): MergeAlarm => ({
  kind: 'invariant',
  table: change.table,
  entityId: change.entityId,
  detail:
    'unwipeable: a retention disposal erased this audit event, but it was written before ' +
    "personal digests: its hash covers its content, so wiping it would break its device's " +
    'chain; it is kept whole',
});

/**
 * For the local write path: the patch that turns `before` into `after` (provenance fields
 * included, derived fields excluded), or undefined when nothing changed. A group that changed is
 * sent whole: its fields in `set`, or in `unset` when `after` no longer has them. A written-once
 * row is sent whole in `set` (as the data of an 'insert').
 */
export const patchOf = (
  table: string,
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
): RowPatch | undefined => {
  const spec = specOf(table);
  if (!spec) throw new MergeError('unknown-table', `no merge rule for table ${table}`);
  if (spec.kind === 'local') throw new MergeError('local-table', `${table} does not sync`);
  if (spec.kind !== 'editable') {
    const row = withoutAlso(wireRow(table, pick(after, Object.keys(after))));
    if (before && canonicalJson(withoutAlso(wireRow(table, before))) === canonicalJson(row))
      return undefined;
    return { set: row };
  }
  const old = before ?? {};
  const derived = new Set(spec.derived);
  // '' for absent: no JSON text is empty, so absent and null stay apart.
  const text = (value: unknown) => (value === undefined ? '' : canonicalJson(value));
  const differs = (f: string) => text(old[f]) !== text(after[f]);
  const set: Fields = {};
  const unset = new Set<string>();
  for (const field of new Set([...Object.keys(old), ...Object.keys(after)])) {
    if (derived.has(field) || !differs(field)) continue;
    const fields = field === spec.key ? [field] : groupOf(spec, field).fields;
    for (const f of fields) {
      if (after[f] !== undefined) set[f] = after[f];
      else if (old[f] !== undefined) unset.add(f);
    }
  }
  if (Object.keys(set).length === 0 && unset.size === 0) return undefined;
  return unset.size > 0 ? { set, unset: [...unset].sort() } : { set };
};

/** One change of a row rebuilt from its merged state (see `rowAsChanges`). */
export type RebuiltChange = { op: 'upsert' | 'insert'; hlc: string; data: RowPatch };

/**
 * A stored row as the changes that rebuild it, each with the stamp that won it: what a device
 * pushes again to a hub that lost its log (a new epoch). An editable row gives one upsert per
 * distinct stamp, carrying the groups that stamp won (a group cleared by its winner as `unset`);
 * a written-once row gives its insert at its earliest stamp; a first-wins row gives its winner
 * and each `also` entry. Applied to a replica holding the row, they change no value; applied to
 * an empty one, they make the same row; merged into a replica that saw part of the history, the
 * same row as the whole history. (A change stamped by a PC clock more than 5 minutes ahead
 * carries its raw stamp again, which the new hub bounds by its own time.)
 */
export const rowAsChanges = (
  table: string,
  row: Record<string, unknown>,
  stored?: RowClocks,
): RebuiltChange[] => {
  const spec = specOf(table);
  if (!spec) throw new MergeError('unknown-table', `no merge rule for table ${table}`);
  if (spec.kind === 'local') throw new MergeError('local-table', `${table} does not sync`);
  const ignore = () => undefined;
  const { clocks } = readClocks(
    { row, clocks: stored ?? {} },
    spec.kind === 'editable' ? BASE_CLOCK : ROW_CLOCK,
    ignore,
    spec.kind === 'editable' ? spec : undefined,
  );
  if (spec.kind === 'insert-only') {
    const stamp = clocks[ROW_CLOCK];
    return stamp ? [{ op: 'insert', hlc: stamp.hlc, data: { set: wireRow(table, row) } }] : [];
  }
  if (spec.kind === 'first-wins') {
    const stamp = clocks[ROW_CLOCK];
    if (!stamp) return [];
    const also = Array.isArray(row[ALSO_FIELD]) ? (row[ALSO_FIELD] as AlsoEntry[]) : [];
    return [
      { op: 'insert', hlc: stamp.hlc, data: { set: withoutAlso(row) } },
      ...also
        .filter((entry) => isHlc(entry.hlc))
        .map((entry): RebuiltChange => {
          const { hlc, ...fields } = entry;
          return {
            op: 'insert',
            hlc,
            data: {
              set: { ...fields, [spec.naturalKey]: row[spec.key], [spec.key]: row[spec.key] },
            },
          };
        }),
    ];
  }
  const derived = new Set(spec.derived);
  const groups = new Map<string, Group>();
  for (const g of spec.groups) groups.set(`@${g.name}`, groupOf(spec, g.fields[0]!));
  for (const field of [...Object.keys(row), ...Object.keys(clocks)])
    if (field !== spec.key && !derived.has(field) && !field.startsWith('@'))
      groups.set(groupOf(spec, field).clock, groupOf(spec, field));
  const byStamp = new Map<string, RowPatch & { unset: string[] }>();
  for (const group of groups.values()) {
    const own = clocks[group.clock];
    const stamp = own ?? clocks[BASE_CLOCK];
    const value = pick(row, group.fields);
    // A group never set and never cleared on purpose says nothing.
    if (!stamp || (!own && !anySet(value))) continue;
    const patch = byStamp.get(stamp.hlc) ?? { set: {}, unset: [] };
    for (const f of group.fields)
      if (value[f] !== undefined) patch.set[f] = value[f];
      else patch.unset.push(f);
    byStamp.set(stamp.hlc, patch);
  }
  return [...byStamp.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([hlc, { set, unset }]) => ({
      op: 'upsert',
      hlc,
      data: unset.length > 0 ? { set, unset: [...unset].sort() } : { set },
    }));
};
