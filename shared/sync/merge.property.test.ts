import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../canonical-json';
import { encodeHlc } from '../clock/hlc';
import type { IncomingChange, Recompute } from './change';
import {
  effectiveStamp,
  impliedByRow,
  mergeChange,
  rowAsChanges,
  type Erasure,
  type MergeAlarm,
  type StoredRow,
} from './merge';
import { applyFold, foldRow, incomingOf } from './fold';
import { WIRE_SCHEMA_VERSION, type LogEntry } from './protocol';
import type { Refusal } from './verdict';
import { GENESIS_HASH } from '../audit/audit-event';
import { isWipedAuditEvent, sealAuditEvent, wipeAuditEvent } from '../audit/personal-digest';

/**
 * Convergence, tested the way the clinic meets it: several PCs receive the same set of changes
 * in different orders, some twice, some first as their own local write; all must end with the
 * same rows and clocks, and the lifecycle rules must hold on what they end with.
 */

const T0 = Date.UTC(2026, 2, 2, 2, 0, 0);
const DAY = 86_400_000;
const NODES = ['a', 'b', 'c', 'd', 'e'] as const;

/** What one generated change is made of; `index` makes every HLC unique, as real ones are. */
type Draw = {
  template: number;
  second: number;
  node: number;
  /** A PC whose clock runs a day ahead (bounded by the hub's receipt). */
  future: boolean;
  /** How many seconds after the stamp's wall time the hub received it. */
  delay: number;
  variant: number;
};

type Built = { change: IncomingChange; local: IncomingChange };

const provenance = (hlc: string, node: string) => ({
  updatedAt: `u-${hlc}`,
  updatedBy: `staff-${node}`,
  deviceId: node,
  hlc,
});
const creation = (node: string, v: number) => ({ createdAt: `c-${v}`, createdBy: `staff-${node}` });

type Template = {
  table: string;
  entityId: (v: number) => string;
  op: 'upsert' | 'insert' | 'erase';
  /** An upsert's set and unset, an insert's row, or an erase's record (in `set`). */
  data: (
    v: number,
    hlc: string,
    node: string,
  ) => { set: Record<string, unknown>; unset?: string[] };
};

const item = (v: number) => `i${v % 2}`;
const edit = (
  table: string,
  entityId: (v: number) => string,
  data: Template['data'],
): Template => ({
  table,
  entityId,
  op: 'upsert',
  data: (v, hlc, node) => {
    const d = data(v, hlc, node);
    return { ...d, set: { ...d.set, ...provenance(hlc, node) } };
  },
});
const once = (table: string, entityId: (v: number) => string, row: Template['data']): Template => ({
  table,
  entityId,
  op: 'insert',
  data: row,
});

