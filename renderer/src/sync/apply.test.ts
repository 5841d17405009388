import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../shared/clock/clock';
import { encodeHlc } from '../../../shared/clock/hlc';
import { newId } from '../../../shared/ids';
import type { LogEntry } from '../../../shared/sync/protocol';
import { ClinicDb } from '../db/database';
import { applyKeptChanges, applyPage, type ApplyContext } from './apply';

const clock = manualClock('2026-11-22T09:00:00+08:00');

/** A staff row's first change, as another PC pushed it, with the wire version it was written in. */
const staffChange = (seq: number, schemaVersion: number, name: string): LogEntry => {
  const hlc = encodeHlc({ wall: clock.now() - 60_000, counter: seq, node: 'pc-other' });
  return {
    seq,
    deviceId: 'pc-other',
    receivedAt: clock.now(),
    change: {
      deviceSeq: seq,
      txId: `tx-${seq}`,
      txIndex: 0,
      txSize: 1,
      table: 'staff',
      entityId: `s-${seq}`,
      op: 'upsert',
      hlc,
      schemaVersion,
      data: { set: { id: `s-${seq}`, username: `u${seq}`, displayName: name, hlc } },
    },
  };
};

const context = (db: ClinicDb, knownSchema?: number): ApplyContext => ({
  db,
  clock,
  deviceId: 'pc-here',
  ...(knownSchema ? { knownSchema } : {}),
});

describe('changes written by a newer ClinicDesk', () => {
  it('are kept, not applied, and applied once this PC reads their version', async () => {
    const db = new ClinicDb(`apply-${newId()}`, { indexedDB, IDBKeyRange });
    const page = [staffChange(1, 1, '王医生'), staffChange(2, 2, '李护士')];
    await applyPage(context(db, 1), page, 2);
    expect((await db.staff.toArray()).map((s) => s.displayName)).toEqual(['王医生']);
    const kept = await db.syncIssues.toArray();
    expect(kept).toMatchObject([{ kind: 'newer', table: 'staff', entityId: 's-2', seq: 2 }]);

    // Still too new for this version: nothing happens.
    expect(await applyKeptChanges(context(db, 1))).toBe(0);
    expect(await db.syncIssues.count()).toBe(1);

    // After the update.
    expect(await applyKeptChanges(context(db, 2))).toBe(1);
    expect((await db.staff.orderBy('id').toArray()).map((s) => s.displayName)).toEqual([
      '王医生',
      '李护士',
    ]);
    expect(await db.syncIssues.count()).toBe(0);
  });
});

/** A consultation (a table added in a later version) as another PC pushed it. */
const consultationEntry = (): LogEntry => {
  const hlc = encodeHlc({ wall: clock.now() - 60_000, counter: 1, node: 'pc-other' });
  return {
    seq: 1,
    deviceId: 'pc-other',
    receivedAt: clock.now(),
    change: {
      deviceSeq: 1,
      txId: 'tx-1',
      txIndex: 0,
      txSize: 1,
      table: 'consultations',
      entityId: 'q-1',
      op: 'insert',
      hlc,
      schemaVersion: 1,
      data: {
        id: 'q-1',
        at: '2026-11-22T08:30:00+08:00',
        topic: 'fees',
        question: '能开发票吗？',
      },
    },
  };
};

describe('a table a newer ClinicDesk added', () => {
  it('is kept while this PC does not know it, and applied once it does', async () => {
    const db = new ClinicDb(`apply-${newId()}`, { indexedDB, IDBKeyRange });
    const consultation = consultationEntry();
    // A PC of the version before consultations: same wire version, unknown table.
    const before: ApplyContext = {
      ...context(db),
      knownTables: new Set(['staff', 'patients', 'auditEvents']),
    };
    await applyPage(before, [consultation], 1);
    expect(await db.consultations.count()).toBe(0);
    expect(await db.syncIssues.toArray()).toMatchObject([
      { kind: 'newer', table: 'consultations', entityId: 'q-1' },
    ]);
    expect(await applyKeptChanges(before)).toBe(0);

    // After the update: applied, and no longer kept.
    expect(await applyKeptChanges(context(db))).toBe(1);
    expect(await db.consultations.get('q-1')).toMatchObject({ topic: 'fees' });
    expect(await db.syncIssues.count()).toBe(0);
  });

  it('takes up what an earlier version quarantined for its unknown table, once updated', async () => {
    const db = new ClinicDb(`apply-${newId()}`, { indexedDB, IDBKeyRange });
    const entry = consultationEntry();
    // As the version before kept it: quarantined by the merge's unknown-table rule.
    await db.syncIssues.add({
      id: 'issue-1',
      kind: 'quarantined',
      at: new Date(clock.now()).toISOString(),
      table: 'consultations',
      entityId: 'q-1',
      seq: 1,
      detail: "unknown-table: consultations (a newer version's table?)",
      change: entry,
    });
    expect(await applyKeptChanges(context(db))).toBe(1);
    expect(await db.consultations.get('q-1')).toMatchObject({ topic: 'fees' });
    expect(await db.syncIssues.count()).toBe(0);
  });
});

describe('staff changes from a PC not yet updated to several roles per person', () => {
  it('reads its one role as a set of one, in the same wire version', async () => {
    const db = new ClinicDb(`apply-${newId()}`, { indexedDB, IDBKeyRange });
    const older = staffChange(1, 1, '王芳');
    const data = older.change.data as { set: Record<string, unknown> };
    data.set.role = 'front-desk';
    await applyPage(context(db), [older], 1);
    expect(await db.staff.get('s-1')).toMatchObject({ roles: ['front-desk'] });
    expect(await db.staff.get('s-1')).not.toHaveProperty('role');
    expect(await db.syncIssues.count()).toBe(0);
  });
});

describe('merge clocks of editable rows', () => {
  it('are not stored for a row as its first change made it, and are once another change wins part of it', async () => {
    const db = new ClinicDb(`apply-${newId()}`, { indexedDB, IDBKeyRange });
    const first = staffChange(1, 1, '王医生');
    await applyPage(context(db), [first], 1);
    expect(await db.rowClocks.count()).toBe(0);

    // A later rename by a third PC: the name's group now has its own stamp.
    const hlc = encodeHlc({ wall: clock.now() - 30_000, counter: 0, node: 'pc-third' });
    const rename: LogEntry = {
      ...first,
      seq: 2,
      deviceId: 'pc-third',
      change: {
        ...first.change,
        deviceSeq: 1,
        txId: 'tx-rename',
        hlc,
        data: { set: { displayName: '王主任', hlc } },
      },
    };
    await applyPage(context(db), [rename], 2);
    expect((await db.staff.get('s-1'))?.displayName).toBe('王主任');
    const stored = await db.rowClocks.get('staff/s-1');
    expect(stored?.clocks).toMatchObject({ displayName: hlc, username: first.change.hlc });

    // The first change, delivered again, changes nothing: the stored clocks still say why.
    await applyPage(context(db), [first], 3);
    expect((await db.staff.get('s-1'))?.displayName).toBe('王主任');
  });
});
