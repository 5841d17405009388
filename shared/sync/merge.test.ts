import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../clock/hlc';
import { currentSchema, localOnlyTables } from '../db/schema';
import type { IncomingChange, Recompute, RowPatch } from './change';
import {
  effectiveStamp,
  MAX_FUTURE_MS,
  mergeChange,
  patchOf,
  ROW_CLOCK,
  type Erasure,
  type MergeResult,
  type StoredRow,
} from './merge';
import { MERGE_SPECS, syncedTables } from './merge-spec';
import { GENESIS_HASH, type AuditEvent } from '../audit/audit-event';
import { verifyAuditChain } from '../audit/chain';
import { hashAuditEvent, sealAuditEvent, wipeAuditEvent } from '../audit/personal-digest';
import { fromOlderDevices } from './wire-compat';

const T0 = Date.UTC(2026, 2, 2, 2, 0, 0);

/** A stamp `seconds` after 10:00 on `node`. */
const at = (seconds: number, node = 'pcA', counter = 0) =>
  encodeHlc({ wall: T0 + seconds * 1000, counter, node });

const upsert = (
  table: string,
  entityId: string,
  hlc: string,
  set: Record<string, unknown>,
  unset?: string[],
  receivedAt?: number,
): IncomingChange => ({
  table,
  entityId,
  op: 'upsert',
  hlc,
  data: (unset ? { set, unset } : { set }) satisfies RowPatch,
  deviceId: hlc.split('-')[2]!,
  ...(receivedAt === undefined ? {} : { receivedAt }),
});

const insert = (table: string, entityId: string, hlc: string, row: Record<string, unknown>) =>
  ({ table, entityId, op: 'insert', hlc, data: row, deviceId: 'pcA' }) satisfies IncomingChange;

/** What a device holds after applying `changes` in this order. */
const fold = (changes: IncomingChange[], recompute?: Recompute, start?: StoredRow) => {
  let stored = start;
  const results: MergeResult[] = [];
  for (const change of changes) {
    const result = mergeChange(stored, change, recompute);
    results.push(result);
    if (result.kind === 'write') stored = { row: result.row, clocks: result.clocks };
  }
  return {
    stored,
    results,
    alarms: results.flatMap((r) => (r.kind === 'quarantine' ? [] : (r.alarms ?? []))),
  };
};

/** Both delivery orders give the same stored row and clocks; returns it. */
const bothOrders = (a: IncomingChange, b: IncomingChange, recompute?: Recompute) => {
  const ab = fold([a, b], recompute).stored;
  const ba = fold([b, a], recompute).stored;
  expect(ba).toEqual(ab);
  return ab!;
};

const provenance = (hlc: string, by = 'staff-1') => ({
  updatedAt: '2026-03-02T02:00:00.000Z',
  updatedBy: by,
  deviceId: hlc.split('-')[2]!,
  hlc,
});

const newPatient = (hlc: string) => ({
  id: 'p1',
  name: '张伟',
  sex: 'male',
  birthDate: '1980-01-02',
  idType: 'resident-id',
  idNumber: '110101198001020011',
  scheme: 'employee',
  notes: '',
  phone: '13800000000',
  searchKeys: ['from-the-wire'],
  createdAt: '2026-03-02T02:00:00.000Z',
  createdBy: 'staff-1',
  ...provenance(hlc),
});

const newItem = (hlc: string) => ({
  id: 'i1',
  visitId: 'v1',
  patientId: 'p1',
  date: '2026-03-02',
  clinicianId: 'doc',
  catalogueItemId: 'c1',
  versionId: 'cv1',
  code: 'X001',
  name: 'Scaling',
  category: 'procedure',
  unit: 'time',
  priceFen: 12000,
  coverage: 'self-pay',
  selfPayRatioBp: 10000,
  status: 'planned',
  quantity: 1,
  reason: 'cosmetic',
  alternatives: { kind: 'none' },
  createdAt: '2026-03-02T02:00:00.000Z',
  createdBy: 'doc',
  ...provenance(hlc),
});

const newVisit = (hlc: string) => ({
  id: 'v1',
  patientId: 'p1',
  date: '2026-03-02',
  checkedInAt: '2026-03-02T02:00:00.000Z',
  checkedInBy: 'desk',
  status: 'awaiting-verification',
  settlement: 'insurance',
  createdAt: '2026-03-02T02:00:00.000Z',
  createdBy: 'desk',
  ...provenance(hlc),
});

const created = (table: string, id: string, row: Record<string, unknown>) =>
  fold([upsert(table, id, row.hlc as string, row)]).stored!;

const searchKeys: Recompute = (table, row) =>
  table === 'patients' ? { ...row, searchKeys: [String(row.name), String(row.phone ?? '')] } : row;

describe('effective stamp', () => {
  it('is the HLC itself for a local change and for one within 5 minutes of the hub', () => {
    expect(effectiveStamp(at(10))).toBe(at(10));
    expect(effectiveStamp(at(10), T0 + 10_000 - MAX_FUTURE_MS)).toBe(at(10));
  });

  it('bounds a PC clock running a day ahead to the hub receipt + 5 min, keeping counter and node', () => {
    const ahead = encodeHlc({ wall: T0 + 86_400_000, counter: 7, node: 'pcB' });
    expect(effectiveStamp(ahead, T0)).toBe(
      encodeHlc({ wall: T0 + MAX_FUTURE_MS, counter: 7, node: 'pcB' }),
    );
  });

  it('refuses a receipt time that is no hub time', () => {
    expect(() => effectiveStamp(at(1), -1)).toThrowError(RangeError);
    expect(() => effectiveStamp(at(1), 1.5)).toThrowError(RangeError);
  });
});