const templates: Template[] = [
  // planned items: the plan, its cancellation, and the marks that must outlive it
  edit('plannedItems', item, (v, _h, node) => ({
    set: {
      visitId: 'v1',
      patientId: 'p1',
      date: '2026-03-02',
      clinicianId: 'doc',
      catalogueItemId: `cat${v % 3}`,
      versionId: 'cv1',
      code: `X${v % 3}`,
      name: 'Scaling',
      category: 'procedure',
      unit: 'time',
      priceFen: 1000 * (v % 3),
      coverage: 'self-pay',
      selfPayRatioBp: 10000,
      status: 'planned',
      quantity: 1,
      reason: 'asked',
      alternatives: { kind: 'none' },
      ...creation(node, v),
    },
  })),
  edit('plannedItems', item, (v) =>
    v % 3 === 0
      ? { set: { quantity: v % 4 }, unset: ['reason'] }
      : { set: { quantity: v % 4, reason: `r${v}` } },
  ),
  edit('plannedItems', item, () => ({ set: { status: 'cancelled' } })),
  edit('plannedItems', item, (v) => ({ set: { status: v % 2 ? 'planned' : 'cancelled' } })),
  edit('plannedItems', item, (v, hlc) => ({
    set: { performedAt: `p-${hlc}`, performedBy: `d${v}` },
  })),
  edit('plannedItems', item, (v, hlc) => ({ set: { billedAt: `b-${hlc}`, billedBy: `d${v}` } })),
  edit('plannedItems', item, () => ({
    set: {},
    unset: ['performedAt', 'performedBy', 'billedAt', 'billedBy'],
  })),
  // visits: status ranking, the settlement group, the sticky cancel
  edit(
    'visits',
    () => 'v1',
    (v, _h, node) => ({
      set: {
        patientId: 'p1',
        date: '2026-03-02',
        checkedInAt: `t${v}`,
        checkedInBy: node,
        status: 'awaiting-verification',
        settlement: 'insurance',
        ...creation(node, v),
      },
    }),
  ),
  edit(
    'visits',
    () => 'v1',
    (v) => ({
      set: {
        status: ['verified', 'failed', 'overridden', 'awaiting-verification'][v % 4],
        ...(v % 2
          ? {
              settlement: 'self-pay',
              selfPayCause: 'verification-failed',
              selfPayReason: `why ${v}`,
            }
          : { settlement: 'insurance' }),
      },
    }),
  ),
  edit(
    'visits',
    () => 'v1',
    () => ({ set: { settlement: 'self-pay' } }),
  ),
  edit(
    'visits',
    () => 'v1',
    (v, _h, node) => ({
      set: { cancelledAt: `x${v}`, cancelledBy: node, cancelReason: 'wrong patient' },
    }),
  ),
  edit(
    'visits',
    () => 'v1',
    () => ({ set: {}, unset: ['cancelledAt', 'cancelledBy', 'cancelReason'] }),
  ),
  // patients: the identity group, a lone field, search keys on the wire that must be ignored
  edit(
    'patients',
    () => 'p1',
    (v) => ({
      set: {
        name: ['张伟', '章伟', '李娜'][v % 3],
        sex: 'male',
        birthDate: '1980-01-02',
        idType: 'resident-id',
        idNumber: `11010119800102${1000 + (v % 5)}`,
        searchKeys: ['from-the-wire'],
      },
    }),
  ),
  edit(
    'patients',
    () => 'p1',
    (v) => (v % 3 ? { set: { phone: `1380000000${v % 10}` } } : { set: {}, unset: ['phone'] }),
  ),
  // staff: deactivation is plain last-writer-wins
  edit(
    'staff',
    () => 's1',
    (v) => ({ set: { active: v % 2 === 0 } }),
  ),
  // written once: conflicting contents now and then, identical contents under other stamps too
  once(
    'consents',
    (v) => `c${v % 2}`,
    (v, hlc) => ({
      set: { signedAt: `s${v % 3}`, ...(v % 5 === 0 ? { hlc } : {}) },
    }),
  ),
  once(
    'auditEvents',
    () => 'e1',
    (v) => ({ set: { summary: `event ${v % 2}` } }),
  ),
  // first wins: two PCs voiding one consent, two officers marking one check reviewed
  once(
    'consentVoids',
    () => 'c1',
    (v, hlc) => ({
      set: {
        consentId: 'c1',
        reason: `reason ${v % 2}`,
        voidedAt: `at-${v % 3}`,
        voidedBy: `o${v % 3}`,
        hlc,
      },
    }),
  ),
  once(
    'verificationReviews',
    () => 'r1',
    (v, hlc) => ({
      set: { verificationId: 'r1', reviewedAt: `at-${v}`, reviewedBy: `o${v % 2}`, hlc },
    }),
  ),
];

/**
 * Retention disposals (two disposals now and then erase one row: the earlier is kept) of an
 * editable row, a row with lifecycle marks, an insert-only row with conflicting contents, and a
 * first-wins row. Only the convergence test with erasures draws them.
 */
const gone = (table: string, entityId: string): Template => ({
  table,
  entityId: () => entityId,
  op: 'erase',
  data: (v) => ({ set: { disposal: `d-${v % 2}` } }),
});
/**
 * An audit event with personal fields (personal-digest.ts), written under one id with three
 * contents (a conflict, now and then), fixed salts so that every run builds the same events.
 */
const personalEvents = [0, 1, 2].map((v) =>
  sealAuditEvent(
    {
      id: 'e2',
      deviceId: 'b',
      seq: 1,
      at: '2026-03-02T02:00:00.000Z',
      hlc: encodeHlc({ wall: T0, counter: 0, node: 'b' }),
      actorId: 'staff-b',
      actorName: '李娜',
      role: 'front-desk',
      action: 'update',
      entity: 'patient',
      entityId: 'p1',
      summary: ['王小明', '王晓明', '赵六'][v]!,
      ...(v === 1 ? { reason: '登记错误' } : {}),
      changes: [{ field: 'phone', from: '13800000000', to: `1390000000${v}` }],
      prevHash: GENESIS_HASH,
    },
    String(v).repeat(32),
  ),
);
const auditWithPersonalData: Template = once(
  'auditEvents',
  () => 'e2',
  (v) => ({ set: personalEvents[v % 3]! }),
);
const erasures: Template[] = [
  gone('plannedItems', 'i0'),
  gone('visits', 'v1'),
  gone('consents', 'c0'),
  gone('consentVoids', 'c1'),
  gone('auditEvents', 'e2'),
  // A first-format event (no personal digest): kept whole, the erasure held all the same.
  gone('auditEvents', 'e1'),
];
const allTemplates = [...templates, auditWithPersonalData, ...erasures];

