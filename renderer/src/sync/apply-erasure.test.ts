import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { manualClock } from '../../../shared/clock/clock';
import { encodeHlc } from '../../../shared/clock/hlc';
import { newId } from '../../../shared/ids';
import type { Change, LogEntry } from '../../../shared/sync/protocol';
import { ClinicDb } from '../db/database';
import { rowClocksKey } from '../db/write';
import { applyPage, applySnapshotBatch, prepareEntries, type ApplyContext } from './apply';

const clock = manualClock('2026-11-22T09:00:00+08:00');

const newStore = () => new ClinicDb(`erasure-${newId()}`, { indexedDB, IDBKeyRange });
const context = (db: ClinicDb): ApplyContext => ({ db, clock, deviceId: 'pc-here' });

/** A log entry from another PC; `second` orders the stamps. */
const entry = (seq: number, second: number, change: Partial<Change>): LogEntry => {
  const hlc = encodeHlc({ wall: clock.now() - 600_000 + second * 1000, counter: 0, node: 'pc-b' });
  return {
    seq,
    deviceId: 'pc-b',
    receivedAt: clock.now(),
    change: {
      deviceSeq: seq,
      txId: `tx-${seq}`,
      txIndex: 0,
      txSize: 1,
      table: 'patients',
      entityId: 'p-1',
      op: 'upsert',
      hlc,
      schemaVersion: 1,
      data: null,
      ...change,
    },
  };
};

const registered = (seq: number, second = 1) =>
  entry(seq, second, { data: { set: { id: 'p-1', name: '王小明', phone: '13900000001' } } });
const edited = (seq: number, second: number) =>
  entry(seq, second, { data: { set: { phone: `1380000000${second % 10}` } } });
const erased = (seq: number, second: number, disposal = 'd-1') =>
  entry(seq, second, { op: 'erase', data: { disposal } });

/** What the store holds of p-1: the row, its clocks, its erasure, the issues kept about it. */
const heldOf = async (db: ClinicDb) => ({
  row: await db.patients.get('p-1'),
  clocks: await db.rowClocks.get(rowClocksKey('patients', 'p-1')),
  erasure: (await db.erasures.get(rowClocksKey('patients', 'p-1')))?.data,
  issues: await db.syncIssues.count(),
});

const gone = { row: undefined, clocks: undefined, erasure: { disposal: 'd-1' }, issues: 0 };

describe('a retention disposal arriving through the pull', () => {
  it('removes a row held from an earlier page, with its clocks, and keeps the erasure', async () => {
    const db = newStore();
    await applyPage(context(db), [registered(1), edited(2, 2)], 2);
    expect((await heldOf(db)).row).toMatchObject({ name: '王小明' });
    await applyPage(context(db), [erased(3, 3)], 3);
    expect(await heldOf(db)).toEqual(gone);
  });

  it('keeps the row from ever coming when the erasure came first, a late edit included', async () => {
    const db = newStore();
    await applyPage(context(db), [erased(1, 3)], 1);
    // A lagging PC's registration and its edit made offline, stamped after the disposal.
    await applyPage(context(db), [registered(2), edited(3, 40)], 3);
    expect(await heldOf(db)).toEqual(gone);
  });

  it('ends the same when the row, its edits and the erasure share one page, in any order', async () => {
    for (const page of [
      [registered(1), edited(2, 2), erased(3, 3)],
      [erased(1, 3), registered(2), edited(3, 2)],
      [registered(1), erased(2, 3), edited(3, 50), erased(4, 3)],
    ]) {
      const db = newStore();
      await applyPage(context(db), page, page.length);
      expect(await heldOf(db)).toEqual(gone);
    }
  });

  it('applies the same way in a snapshot batch', async () => {
    const db = newStore();
    const batch = (entries: LogEntry[]) =>
      applySnapshotBatch(context(db), prepareEntries(context(db), entries), async () => undefined);
    await batch([registered(1), erased(2, 3)]);
    await batch([edited(3, 9)]);
    expect(await heldOf(db)).toEqual(gone);
  });

  it('keeps the earlier of two disposals of one row, whichever came first', async () => {
    const db = newStore();
    await applyPage(context(db), [erased(1, 9, 'd-2')], 1);
    await applyPage(context(db), [erased(2, 3, 'd-1')], 2);
    expect(await heldOf(db)).toEqual(gone);
  });

  it('quarantines nothing of an erased row, and drops what was kept of it before', async () => {
    const db = newStore();
    // A malformed change kept for the owner, with the patient's name in it.
    const malformed = entry(1, 1, {
      data: { set: { id: 'p-1', name: '王小明' }, unset: ['name'] },
    });
    await applyPage(context(db), [malformed], 1);
    expect(await db.syncIssues.count()).toBe(1);
    await applyPage(context(db), [erased(2, 3), { ...malformed, seq: 3 }], 3);
    expect(await heldOf(db)).toEqual(gone);
  });

  it('never applies an entry the hub served erased', async () => {
    const db = newStore();
    await applyPage(context(db), [{ ...registered(1), erased: true }], 1);
    expect(await db.patients.count()).toBe(0);
    expect(await db.syncIssues.count()).toBe(0);
  });

  it("empties this PC's unsent changes of the erased row, and only those", async () => {
    const db = newStore();
    await applyPage(context(db), [registered(1)], 1);
    const queued = (id: string, deviceSeq: number, entityId: string) => ({
      id,
      deviceSeq,
      txId: `tx-${deviceSeq}`,
      txIndex: 0,
      hlc: encodeHlc({ wall: clock.now(), counter: deviceSeq, node: 'pc-here' }),
      table: 'patients',
      entityId,
      op: 'upsert' as const,
      schemaVersion: 1,
      data: { set: { phone: '13700000000' } },
      createdAt: new Date(clock.now()).toISOString(),
    });
    await db.outbox.bulkAdd([queued('o1', 1, 'p-1'), queued('o2', 2, 'p-2')]);
    await applyPage(context(db), [erased(2, 3)], 2);
    const outbox = await db.outbox.orderBy('deviceSeq').toArray();
    // The numbers stay (the hub refuses a gap); the erased row's content does not.
    expect(outbox.map((e) => [e.deviceSeq, e.entityId, e.data])).toEqual([
      [1, 'p-1', null],
      [2, 'p-2', { set: { phone: '13700000000' } }],
    ]);
  });
});

describe('the cost of erasures to an initial sync', () => {
  it('looks nothing up while the store holds no erasure, and once per table per batch after', async () => {
    const db = newStore();
    const lookups = vi.spyOn(db.erasures, 'bulkGet');
    const patients = (from: number) =>
      Array.from({ length: 50 }, (_, i) =>
        entry(from + i, 1, {
          entityId: `p-${from + i}`,
          data: { set: { id: `p-${from + i}`, name: `病人${from + i}` } },
        }),
      );
    await applyPage(context(db), patients(1), 50);
    expect(lookups).not.toHaveBeenCalled();
    await applyPage(context(db), [erased(51, 3)], 51);
    lookups.mockClear();
    await applyPage(context(db), patients(100), 149);
    expect(lookups).toHaveBeenCalledTimes(1);
    // All of the second batch, and the first but its erased p-1.
    expect(await db.patients.count()).toBe(99);
  });
});