describe('editable rows: last writer wins per field group', () => {
  it('keeps both edits when two PCs change different fields offline', () => {
    const start = created('patients', 'p1', newPatient(at(0)));
    const a = upsert('patients', 'p1', at(10, 'pcA'), { phone: '13900000000' });
    const b = upsert('patients', 'p1', at(20, 'pcB'), { notes: 'allergic to penicillin' });
    const merged = fold([a, b], undefined, start).stored!;
    expect(fold([b, a], undefined, start).stored).toEqual(merged);
    expect(merged.row).toMatchObject({ phone: '13900000000', notes: 'allergic to penicillin' });
  });

  it('takes the later of two edits of one field, in whatever order they arrive', () => {
    const start = created('patients', 'p1', newPatient(at(0)));
    const early = upsert('patients', 'p1', at(10, 'pcB'), { phone: '13911111111' });
    const late = upsert('patients', 'p1', at(20, 'pcA'), { phone: '13922222222' });
    expect(fold([early, late], undefined, start).stored!.row.phone).toBe('13922222222');
    expect(fold([late, early], undefined, start).stored!.row.phone).toBe('13922222222');
  });

  it('never mixes two corrections of a patient identity: the later identity wins whole', () => {
    const start = created('patients', 'p1', newPatient(at(0)));
    const identity = { name: '张伟', sex: 'male', birthDate: '1980-01-02', idType: 'resident-id' };
    const fixName = upsert('patients', 'p1', at(10, 'pcA'), {
      ...identity,
      name: '章伟',
      idNumber: '110101198001020011',
    });
    const fixId = upsert('patients', 'p1', at(20, 'pcB'), {
      ...identity,
      idNumber: '110101198001020029',
    });
    const merged = fold([fixName, fixId], undefined, start).stored!;
    expect(fold([fixId, fixName], undefined, start).stored).toEqual(merged);
    expect(merged.row).toMatchObject({ name: '张伟', idNumber: '110101198001020029' });
    expect(merged.clocks!['@identity']).toBe(at(20, 'pcB'));
  });

  it('treats a field a group change leaves out as cleared: the group is one value', () => {
    const start = created('plannedItems', 'i1', newItem(at(0)));
    const edit = upsert('plannedItems', 'i1', at(10), { quantity: 2 });
    const row = fold([edit], undefined, start).stored!.row;
    expect(row.quantity).toBe(2);
    expect(row.reason).toBeUndefined();
    expect(row.alternatives).toBeUndefined();
  });

  it('counts clearing a field as an edit: a later clear wins, an earlier one loses', () => {
    const start = created('patients', 'p1', newPatient(at(0)));
    const clear = upsert('patients', 'p1', at(20), {}, ['phone']);
    const set = upsert('patients', 'p1', at(10, 'pcB'), { phone: '13933333333' });
    expect(fold([set, clear], undefined, start).stored!.row.phone).toBeUndefined();
    const laterSet = upsert('patients', 'p1', at(30, 'pcB'), { phone: '13933333333' });
    expect(fold([laterSet, clear], undefined, start).stored!.row.phone).toBe('13933333333');
  });

  it('shows the last writer as updatedBy and the first creator as createdBy', () => {
    const a = upsert('staff', 's1', at(10, 'pcA'), {
      displayName: 'Li',
      createdAt: '2026-03-02T02:00:10.000Z',
      createdBy: 'owner-a',
      ...provenance(at(10, 'pcA'), 'owner-a'),
    });
    const b = upsert('staff', 's1', at(20, 'pcB'), {
      displayName: 'Li Na',
      createdAt: '2026-03-02T02:00:20.000Z',
      createdBy: 'owner-b',
      ...provenance(at(20, 'pcB'), 'owner-b'),
    });
    const { row } = bothOrders(a, b);
    expect(row).toMatchObject({ createdBy: 'owner-a', updatedBy: 'owner-b', hlc: at(20, 'pcB') });
    expect(row.displayName).toBe('Li Na');
  });

  it('applying a change twice changes nothing', () => {
    const change = upsert('patients', 'p1', at(0), newPatient(at(0)));
    const { results } = fold([change, change, change]);
    expect(results.map((r) => r.kind)).toEqual(['write', 'keep', 'keep']);
  });

  it('does not let a PC whose clock runs a day ahead win every later edit', () => {
    const start = created('patients', 'p1', newPatient(at(0)));
    const ahead = encodeHlc({ wall: T0 + 86_400_000, counter: 0, node: 'pcB' });
    const fromTheFuture = upsert('patients', 'p1', ahead, { phone: '13944444444' }, [], T0 + 1000);
    // Made 10 minutes after the hub received the other: beyond its 5-minute allowance.
    const later = upsert('patients', 'p1', at(600), { phone: '13955555555' }, [], T0 + 600_000);
    const merged = fold([fromTheFuture, later], undefined, start).stored!;
    expect(fold([later, fromTheFuture], undefined, start).stored).toEqual(merged);
    expect(merged.row.phone).toBe('13955555555');
  });

  it('notes a bounded stamp in the clock with both stamps', () => {
    const ahead = encodeHlc({ wall: T0 + 86_400_000, counter: 0, node: 'pcB' });
    const change = upsert('staff', 's1', ahead, { displayName: 'Li' }, [], T0);
    const { stored } = fold([change]);
    expect(stored!.clocks!.displayName).toBe(`${effectiveStamp(ahead, T0)}|${ahead}`);
  });

  it('takes the hub-bounded stamp when a local change comes back from the hub', () => {
    const ahead = encodeHlc({ wall: T0 + 86_400_000, counter: 0, node: 'pcA' });
    const local = upsert('staff', 's1', ahead, { displayName: 'Li' });
    const echo = { ...local, receivedAt: T0 };
    const onThisPc = fold([local, echo]).stored;
    expect(onThisPc).toEqual(fold([echo]).stored);
  });

  it('stores the row under the change entity id and refuses a patch naming another', () => {
    expect(fold([upsert('staff', 's1', at(1), { displayName: 'Li' })]).stored!.row.id).toBe('s1');
    const wrong = mergeChange(undefined, upsert('staff', 's1', at(1), { id: 's2' }));
    expect(wrong).toMatchObject({
      kind: 'quarantine',
      reason: expect.stringMatching(/^malformed/),
    });
    const setting = fold([upsert('settings', 'clinic', at(1), { value: { name: 'A' } })]).stored!;
    expect(setting.row).toEqual({ key: 'clinic', value: { name: 'A' } });
  });

  it('accepts an insert of a whole editable row as a patch setting every field', () => {
    const viaInsert = fold([insert('visits', 'v1', at(0), newVisit(at(0)))]).stored;
    expect(viaInsert).toEqual(fold([upsert('visits', 'v1', at(0), newVisit(at(0)))]).stored);
  });

  it('competes with the row own hlc when the stored row has no clocks yet', () => {
    const legacy = { row: { id: 's1', displayName: 'Old', hlc: at(50) } };
    const older = mergeChange(legacy, upsert('staff', 's1', at(40, 'pcB'), { displayName: 'X' }));
    expect(older.kind).toBe('keep');
    const newer = mergeChange(legacy, upsert('staff', 's1', at(60, 'pcB'), { displayName: 'Y' }));
    expect(newer).toMatchObject({ kind: 'write', row: { displayName: 'Y' } });
  });

  it('raises a malformed alarm for an unreadable stored clock and writes it away', () => {
    const stored = { row: { id: 's1', displayName: 'A' }, clocks: { displayName: 'yesterday' } };
    const result = mergeChange(stored, upsert('staff', 's1', at(1), { role: 'owner' }));
    expect(result).toMatchObject({ kind: 'write', alarms: [{ kind: 'malformed' }] });
    if (result.kind === 'write') expect(result.clocks).not.toHaveProperty('displayName');
  });
});