const build = (draw: Draw, index: number): Built => {
  const template = allTemplates[draw.template]!;
  const node = NODES[draw.node]!;
  const wall = T0 + draw.second * 1000 + (draw.future ? DAY : 0);
  const hlc = encodeHlc({ wall, counter: index, node });
  const { set, unset } = template.data(draw.variant, hlc, node);
  const local: IncomingChange = {
    table: template.table,
    entityId: template.entityId(draw.variant),
    op: template.op,
    hlc,
    data: template.op !== 'upsert' ? set : unset ? { set, unset } : { set },
    deviceId: node,
  };
  const receivedAt = T0 + (draw.second + draw.delay) * 1000;
  return { local, change: { ...local, receivedAt } };
};

const drawOf = (
  templateCount: number,
  template: fc.Arbitrary<number> = fc.nat(templateCount - 1),
): fc.Arbitrary<Draw> =>
  fc.record({
    template,
    second: fc.nat(40),
    node: fc.nat(NODES.length - 1),
    future: fc.nat(9).map((n) => n === 0),
    delay: fc.nat(30),
    variant: fc.nat(11),
  });
const drawArb = drawOf(templates.length);

/** One PC's delivery: every change once in some order, a few again, some first as its own write. */
type Delivery = { order: number[]; repeats: [number, number][]; localFirst: boolean };

const scenarioOf = (draw: fc.Arbitrary<Draw>) =>
  fc
    .record({
      draws: fc.array(draw, { minLength: 1, maxLength: 24 }),
      replicas: fc.integer({ min: 3, max: 5 }),
    })
    .chain(({ draws, replicas }) => {
      const n = draws.length;
      const indexes = [...Array(n).keys()];
      const delivery: fc.Arbitrary<Delivery> = fc.record({
        order: fc.shuffledSubarray(indexes, { minLength: n, maxLength: n }),
        repeats: fc.array(fc.tuple(fc.nat(n), fc.nat(n - 1)), { maxLength: 6 }),
        localFirst: fc.boolean(),
      });
      return fc.record({
        built: fc.constant(draws.map(build)),
        deliveries: fc.array(delivery, { minLength: replicas, maxLength: replicas }),
      });
    });
const scenarioArb = scenarioOf(drawArb);
/** Erasures among the changes (about one draw in six), and audit events a disposal wipes. */
const erasingScenarioArb = scenarioOf(drawOf(allTemplates.length));
/** Only audit events: one with personal data, one written before digests, and their erasures. */
const wipingScenarioArb = scenarioOf(
  drawOf(
    allTemplates.length,
    fc.constantFrom(
      allTemplates.indexOf(auditWithPersonalData),
      ...allTemplates.flatMap((t, i) => (t.op === 'erase' && t.table === 'auditEvents' ? [i] : [])),
      templates.findIndex((t) => t.table === 'auditEvents'),
    ),
  ),
);

const recompute: Recompute = (table, row) =>
  table === 'patients'
    ? { ...row, searchKeys: [String(row.name ?? ''), String(row.phone ?? '')] }
    : row;

const keyOf = (c: IncomingChange) => `${c.table}/${c.entityId}`;

type Replica = {
  rows: Map<string, StoredRow>;
  conflictAlarms: Set<string>;
  invariantKeys: Set<string>;
  quarantined: string[];
  /** Rows a retention disposal erased: the erasure kept, the row gone. */
  erasures: Map<string, Erasure>;
};

/**
 * Merges one change into a replica. `dropImplied`: store no clocks the row implies, as the apply
 * step and the local writer do (`impliedByRow`).
 */