describe('derived fields', () => {
  it('never takes search keys from the wire: recomputes them on the merged row', () => {
    const { stored } = fold([upsert('patients', 'p1', at(0), newPatient(at(0)))], searchKeys);
    expect(stored!.row.searchKeys).toEqual(['张伟', '13800000000']);
    expect(stored!.clocks).not.toHaveProperty('searchKeys');
  });

  it('keeps the stored keys when no recompute is given, and ignores wire keys either way', () => {
    const start = {
      row: { id: 'p1', name: 'A', searchKeys: ['a'] },
      clocks: { '@identity': at(0) },
    };
    const change = upsert('patients', 'p1', at(5), { notes: 'x', searchKeys: ['evil'] });
    const result = mergeChange(start, change);
    expect(result).toMatchObject({ kind: 'write', row: { searchKeys: ['a'], notes: 'x' } });
  });

  it('recomputes when the identity another PC corrected wins', () => {
    const start = fold([upsert('patients', 'p1', at(0), newPatient(at(0)))], searchKeys).stored;
    const identity = { sex: 'male', birthDate: '1980-01-02', idType: 'resident-id' };
    const fix = upsert('patients', 'p1', at(9, 'pcB'), {
      ...identity,
      name: '李伟',
      idNumber: '110101198001020011',
    });
    expect(fold([fix], searchKeys, start).stored!.row.searchKeys).toEqual(['李伟', '13800000000']);
  });
});

describe('patchOf, the local write path', () => {
  it('sends a new row whole, derived fields left out', () => {
    const row = newPatient(at(0));
    const patch = patchOf('patients', undefined, row)!;
    expect(patch.set).not.toHaveProperty('searchKeys');
    expect(patch.set).toMatchObject({ id: 'p1', name: '张伟', createdBy: 'staff-1' });
    expect(patch.unset).toBeUndefined();
  });

  it('sends each changed group whole, with provenance, and clears what was removed', () => {
    const before = newItem(at(0));
    const { reason: _r, ...withoutReason } = before;
    const after = { ...withoutReason, quantity: 3, ...provenance(at(5), 'doc') };
    expect(patchOf('plannedItems', before, after)).toEqual({
      set: { quantity: 3, alternatives: { kind: 'none' }, ...provenance(at(5), 'doc') },
      unset: ['reason'],
    });
  });

  it('is undefined when nothing changed, search keys aside', () => {
    const row = newPatient(at(0));
    expect(patchOf('patients', row, { ...row, searchKeys: ['other'] })).toBeUndefined();
  });

  it('gives the row the writer meant when merged locally', () => {
    const before = newItem(at(0));
    const stored = created('plannedItems', 'i1', before);
    const after = {
      ...before,
      performedAt: '2026-03-02T03:00:00Z',
      performedBy: 'doc',
      ...provenance(at(9)),
    };
    const data = patchOf('plannedItems', before, after)!;
    const result = mergeChange(stored, { ...upsert('plannedItems', 'i1', at(9), {}), data });
    expect(result).toMatchObject({ kind: 'write', row: after });
  });

  it('sends a written-once row whole, for an insert', () => {
    const review = { id: 'r1', verificationId: 'r1', reviewedBy: 'o', reviewedAt: 'x' };
    expect(patchOf('verificationReviews', undefined, review)).toEqual({ set: review });
    expect(patchOf('verificationReviews', review, review)).toBeUndefined();
  });

  it('refuses a table that does not sync', () => {
    expect(() => patchOf('outbox', undefined, { id: 'o' })).toThrowError(/does not sync/);
    expect(() => patchOf('nope', undefined, { id: 'o' })).toThrowError(/no merge rule/);
  });
});

describe('planned items: performing and billing happened', () => {
  const start = () => created('plannedItems', 'i1', newItem(at(0)));
  const cancel = (hlc: string) => upsert('plannedItems', 'i1', hlc, { status: 'cancelled' });
  const perform = (hlc: string, by = 'doc') =>
    upsert('plannedItems', 'i1', hlc, { performedAt: `t-${hlc}`, performedBy: by });

  it('an item cancelled on one PC and performed on another ends performed', () => {
    for (const [c, p] of [
      [at(20, 'pcA'), at(10, 'pcB')],
      [at(10, 'pcA'), at(20, 'pcB')],
    ] as const) {
      const ab = fold([cancel(c), perform(p)], undefined, start()).stored!;
      expect(fold([perform(p), cancel(c)], undefined, start()).stored).toEqual(ab);
      expect(ab.row).toMatchObject({ status: 'planned', performedBy: 'doc' });
    }
  });

  it('an item cancelled after it was billed elsewhere stays planned and billed', () => {
    const bill = upsert('plannedItems', 'i1', at(10, 'pcB'), { billedAt: 't', billedBy: 'desk' });
    const row = fold([bill, cancel(at(20))], undefined, start()).stored!.row;
    expect(row).toMatchObject({ status: 'planned', billedBy: 'desk' });
  });

  it('an item with neither mark can be cancelled', () => {
    expect(fold([cancel(at(20))], undefined, start()).stored!.row.status).toBe('cancelled');
  });

  it('a stale edit clearing the performed mark never un-performs, even stamped later', () => {
    const clear = upsert('plannedItems', 'i1', at(30), {}, ['performedAt', 'performedBy']);
    const row = fold([perform(at(10)), clear], undefined, start()).stored!.row;
    expect(row.performedAt).toBe(`t-${at(10)}`);
  });

  it('between two performed marks, the later one stands', () => {
    const one = perform(at(10, 'pcA'), 'doc-a');
    const two = perform(at(20, 'pcB'), 'doc-b');
    expect(bothOrders(one, two).row.performedBy).toBe('doc-b');
  });

  it('moves the catalogue item and its copied terms as one value', () => {
    const terms = {
      catalogueItemId: 'c2',
      versionId: 'cv2',
      code: 'Y',
      name: 'Y',
      category: 'drug',
      unit: 'box',
      coverage: 'class-b',
      selfPayRatioBp: 1000,
    };
    const a = upsert('plannedItems', 'i1', at(10, 'pcA'), { ...terms, priceFen: 500 });
    const b = upsert('plannedItems', 'i1', at(20, 'pcB'), { ...newItem(at(0)), priceFen: 900 });
    const { row } = bothOrders(a, b);
    expect(row).toMatchObject({ catalogueItemId: 'c1', code: 'X001', priceFen: 900 });
  });

  it('raises an invariant alarm for a quantity below 1', () => {
    const zero = upsert('plannedItems', 'i1', at(10), { quantity: 0, reason: 'r' });
    const { alarms } = fold([zero], undefined, start());
    expect(alarms).toEqual([
      expect.objectContaining({ kind: 'invariant', table: 'plannedItems', entityId: 'i1' }),
    ]);
  });
});

describe('visits: a cancelled check-in and a verification outcome stand', () => {
  const start = () => created('visits', 'v1', newVisit(at(0)));
  const outcome = (hlc: string, status: string) => upsert('visits', 'v1', hlc, { status });

  it('a stale awaiting-verification never overwrites an outcome, whatever its stamp', () => {
    const failed = outcome(at(10, 'pcA'), 'failed');
    const stale = outcome(at(20, 'pcB'), 'awaiting-verification');
    expect(fold([failed, stale], undefined, start()).stored!.row.status).toBe('failed');
    expect(fold([stale, failed], undefined, start()).stored!.row.status).toBe('failed');
  });

  it('between outcomes the later one stands (a failure, then an officer override)', () => {
    const failed = outcome(at(10, 'pcA'), 'failed');
    const overridden = outcome(at(20, 'pcB'), 'overridden');
    expect(bothOrders(failed, overridden).row.status).toBe('overridden');
  });

  it('an undone check-in stays undone: a later stale edit cannot clear the cancel', () => {
    const cancel = upsert('visits', 'v1', at(10), {
      cancelledAt: 't',
      cancelledBy: 'desk',
      cancelReason: 'wrong patient',
    });
    const stale = upsert('visits', 'v1', at(20, 'pcB'), {}, [
      'cancelledAt',
      'cancelledBy',
      'cancelReason',
    ]);
    expect(bothOrders(cancel, stale).row.cancelReason).toBe('wrong patient');
  });

  it('settles as one decision: self-pay with its cause, or insurance without one', () => {
    const selfPay = upsert('visits', 'v1', at(10, 'pcA'), {
      settlement: 'self-pay',
      selfPayCause: 'verification-failed',
      selfPayReason: 'card mismatch',
    });
    const insurance = upsert('visits', 'v1', at(20, 'pcB'), { settlement: 'insurance' });
    const { row } = bothOrders(selfPay, insurance);
    expect(row.settlement).toBe('insurance');
    expect(row).not.toHaveProperty('selfPayCause');
    expect(row).not.toHaveProperty('selfPayReason');
  });

  it('raises an invariant alarm for a self-pay visit that does not say why', () => {
    const { alarms } = fold(
      [upsert('visits', 'v1', at(5), { settlement: 'self-pay' })],
      undefined,
      start(),
    );
    expect(alarms).toEqual([expect.objectContaining({ kind: 'invariant', entityId: 'v1' })]);
  });
});