const apply = (replica: Replica, change: IncomingChange, dropImplied = false) => {
  const key = keyOf(change);
  const result = mergeChange(replica.rows.get(key), change, recompute, replica.erasures.get(key));
  if (result.kind === 'quarantine') {
    replica.quarantined.push(result.reason);
    return result;
  }
  if (result.kind === 'erase') {
    // An audit event stays in its chain, wiped; any other erased row goes.
    if (result.row) replica.rows.set(key, { row: result.row, clocks: result.clocks });
    else replica.rows.delete(key);
    replica.erasures.set(key, result.erasure);
    return result;
  }
  for (const alarm of result.alarms ?? [])
    if (alarm.kind === 'conflicting-insert') replica.conflictAlarms.add(canonicalJson(alarm));
    else if (alarm.kind === 'invariant') replica.invariantKeys.add(key);
  if (result.kind === 'write') {
    const implied =
      dropImplied &&
      result.clocks !== undefined &&
      impliedByRow(change.table, result.clocks, result.row);
    replica.rows.set(key, { row: result.row, clocks: implied ? undefined : result.clocks });
  }
  return result;
};

/** The sequence a PC sees: the order, repeats spliced in, and (for its own changes) the local write first. */
const sequence = (built: Built[], delivery: Delivery, replica: number, replicas: number) => {
  const seq: IncomingChange[] = delivery.order.map((i) => built[i]!.change);
  for (const [at, i] of delivery.repeats) seq.splice(Math.min(at, seq.length), 0, built[i]!.change);
  if (!delivery.localFirst) return seq;
  // Its own changes, stamped within the hub's allowance, it wrote before they came back.
  return seq.flatMap((change, position) => {
    const own = NODES.indexOf(change.deviceId as (typeof NODES)[number]) % replicas === replica;
    const first = seq.indexOf(change) === position;
    const unbounded = effectiveStamp(change.hlc, change.receivedAt) === change.hlc;
    const { receivedAt: _r, ...local } = change;
    return own && first && unbounded ? [local, change] : [change];
  });
};

const sorted = <V>(map: Map<string, V>) =>
  Object.fromEntries([...map.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));

const snapshot = (replica: Replica) =>
  canonicalJson(
    replica.erasures.size > 0
      ? { rows: sorted(replica.rows), erasures: sorted(replica.erasures) }
      : sorted(replica.rows),
  );

const stampOf = (c: IncomingChange) => `${effectiveStamp(c.hlc, c.receivedAt)} ${c.hlc}`;

const setBy = (changes: IncomingChange[], table: string, entityId: string, field: string) =>
  changes.filter(
    (c) =>
      c.op !== 'erase' &&
      c.table === table &&
      c.entityId === entityId &&
      (c.data as { set: Record<string, unknown> }).set[field] !== undefined,
  );

/** The rules, checked on what the PCs end with against the set of changes they saw. */
const checkRules = (replica: Replica, changes: IncomingChange[]) => {
  const row = (key: string) => replica.rows.get(key)?.row;
  for (const id of ['i0', 'i1']) {
    const item = row(`plannedItems/${id}`);
    if (!item) continue;
    if (setBy(changes, 'plannedItems', id, 'performedAt').length > 0)
      expect(item.performedAt).toBeDefined();
    if (setBy(changes, 'plannedItems', id, 'billedAt').length > 0)
      expect(item.billedAt).toBeDefined();
    if (item.performedAt !== undefined || item.billedAt !== undefined)
      expect(item.status).not.toBe('cancelled');
  }
  const visit = row('visits/v1');
  if (visit) {
    if (setBy(changes, 'visits', 'v1', 'cancelledAt').length > 0)
      expect(visit.cancelledAt).toBeDefined();
    const outcomes = setBy(changes, 'visits', 'v1', 'status').filter(
      (c) => (c.data as { set: { status: string } }).set.status !== 'awaiting-verification',
    );
    if (outcomes.length > 0) expect(visit.status).not.toBe('awaiting-verification');
  }
  const staff = setBy(changes, 'staff', 's1', 'active').sort((a, b) =>
    stampOf(a) < stampOf(b) ? -1 : 1,
  );
  if (staff.length > 0)
    expect(row('staff/s1')!.active).toBe(
      (staff.at(-1)!.data as { set: { active: boolean } }).set.active,
    );
  const patient = row('patients/p1');
  if (patient) expect(patient.searchKeys).toEqual(recompute('patients', patient).searchKeys);
  const voids = changes.filter((c) => c.table === 'consentVoids' && c.op !== 'erase');
  if (voids.length > 0 && !replica.erasures.has('consentVoids/c1')) {
    const first = [...voids].sort((a, b) => (stampOf(a) < stampOf(b) ? -1 : 1))[0]!;
    expect(row('consentVoids/c1')!.hlc).toBe(first.hlc);
    expect(((row('consentVoids/c1')!.also as unknown[]) ?? []).length).toBe(
      new Set(voids.map((c) => c.hlc)).size - 1,
    );
  }
  for (const key of ['consents/c0', 'consents/c1', 'auditEvents/e1']) {
    // An erased row's alarms depend on what came before its erasure: nothing is said of them.
    if (replica.erasures.has(key)) continue;
    const contents = new Set(
      changes.filter((c) => keyOf(c) === key && c.op !== 'erase').map((c) => canonicalJson(c.data)),
    );
    const alarms = [...replica.conflictAlarms].filter((a) => {
      const { table, entityId } = JSON.parse(a) as MergeAlarm;
      return `${table}/${entityId}` === key;
    });
    expect(alarms.length).toBe(Math.max(0, contents.size - 1));
  }
  for (const [key, stored] of replica.rows) {
    const broken =
      (key.startsWith('plannedItems/') &&
        typeof stored.row.quantity === 'number' &&
        stored.row.quantity < 1) ||
      (key.startsWith('visits/') &&
        stored.row.settlement === 'self-pay' &&
        !stored.row.selfPayCause);
    if (broken) expect(replica.invariantKeys.has(key)).toBe(true);
  }
};