describe('staff', () => {
  it('deactivation is not sticky: the owner may reactivate, the later decision stands', () => {
    const off = upsert('staff', 's1', at(10, 'pcA'), { active: false });
    const on = upsert('staff', 's1', at(20, 'pcB'), { active: true });
    expect(bothOrders(off, on).row.active).toBe(true);
    const offLater = upsert('staff', 's1', at(30, 'pcA'), { active: false });
    expect(bothOrders(offLater, on).row.active).toBe(false);
  });

  it('a password and whether it is temporary move together', () => {
    const reset = upsert('staff', 's1', at(10, 'pcA'), {
      password: 'h1',
      mustChangePassword: true,
    });
    const own = upsert('staff', 's1', at(20, 'pcB'), { password: 'h2', mustChangePassword: false });
    expect(bothOrders(reset, own).row).toMatchObject({ password: 'h2', mustChangePassword: false });
  });

  it('the roles a person holds are one value: the later decision on the whole set stands', () => {
    const dispenses = upsert('staff', 's1', at(10, 'pcA'), { roles: ['front-desk', 'pharmacist'] });
    const owner = upsert('staff', 's1', at(20, 'pcB'), { roles: ['clinician', 'owner'] });
    const merged = bothOrders(dispenses, owner);
    expect(merged.row.roles).toEqual(['clinician', 'owner']);
    expect(merged.clocks).toHaveProperty('@roles');
    const later = upsert('staff', 's1', at(30, 'pcA'), { roles: ['front-desk', 'pharmacist'] });
    expect(bothOrders(later, owner).row.roles).toEqual(['front-desk', 'pharmacist']);
  });

  it("an older PC's one role competes with the set as a set of one", () => {
    const roles = upsert('staff', 's1', at(20, 'pcB'), { roles: ['front-desk', 'pharmacist'] });
    const older = upsert('staff', 's1', at(30, 'pcOld'), { role: 'clinician' });
    const read = { ...older, data: fromOlderDevices('staff', older.data) };
    const merged = bothOrders(roles, read);
    expect(merged.row.roles).toEqual(['clinician']);
    expect(merged.row).not.toHaveProperty('role');
  });
});

describe('insert-only rows', () => {
  it("keeps an attachment's bytes on this PC: never sent, never compared, never overwritten", () => {
    const photo = { ownerId: 'p1', kind: 'patient-photo', mime: 'image/jpeg', blobHash: 'ab' };
    const blob = { bytes: 'the jpeg' };
    const held = { row: { id: 'a1', ...photo, blob, hlc: at(1) } };
    const sent = { id: 'a1', ...photo, hlc: at(1) };
    // Its own change back from the hub, without the bytes: nothing to write, no alarm.
    expect(mergeChange(held, insert('attachments', 'a1', at(1), sent))).toEqual({ kind: 'keep' });
    // An older version's change carrying the bytes as `{}`: the same content.
    expect(mergeChange(held, insert('attachments', 'a1', at(1), { ...sent, blob: {} }))).toEqual({
      kind: 'keep',
    });
    // A new row from the wire has no bytes until they are fetched.
    const fresh = mergeChange(
      undefined,
      insert('attachments', 'a2', at(2), { ...photo, blob: {} }),
    );
    expect(fresh).toMatchObject({ kind: 'write', row: { id: 'a2', ...photo } });
    expect((fresh as { row: object }).row).not.toHaveProperty('blob');
    // An earlier, different content wins the id: the alarm is raised, the bytes stay.
    const other = mergeChange(
      held,
      insert('attachments', 'a1', at(0), { ...photo, blobHash: 'cd' }),
    );
    expect(other).toMatchObject({ kind: 'write', row: { blobHash: 'cd', blob } });
    expect(patchOf('attachments', undefined, held.row)).toEqual({
      set: { id: 'a1', ...photo, hlc: at(1) },
    });
  });

  const event = (summary: string, hlc: string) => ({ id: 'e1', summary, hlc, deviceId: 'pcA' });

  it('the same id with identical content is keep, also when stored without clocks', () => {
    const row = event('login', at(1));
    const { results } = fold([
      insert('auditEvents', 'e1', at(1), row),
      insert('auditEvents', 'e1', at(1), row),
    ]);
    expect(results.map((r) => r.kind)).toEqual(['write', 'keep']);
    expect(mergeChange({ row, clocks: {} }, insert('auditEvents', 'e1', at(1), row))).toEqual({
      kind: 'keep',
    });
  });

  it('another content under one id raises a conflicting-insert alarm and keeps the earliest everywhere', () => {
    const first = insert('consents', 'c1', at(10, 'pcA'), {
      id: 'c1',
      signedAt: 'a',
      hlc: at(10, 'pcA'),
    });
    const second = insert('consents', 'c1', at(20, 'pcB'), {
      id: 'c1',
      signedAt: 'b',
      hlc: at(20, 'pcB'),
    });
    const ab = fold([first, second]);
    const ba = fold([second, first]);
    expect(ba.stored).toEqual(ab.stored);
    expect(ab.stored!.row.signedAt).toBe('a');
    expect(ab.alarms).toEqual(ba.alarms);
    expect(ab.alarms).toEqual([
      expect.objectContaining({ kind: 'conflicting-insert', entityId: 'c1' }),
    ]);
  });

  it('raises one alarm per new content, never again for one already seen', () => {
    const versions = ['a', 'b', 'c'].map((v, i) =>
      insert('verifications', 'x', at(i, `pc${v}`), { id: 'x', v }),
    );
    const { alarms, results } = fold([...versions, ...versions].reverse());
    expect(alarms.map((a) => a.detail)).toEqual([
      expect.stringMatching(/^2 different/),
      expect.stringMatching(/^3 different/),
    ]);
    expect(results.slice(3).every((r) => r.kind === 'keep')).toBe(true);
  });

  it('refuses an insert-only change that clears fields or names another id', () => {
    const clears = {
      ...insert('consents', 'c1', at(1), {}),
      op: 'upsert' as const,
      data: { set: { id: 'c1' }, unset: ['x'] },
    };
    expect(mergeChange(undefined, clears).kind).toBe('quarantine');
    expect(mergeChange(undefined, insert('consents', 'c1', at(1), { id: 'c2' })).kind).toBe(
      'quarantine',
    );
  });
});

describe('first-wins rows: one void per consent, one review per verification', () => {
  const voidBy = (who: string, hlc: string, extra: Record<string, unknown> = {}) =>
    insert('consentVoids', 'c1', hlc, {
      id: 'c1',
      consentId: 'c1',
      reason: `wrong item (${who})`,
      voidedAt: `t-${who}`,
      voidedBy: who,
      hlc,
      ...extra,
    });

  it('two PCs voiding one consent: the earliest void stands, the other is listed as also', () => {
    const a = voidBy('officer-a', at(20, 'pcA'));
    const b = voidBy('officer-b', at(10, 'pcB'));
    const { row } = bothOrders(a, b);
    expect(row.voidedBy).toBe('officer-b');
    expect(row.also).toEqual([
      {
        voidedBy: 'officer-a',
        voidedAt: 't-officer-a',
        reason: 'wrong item (officer-a)',
        hlc: at(20, 'pcA'),
      },
    ]);
  });

  it('raises no alarm and repeats no one in also', () => {
    const a = voidBy('officer-a', at(20, 'pcA'));
    const b = voidBy('officer-b', at(10, 'pcB'));
    const c = voidBy('officer-c', at(30, 'pcC'));
    const { stored, alarms, results } = fold([c, a, b, a, c, b]);
    expect(alarms).toEqual([]);
    expect((stored!.row.also as { voidedBy: string }[]).map((e) => e.voidedBy)).toEqual([
      'officer-a',
      'officer-c',
    ]);
    expect(results.slice(3).every((r) => r.kind === 'keep')).toBe(true);
    expect(fold([a, b, c]).stored).toEqual(stored);
  });

  it('files a void written with an id of its own under its consent', () => {
    const own = {
      ...voidBy('o', at(1)),
      data: { ...(voidBy('o', at(1)).data as object), id: 'v-77' },
    };
    expect(mergeChange(undefined, own)).toMatchObject({
      kind: 'write',
      row: { id: 'c1', consentId: 'c1' },
    });
  });

  it('ignores an also list arriving on the wire', () => {
    const a = voidBy('officer-a', at(20), { also: [{ voidedBy: 'mallory', hlc: at(1) }] });
    expect(fold([a]).stored!.row).not.toHaveProperty('also');
  });

  it('refuses a void whose id is not its consent', () => {
    const wrong = { ...voidBy('o', at(1)), data: { id: 'c1', consentId: 'c9', voidedBy: 'o' } };
    expect(mergeChange(undefined, wrong)).toMatchObject({ kind: 'quarantine' });
  });

  it('two officers marking one check reviewed: the first mark stands, the other is also', () => {
    const review = (who: string, hlc: string) =>
      insert('verificationReviews', 'ver1', hlc, {
        id: 'ver1',
        verificationId: 'ver1',
        reviewedAt: `t-${who}`,
        reviewedBy: who,
        hlc,
      });
    const { row } = bothOrders(review('o1', at(5, 'pcA')), review('o2', at(6, 'pcB')));
    expect(row.reviewedBy).toBe('o1');
    expect(row.also).toEqual([{ reviewedBy: 'o2', reviewedAt: 't-o2', hlc: at(6, 'pcB') }]);
  });
});

describe('changes that cannot be applied are quarantined', () => {
  it.each([
    ['an unknown table', { table: 'prescriptions' }, /^unknown-table/],
    ['a local table', { table: 'outbox' }, /^local-table/],
    ['the engine bookkeeping', { table: 'rowClocks' }, /^local-table/],
    ['a malformed hlc', { hlc: 'yesterday' }, /^malformed/],
    ['a receipt time that is no time', { receivedAt: Number.NaN }, /^malformed/],
    ['an erased change (data null)', { data: null }, /^malformed/],
    ['an upsert carrying a whole row', { data: { id: 's1', displayName: 'x' } }, /^malformed/],
    ['a field set and unset at once', { data: { set: { a: 1 }, unset: ['a'] } }, /^malformed/],
    [
      'a prototype-polluting field',
      { data: JSON.parse('{"set":{"__proto__":{"x":1}}}') as unknown },
      /^malformed/,
    ],
  ] as const)('%s', (_label, override, reason) => {
    const change = {
      ...upsert('staff', 's1', at(1), { displayName: 'x' }),
      ...override,
    } as IncomingChange;
    expect(mergeChange(undefined, change)).toEqual({
      kind: 'quarantine',
      reason: expect.stringMatching(reason),
    });
  });
});