/** Each erased row is gone, and its erasure is the earliest (hlc, data) of its erase changes. */
const checkErasures = (replica: Replica, changes: IncomingChange[]) => {
  const erases = changes.filter((c) => c.op === 'erase');
  for (const key of new Set(erases.map(keyOf))) {
    const [first] = erases
      .filter((c) => keyOf(c) === key)
      .map((c) => ({ table: c.table, entityId: c.entityId, hlc: c.hlc, data: c.data }))
      .sort((a, b) =>
        a.hlc !== b.hlc
          ? a.hlc < b.hlc
            ? -1
            : 1
          : canonicalJson(a.data) < canonicalJson(b.data)
            ? -1
            : 1,
      );
    expect(replica.erasures.get(key)).toEqual(first);
    if (!key.startsWith('auditEvents/')) {
      expect(replica.rows.has(key)).toBe(false);
      continue;
    }
    // The event stays, wiped: the earliest of its contents, with nothing personal left.
    const inserts = changes
      .filter((c) => keyOf(c) === key && c.op !== 'erase')
      .sort((a, b) => (stampOf(a) < stampOf(b) ? -1 : 1));
    if (inserts.length === 0) {
      expect(replica.rows.has(key)).toBe(false);
      continue;
    }
    const held = replica.rows.get(key)!.row;
    if (key === 'auditEvents/e1') {
      expect(held).toEqual({ ...(inserts[0]!.data as object), id: 'e1' });
      continue;
    }
    expect(isWipedAuditEvent(held)).toBe(true);
    expect(held).toEqual(wipeAuditEvent(inserts[0]!.data as Record<string, unknown>));
    expect(canonicalJson(held)).not.toMatch(/王小明|王晓明|赵六|1390000000|登记错误/);
  }
  expect(replica.erasures.size).toBe(new Set(erases.map(keyOf)).size);
};

/** Conflict alarms of rows that are not erased (an erased row's depend on the order). */
const liveAlarms = (replica: Replica) =>
  [...replica.conflictAlarms]
    .filter((a) => {
      const { table, entityId } = JSON.parse(a) as MergeAlarm;
      return !replica.erasures.has(`${table}/${entityId}`);
    })
    .sort();

/** Every PC ends with the same rows and erasures; applying it all again changes nothing. */
const convergesWithErasures = ({
  built,
  deliveries,
}: {
  built: Built[];
  deliveries: Delivery[];
}) => {
  const replicas = deliveries.map((delivery, r) => {
    const replica = emptyReplica();
    for (const change of sequence(built, delivery, r, deliveries.length)) apply(replica, change);
    return replica;
  });
  const [first, ...others] = replicas;
  const changes = built.map((b) => b.change);
  expect(first!.quarantined).toEqual([]);
  for (const other of others) {
    expect(snapshot(other)).toBe(snapshot(first!));
    expect(liveAlarms(other)).toEqual(liveAlarms(first!));
  }
  for (const replica of replicas) {
    checkRules(replica, changes);
    checkErasures(replica, changes);
  }

  // Idempotent: the whole set again (erasures included) changes nothing and raises nothing.
  const before = snapshot(first!);
  for (const change of changes) expect(apply(first!, change)).toEqual({ kind: 'keep' });
  expect(snapshot(first!)).toBe(before);
};