describe('the spec covers the schema', () => {
  it('has a rule for every table of the current schema, and no other', () => {
    expect(Object.keys(MERGE_SPECS).sort()).toEqual(Object.keys(currentSchema.stores).sort());
  });

  it('syncs every table but the local ones', () => {
    for (const table of localOnlyTables) expect(MERGE_SPECS[table]!.kind).toBe('local');
    expect([...syncedTables].sort()).toEqual(
      Object.keys(MERGE_SPECS)
        .filter((t) => !localOnlyTables.includes(t as never))
        .sort(),
    );
  });

  it('puts no field in two groups of one table, nor a derived field in any', () => {
    for (const spec of Object.values(MERGE_SPECS)) {
      if (spec.kind !== 'editable') continue;
      const fields = spec.groups.flatMap((g) => g.fields);
      expect(new Set(fields).size).toBe(fields.length);
      expect(fields.filter((f) => spec.derived.includes(f) || f === spec.key)).toEqual([]);
    }
  });
});

describe('a written-once row stored without its clocks', () => {
  it('merges exactly as with clocks that hold just its own stamp (the apply step omits them)', () => {
    const first = { id: 'v1', visitId: 'x', outcome: 'verified', hlc: at(1) };
    const stored = fold([insert('verifications', 'v1', at(1), first)]).stored!;
    expect(stored.clocks).toEqual({ [ROW_CLOCK]: at(1) });
    const bare: StoredRow = { row: stored.row };
    for (const next of [
      insert('verifications', 'v1', at(1), first),
      insert('verifications', 'v1', at(0, 'pcB'), {
        ...first,
        outcome: 'failed',
        hlc: at(0, 'pcB'),
      }),
      insert('verifications', 'v1', at(5, 'pcB'), {
        ...first,
        outcome: 'failed',
        hlc: at(5, 'pcB'),
      }),
    ])
      expect(mergeChange(bare, next)).toEqual(mergeChange(stored, next));
  });
});

const erase = (table: string, entityId: string, hlc: string, disposal = 'd-1') =>
  ({
    table,
    entityId,
    op: 'erase',
    hlc,
    data: { disposal },
    deviceId: 'archive',
  }) satisfies IncomingChange;

/** What a device holds of one entity after `changes`: its row, or its erasure. */
const foldErasable = (changes: IncomingChange[]) => {
  let stored: StoredRow | undefined;
  let erasure: Erasure | undefined;
  const results: MergeResult[] = [];
  for (const change of changes) {
    const result = mergeChange(stored, change, undefined, erasure);
    results.push(result);
    if (result.kind === 'write') stored = { row: result.row, clocks: result.clocks };
    if (result.kind === 'erase') [stored, erasure] = [undefined, result.erasure];
  }
  return { stored, erasure, results };
};

describe('a retention disposal erases a row on every device (merge-spec.ts, "Erasure")', () => {
  const patient = upsert('patients', 'p1', at(1), { id: 'p1', name: '王小明', phone: '139' });
  const lateEdit = upsert('patients', 'p1', at(50, 'pcB'), { phone: '138' });

  it('removes an editable row whatever its stamps: a later edit does not outlive the erasure', () => {
    const { stored, erasure, results } = foldErasable([
      patient,
      lateEdit,
      erase('patients', 'p1', at(10)),
    ]);
    expect(stored).toBeUndefined();
    expect(erasure).toEqual({
      table: 'patients',
      entityId: 'p1',
      hlc: at(10),
      data: { disposal: 'd-1' },
    });
    expect(results.at(-1)!.kind).toBe('erase');
  });

  it('drops every later change of the erased row silently, a malformed one too, never quarantined', () => {
    const { stored, results } = foldErasable([
      erase('patients', 'p1', at(10)),
      patient,
      lateEdit,
      { ...lateEdit, data: null },
      { ...lateEdit, hlc: 'yesterday' },
    ]);
    expect(stored).toBeUndefined();
    expect(results.slice(1)).toEqual([
      { kind: 'keep' },
      { kind: 'keep' },
      { kind: 'keep' },
      { kind: 'keep' },
    ]);
  });

  it('ends the same in either order for an insert-only row, and a repeat changes nothing', () => {
    const consent = insert('consents', 'c1', at(1), { id: 'c1', signedAt: 's', patientId: 'p1' });
    const gone = erase('consents', 'c1', at(20));
    const one = foldErasable([consent, gone, consent, gone]);
    const other = foldErasable([gone, consent]);
    expect([one.stored, other.stored]).toEqual([undefined, undefined]);
    expect(one.erasure).toEqual(other.erasure);
    expect(one.results.slice(2)).toEqual([{ kind: 'keep' }, { kind: 'keep' }]);
  });

  it('keeps the earlier of two erasures of one row, whichever came first', () => {
    const first = erase('visits', 'v1', at(5), 'd-1');
    const second = erase('visits', 'v1', at(9), 'd-2');
    expect(foldErasable([first, second]).erasure).toEqual(foldErasable([second, first]).erasure);
    expect(foldErasable([second, first]).erasure!.data).toEqual({ disposal: 'd-1' });
  });

  it('erases a first-wins row as any other', () => {
    const voided = insert('consentVoids', 'c1', at(1), { consentId: 'c1', reason: 'x' });
    const { stored, erasure } = foldErasable([voided, erase('consentVoids', 'c1', at(2))]);
    expect([stored, erasure?.entityId]).toEqual([undefined, 'c1']);
  });
});

describe('a retention disposal wipes an audit event and keeps it in its chain (personal-digest.ts)', () => {
  const content = (seq: number, prevHash: string) => ({
    id: `e${seq}`,
    deviceId: 'pcB',
    seq,
    at: `2026-11-22T08:00:0${seq}.000Z`,
    hlc: at(seq, 'pcB'),
    actorId: 'staff-1',
    actorName: '李娜',
    role: 'front-desk' as const,
    action: 'update' as const,
    entity: 'patient' as const,
    entityId: 'p1',
    summary: '王小明',
    changes: [{ field: 'phone', from: '13800000000', to: '13900000000' }],
    prevHash,
  });
  const first = sealAuditEvent(content(1, GENESIS_HASH));
  const second = sealAuditEvent(content(2, first.hash));
  const third = sealAuditEvent(content(3, second.hash));
  const added = (event: AuditEvent) => insert('auditEvents', event.id, event.hlc, event);
  const gone = erase('auditEvents', 'e2', at(20));

  /** What a device holds of the event after `changes`, as `foldErasable` but keeping a wiped row. */
  const foldAudit = (changes: IncomingChange[]) => {
    let stored: StoredRow | undefined;
    let erasure: Erasure | undefined;
    const results: MergeResult[] = [];
    for (const change of changes) {
      const result = mergeChange(stored, change, undefined, erasure);
      results.push(result);
      if (result.kind === 'write') stored = { row: result.row, clocks: result.clocks };
      if (result.kind === 'erase') {
        erasure = result.erasure;
        stored = result.row ? { row: result.row, clocks: result.clocks } : undefined;
      }
    }
    return { stored, erasure, results };
  };

  it('a wiped copy sent without a disposal never beats the whole event, whatever its stamp', () => {
    // A PC sends e2 wiped, stamped earlier than the real insert, to remove its content.
    const forged = insert('auditEvents', 'e2', at(0), wipeAuditEvent(second)!);
    for (const order of [
      [added(second), forged],
      [forged, added(second)],
      [forged, added(second), forged],
    ]) {
      const { stored, erasure } = foldAudit(order);
      expect(erasure).toBeUndefined();
      expect(stored!.row).toEqual(second);
    }
    // Once a disposal erased it, it is wiped whatever came before.
    expect(foldAudit([added(second), forged, gone]).stored!.row).toEqual(wipeAuditEvent(second));
  });

  it('keeps every chain field and the digest, drops salt, summary, reason and changes', () => {
    const { stored, erasure, results } = foldAudit([added(second), gone]);
    expect(results.at(-1)!.kind).toBe('erase');
    expect(stored!.row).toEqual(wipeAuditEvent(second));
    expect(stored!.row).toMatchObject({ summary: '', personalDigest: second.personalDigest });
    expect(stored!.row).not.toHaveProperty('salt');
    expect(stored!.row).not.toHaveProperty('changes');
    expect(erasure).toEqual({ table: 'auditEvents', entityId: 'e2', hlc: at(20), data: gone.data });
    expect(verifyAuditChain([first, stored!.row as AuditEvent, third], new Set(['e2']))).toEqual({
      ok: true,
      checked: 3,
    });
  });

  it('ends the same in any order, duplicated; a late whole insert does not bring the content back', () => {
    const orders = [
      [added(second), gone],
      [gone, added(second)],
      [gone, added(second), added(second), gone],
      [added(second), gone, added(second)],
    ].map((changes) => foldAudit(changes));
    for (const end of orders) {
      expect(end.stored!.row).toEqual(wipeAuditEvent(second));
      expect(end.erasure).toEqual(orders[0]!.erasure);
      expect(end.stored!.clocks ?? {}).toEqual(orders[0]!.stored!.clocks ?? {});
    }
    const [, late] = foldAudit([added(second), gone, added(second)]).results.slice(1);
    expect(late).toEqual({ kind: 'keep' });
  });

  it('applying the erase again changes nothing', () => {
    const { stored, erasure } = foldAudit([added(second), gone]);
    expect(mergeChange(stored, gone, undefined, erasure)).toEqual({ kind: 'keep' });
  });

  it('wipes an event held whole beside its erasure when its insert comes again', () => {
    const held = { row: second as Record<string, unknown>, clocks: { '@row': second.hlc } };
    const erasure = { table: 'auditEvents', entityId: 'e2', hlc: at(20), data: gone.data };
    expect(mergeChange(held, added(second), undefined, erasure)).toEqual({
      kind: 'write',
      row: wipeAuditEvent(second),
      clocks: { '@row': second.hlc },
    });
  });

  it('drops a malformed insert of the erased event silently (a quarantine would keep its content)', () => {
    const { results } = foldAudit([gone, { ...added(second), hlc: 'yesterday' }]);
    expect(results.at(-1)).toEqual({ kind: 'keep' });
  });

  it('an event written before personal digests is kept whole, the erasure held and the owner told, in either order', () => {
    const old = { ...content(2, first.hash) };
    const whole: AuditEvent = { ...old, hash: hashAuditEvent(old) };
    const ends = [
      foldAudit([added(whole), gone]),
      foldAudit([gone, added(whole)]),
      foldAudit([added(whole), gone, added(whole), gone]),
    ];
    for (const { stored, erasure, results } of ends) {
      expect(stored!.row).toEqual(whole);
      expect(stored!.clocks).toEqual(ends[0]!.stored!.clocks);
      expect(erasure).toEqual(ends[0]!.erasure);
      const alarms = results.flatMap((r) => ('alarms' in r ? (r.alarms ?? []) : []));
      expect(alarms).toEqual([
        {
          kind: 'invariant',
          table: 'auditEvents',
          entityId: 'e2',
          detail: expect.stringMatching(
            /^unwipeable: .*before personal digests.*break its device's chain/,
          ),
        },
      ]);
    }
  });
});