describe('merge convergence', () => {
  it('every PC ends with the same rows, clocks and conflict alarms, whatever the order and repeats', () => {
    fc.assert(
      fc.property(scenarioArb, ({ built, deliveries }) => {
        const replicas = deliveries.map((delivery, r) => {
          const replica: Replica = {
            rows: new Map(),
            conflictAlarms: new Set(),
            invariantKeys: new Set(),
            quarantined: [],
            erasures: new Map(),
          };
          for (const change of sequence(built, delivery, r, deliveries.length))
            apply(replica, change);
          return replica;
        });
        const [first, ...others] = replicas;
        const changes = built.map((b) => b.change);
        expect(first!.quarantined).toEqual([]);
        for (const other of others) {
          expect(snapshot(other)).toBe(snapshot(first!));
          expect([...other.conflictAlarms].sort()).toEqual([...first!.conflictAlarms].sort());
        }
        for (const replica of replicas) checkRules(replica, changes);

        // Applying the whole set again changes nothing and raises nothing.
        const before = snapshot(first!);
        for (const change of changes) expect(apply(first!, change)).toEqual({ kind: 'keep' });
        expect(snapshot(first!)).toBe(before);
      }),
      { numRuns: 200 },
    );
  });

  it('a PC that stores no clocks its rows imply ends with the same rows as one that stores them all', () => {
    fc.assert(
      fc.property(scenarioArb, ({ built, deliveries }) => {
        for (const [r, delivery] of deliveries.entries()) {
          const [all, lean] = [emptyReplica(), emptyReplica()];
          for (const change of sequence(built, delivery, r, deliveries.length)) {
            apply(all, change);
            apply(lean, change, true);
          }
          expect([...lean.rows.keys()].sort()).toEqual([...all.rows.keys()].sort());
          for (const [key, stored] of all.rows) {
            const held = lean.rows.get(key)!;
            expect(held.row).toEqual(stored.row);
            // Clocks not stored are the ones the row implies.
            if (held.clocks) expect(held.clocks).toEqual(stored.clocks);
            else if (stored.clocks)
              expect(impliedByRow(key.split('/')[0]!, stored.clocks, stored.row)).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('with retention disposals among the changes, every PC ends with the same rows and erasures, the erased rows gone', () => {
    fc.assert(fc.property(erasingScenarioArb, convergesWithErasures), { numRuns: 300 });
  });

  it('an audit event a disposal wipes ends the same everywhere: in its chain, wiped, its earliest content', () => {
    fc.assert(fc.property(wipingScenarioArb, convergesWithErasures), { numRuns: 200 });
  });

  it('a device that reuses one stamp for different changes still merges the same everywhere', () => {
    const hlc = encodeHlc({ wall: T0, counter: 0, node: 'broken' });
    const patchArb = fc.record({
      table: fc.constantFrom('plannedItems', 'consents', 'consentVoids'),
      value: fc.nat(3),
      clear: fc.boolean(),
    });
    const toChange = ({
      table,
      value,
      clear,
    }: {
      table: string;
      value: number;
      clear: boolean;
    }) => {
      const base = { entityId: 'x', hlc, deviceId: 'broken', receivedAt: T0, table };
      if (table === 'plannedItems')
        return {
          ...base,
          op: 'upsert',
          data: clear
            ? { set: { quantity: value + 1 }, unset: ['performedAt'] }
            : { set: { quantity: value + 1, status: 'cancelled', performedAt: `p${value}` } },
        } satisfies IncomingChange;
      const row =
        table === 'consents'
          ? { signedAt: `s${value}` }
          : { consentId: 'x', voidedBy: `o${value}`, reason: clear ? 'a' : 'b' };
      return { ...base, op: 'insert', data: row } satisfies IncomingChange;
    };
    fc.assert(
      fc.property(
        fc.array(patchArb, { minLength: 2, maxLength: 5 }).chain((patches) =>
          fc.tuple(
            fc.constant(patches.map(toChange)),
            fc.array(fc.shuffledSubarray([...patches.keys()], { minLength: patches.length }), {
              minLength: 3,
              maxLength: 3,
            }),
          ),
        ),
        ([changes, orders]) => {
          const results = orders.map((order) => {
            const replica: Replica = {
              rows: new Map(),
              conflictAlarms: new Set(),
              invariantKeys: new Set(),
              quarantined: [],
              erasures: new Map(),
            };
            for (const i of order) apply(replica, changes[i]!);
            return replica;
          });
          for (const other of results.slice(1)) {
            expect(snapshot(other)).toBe(snapshot(results[0]!));
            expect([...other.conflictAlarms].sort()).toEqual(
              [...results[0]!.conflictAlarms].sort(),
            );
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a day-ahead PC clock never outlasts a change made more than 5 minutes after its receipt', () => {
    fc.assert(
      fc.property(fc.nat(600), fc.nat(3600), fc.boolean(), (received, gap, aheadFirst) => {
        const ahead = encodeHlc({ wall: T0 + DAY, counter: 0, node: 'fast' });
        const wall = T0 + received * 1000 + 300_000 + 1 + gap * 1000;
        const fromTheFuture: IncomingChange = {
          table: 'staff',
          entityId: 's1',
          op: 'upsert',
          hlc: ahead,
          data: { set: { active: false } },
          deviceId: 'fast',
          receivedAt: T0 + received * 1000,
        };
        const later: IncomingChange = {
          ...fromTheFuture,
          hlc: encodeHlc({ wall, counter: 0, node: 'slow' }),
          data: { set: { active: true } },
          deviceId: 'slow',
          receivedAt: wall,
        };
        let stored: StoredRow | undefined;
        for (const change of aheadFirst ? [fromTheFuture, later] : [later, fromTheFuture]) {
          const result = mergeChange(stored, change);
          if (result.kind === 'write') stored = { row: result.row, clocks: result.clocks };
        }
        expect(stored!.row.active).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

const emptyReplica = (): Replica => ({
  rows: new Map(),
  conflictAlarms: new Set(),
  invariantKeys: new Set(),
  quarantined: [],
  erasures: new Map(),
});

/** Every row's values, without the merge's clocks (a rebuilt row may hold fewer of them). */
const values = (replica: Replica) =>
  canonicalJson(
    Object.fromEntries(
      [...replica.rows.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, s]) => [k, s.row]),
    ),
  );

describe('a hub that lost its log: every PC pushes its rows again from their merged state', () => {
  it('rebuilds the same rows on an empty PC, on one that saw part of the history, and changes none on one that saw it all', () => {
    // PC clocks within the hub's allowance: a far-future stamp is bounded again by the new hub.
    const arb = fc
      .array(
        drawArb.map((d) => ({ ...d, future: false })),
        { minLength: 1, maxLength: 24 },
      )
      .chain((draws) =>
        fc.record({
          built: fc.constant(draws.map(build)),
          order: fc.shuffledSubarray([...draws.keys()], {
            minLength: draws.length,
            maxLength: draws.length,
          }),
          cut: fc.nat(draws.length),
        }),
      );
    fc.assert(
      fc.property(arb, ({ built, order, cut }) => {
        const changes = order.map((i) => built[i]!.change);
        const full = emptyReplica();
        for (const change of changes) apply(full, change);
        const part = emptyReplica();
        for (const change of changes.slice(0, cut)) apply(part, change);

        const rebuilt: IncomingChange[] = [...full.rows.entries()].flatMap(([key, stored]) => {
          const [table, entityId] = [
            key.slice(0, key.indexOf('/')),
            key.slice(key.indexOf('/') + 1),
          ];
          return rowAsChanges(table, stored.row, stored.clocks).map((c) => ({
            table,
            entityId,
            op: c.op,
            hlc: c.hlc,
            data: c.data,
            deviceId: 'rebuilt',
            receivedAt: T0 + 30 * DAY,
          }));
        });
        const fresh = emptyReplica();
        for (const change of rebuilt) apply(fresh, change);
        const expected = values(full);
        expect(values(fresh)).toBe(expected);
        for (const change of rebuilt) apply(part, change);
        expect(values(part)).toBe(expected);
        for (const change of rebuilt) apply(full, change);
        expect(values(full)).toBe(expected);
        expect([...fresh.quarantined, ...part.quarantined, ...full.quarantined]).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe("the hub's snapshot folds each row's history", () => {
  const asEntry = (change: IncomingChange, seq: number): LogEntry => ({
    seq,
    deviceId: change.deviceId,
    receivedAt: change.receivedAt!,
    change: {
      deviceSeq: seq,
      txId: `tx-${seq}`,
      txIndex: 0,
      txSize: 1,
      table: change.table,
      entityId: change.entityId,
      op: change.op as 'upsert' | 'insert',
      hlc: change.hlc,
      schemaVersion: WIRE_SCHEMA_VERSION,
      data: change.data,
    },
  });
  const incoming = incomingOf;

  it('gives the same rows and clocks as the whole log, on an empty PC and on one that saw part of it, in any order', () => {
    const arb = fc.array(drawArb, { minLength: 1, maxLength: 24 }).chain((draws) =>
      fc.record({
        log: fc.constant(draws.map(build).map((b, i) => asEntry(b.change, i + 1))),
        order: fc.shuffledSubarray([...draws.keys()], {
          minLength: draws.length,
          maxLength: draws.length,
        }),
        cut: fc.nat(draws.length),
      }),
    );
    fc.assert(
      fc.property(arb, ({ log, order, cut }) => {
        const full = emptyReplica();
        for (const entry of log) apply(full, incoming(entry));
        const rows = new Map<string, LogEntry[]>();
        for (const entry of log) {
          const key = `${entry.change.table}/${entry.change.entityId}`;
          rows.set(key, [...(rows.get(key) ?? []), entry]);
        }
        const folded = [...rows.values()].flatMap((entries) =>
          applyFold(entries, foldRow(entries)),
        );
        expect(folded.length).toBeLessThanOrEqual(log.length);
        // A new PC takes the folded snapshot in any order.
        const fresh = emptyReplica();
        const shuffled = order.flatMap((i) => folded.filter((e) => e.seq === log[i]!.seq));
        for (const entry of shuffled) apply(fresh, incoming(entry));
        expect(snapshot(fresh)).toBe(snapshot(full));
        // A PC that had applied part of the raw log before it took the folded snapshot.
        const part = emptyReplica();
        for (const i of order.slice(0, cut)) apply(part, incoming(log[i]!));
        for (const entry of folded) apply(part, incoming(entry));
        expect(snapshot(part)).toBe(snapshot(full));
        expect(fresh.quarantined).toEqual(full.quarantined);
        expect([...fresh.conflictAlarms].sort()).toEqual([...full.conflictAlarms].sort());
      }),
      { numRuns: 300 },
    );
  });

  it('keeps one change per winning stamp: forty edits of one phone number leave one', () => {
    const edits = Array.from({ length: 40 }, (_, i) =>
      asEntry(
        {
          table: 'patients',
          entityId: 'p1',
          op: 'upsert',
          hlc: encodeHlc({ wall: T0 + i * 1000, counter: 0, node: 'a' }),
          data: { set: { phone: `138000000${String(i).padStart(2, '0')}` } },
          deviceId: 'a',
          receivedAt: T0 + i * 1000,
        },
        i + 1,
      ),
    );
    const actions = foldRow(edits);
    expect(actions.filter((a) => a.kind === 'drop')).toHaveLength(39);
    expect(applyFold(edits, actions).map((e) => e.seq)).toEqual([40]);
  });

  it('leaves a row with a refused change as it is: a PC taking the snapshot ends as one that took the log', () => {
    const edit = (i: number): LogEntry =>
      asEntry(
        {
          table: 'patients',
          entityId: 'p1',
          op: 'upsert',
          hlc: encodeHlc({ wall: T0 + i * 1000, counter: 0, node: 'a' }),
          data: { set: { phone: `1380000000${i}` } },
          deviceId: 'a',
          receivedAt: T0 + i * 1000,
        },
        i,
      );
    // The last edit won every field, but the hub refused it: every PC quarantines it instead.
    const log = [edit(1), edit(2), { ...edit(3), refused: refusal }];
    expect(foldRow(log)).toEqual([]);
    // Were it folded like the others, only the refused edit would be left to decide the phone.
    expect(foldRow(log.map(({ refused: _, ...entry }) => entry))).toHaveLength(2);
    const obeying = (entries: readonly LogEntry[]) => {
      const replica = emptyReplica();
      for (const entry of entries) if (!entry.refused) apply(replica, incoming(entry));
      return snapshot(replica);
    };
    expect(obeying(applyFold(log, foldRow(log)))).toBe(obeying(log));
    expect(obeying(log)).toContain('13800000002');
  });
});

const refusal: Refusal = {
  reason: 'role-not-held',
  actorId: 'staff-desk',
  actorName: '前台 李静',
  role: 'front-desk',
  entity: 'patient',
  action: 'update',
};
