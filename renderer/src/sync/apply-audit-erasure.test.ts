import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, type AuditEvent } from '../../../shared/audit/audit-event';
import { verifyAuditChain } from '../../../shared/audit/chain';
import {
  hashAuditEvent,
  isWipedAuditEvent,
  sealAuditEvent,
  wipeAuditEvent,
} from '../../../shared/audit/personal-digest';
import { manualClock } from '../../../shared/clock/clock';
import { encodeHlc } from '../../../shared/clock/hlc';
import { newId } from '../../../shared/ids';
import type { LogEntry } from '../../../shared/sync/protocol';
import { erasedAuditEvents } from '../db/audit';
import { ClinicDb } from '../db/database';
import { rowClocksKey } from '../db/write';
import { applyPage, type ApplyContext } from './apply';
import { honourErasures } from './erasure';

const clock = manualClock('2026-11-22T09:00:00+08:00');
const newStore = () => new ClinicDb(`audit-erasure-${newId()}`, { indexedDB, IDBKeyRange });
const context = (db: ClinicDb): ApplyContext => ({ db, clock, deviceId: 'pc-here' });

const stamp = (second: number, node = 'pc-b') =>
  encodeHlc({ wall: clock.now() - 600_000 + second * 1000, counter: 0, node });

const content = (seq: number, prevHash: string) => ({
  id: `e-${seq}`,
  deviceId: 'pc-b',
  seq,
  at: new Date(clock.now() - 600_000 + seq * 1000).toISOString(),
  hlc: stamp(seq),
  actorId: 'staff-1',
  actorName: '李娜',
  role: 'front-desk' as const,
  action: 'update' as const,
  entity: 'patient' as const,
  entityId: 'p-1',
  summary: '王小明',
  reason: '登记错误',
  changes: [{ field: 'phone', from: '13800000001', to: '13900000001' }],
  prevHash,
});

/** pc-b's chain of three events; `firstFormat`: the middle one written before digests. */
const chainOf = (firstFormat = false): AuditEvent[] => {
  const one = sealAuditEvent(content(1, GENESIS_HASH));
  const middle = content(2, one.hash);
  const two = firstFormat ? { ...middle, hash: hashAuditEvent(middle) } : sealAuditEvent(middle);
  return [one, two, sealAuditEvent(content(3, two.hash))];
};

const logged = (seq: number, event: AuditEvent, erased = false): LogEntry => ({
  seq,
  deviceId: 'pc-b',
  receivedAt: clock.now(),
  change: {
    deviceSeq: seq,
    txId: `tx-${seq}`,
    txIndex: 0,
    txSize: 1,
    table: 'auditEvents',
    entityId: event.id,
    op: 'insert',
    hlc: event.hlc,
    schemaVersion: 1,
    data: erased ? wipeAuditEvent(event) : event,
  },
  ...(erased ? { erased: true as const } : {}),
});

const disposal = (seq: number, entityId = 'e-2'): LogEntry => ({
  seq,
  deviceId: 'pc-archive',
  receivedAt: clock.now(),
  change: {
    deviceSeq: 1,
    txId: `tx-${seq}`,
    txIndex: 0,
    txSize: 1,
    table: 'auditEvents',
    entityId,
    op: 'erase',
    hlc: stamp(30, 'pc-archive'),
    schemaVersion: 1,
    data: { disposal: 'd-1' },
  },
});

const PERSONAL = /王小明|1380000000|1390000000|登记错误/;

/** What the store holds of pc-b's chain and of e-2's erasure. */
const heldOf = async (db: ClinicDb) => {
  const events = await db.auditEvents.toArray();
  return {
    chain: verifyAuditChain(events, await erasedAuditEvents(db)),
    wiped: events.filter((e) => isWipedAuditEvent(e)).map((e) => e.id),
    erasure: (await db.erasures.get(rowClocksKey('auditEvents', 'e-2')))?.data,
    issues: await db.syncIssues.toArray(),
    e2: events.find((e) => e.id === 'e-2'),
  };
};

describe('a retention disposal of an audit event arriving through the pull', () => {
  it('wipes its personal fields, keeps it in its chain, and the chain still verifies', async () => {
    const db = newStore();
    const events = chainOf();
    await applyPage(
      context(db),
      events.map((e, i) => logged(i + 1, e)),
      3,
    );
    await applyPage(context(db), [disposal(4)], 4);
    const held = await heldOf(db);
    expect(held.chain).toEqual({ ok: true, checked: 3 });
    expect(held.wiped).toEqual(['e-2']);
    expect(held.e2).toEqual(wipeAuditEvent(events[1]!));
    expect(JSON.stringify(held.e2)).not.toMatch(PERSONAL);
    expect(held.erasure).toEqual({ disposal: 'd-1' });
    expect(held.issues).toEqual([]);
  });

  it('a refused disposal wipes nothing: the event stays whole and the owner is shown the refusal', async () => {
    const db = newStore();
    const events = chainOf();
    await applyPage(
      context(db),
      events.map((e, i) => logged(i + 1, e)),
      3,
    );
    const refusal = {
      reason: 'unauthorised-disposal' as const,
      actorId: 'staff-1',
      actorName: '李娜',
      role: 'front-desk' as const,
      entity: 'disposal' as const,
      action: 'delete' as const,
    };
    await applyPage(context(db), [{ ...disposal(4), refused: refusal }], 4);
    const held = await heldOf(db);
    expect(held.wiped).toEqual([]);
    expect(held.e2).toEqual(events[1]);
    expect(held.erasure).toBeUndefined();
    expect(held.chain).toEqual({ ok: true, checked: 3 });
    expect(held.issues).toMatchObject([
      { kind: 'quarantined', table: 'auditEvents', entityId: 'e-2', refusal },
    ]);
  });

  it('ends the same in any order: a late whole insert does not bring the content back', async () => {
    const events = chainOf();
    const all = events.map((e, i) => logged(i + 1, e));
    for (const pages of [
      [[disposal(1)], all.map((e) => ({ ...e, seq: e.seq + 1 }))],
      [[all[0]!, all[1]!, disposal(3), all[2]!, { ...all[1]!, seq: 5 }]],
      [
        [disposal(1), all[1]!, all[0]!],
        [
          { ...all[2]!, seq: 4 },
          { ...all[1]!, seq: 5 },
        ],
      ],
    ]) {
      const db = newStore();
      let next = 0;
      for (const page of pages) await applyPage(context(db), page, (next += page.length));
      const held = await heldOf(db);
      expect(held.chain).toEqual({ ok: true, checked: 3 });
      expect(held.e2).toEqual(wipeAuditEvent(events[1]!));
      expect(held.issues).toEqual([]);
    }
  });

  it('applying the disposal twice changes nothing', async () => {
    const db = newStore();
    await applyPage(context(db), [...chainOf().map((e, i) => logged(i + 1, e)), disposal(4)], 4);
    const once = await heldOf(db);
    await applyPage(context(db), [{ ...disposal(4), seq: 5 }], 5);
    expect(await heldOf(db)).toEqual(once);
  });

  it('takes in the wiped copy the hub serves of an erased event, so the chain has no gap', async () => {
    const db = newStore();
    const events = chainOf();
    await applyPage(
      context(db),
      [logged(1, events[0]!), logged(2, events[1]!, true), logged(3, events[2]!), disposal(4)],
      4,
    );
    const held = await heldOf(db);
    expect(held.chain).toEqual({ ok: true, checked: 3 });
    expect(held.wiped).toEqual(['e-2']);
  });

  it('keeps an event written before personal digests whole, its chain intact, and tells the owner', async () => {
    const events = chainOf(true);
    const all = events.map((e, i) => logged(i + 1, e));
    for (const pages of [
      [all, [disposal(4)]],
      [[...all, disposal(4)]],
      [[disposal(1)], all.map((e) => ({ ...e, seq: e.seq + 1 }))],
    ]) {
      const db = newStore();
      let next = 0;
      for (const page of pages) await applyPage(context(db), page, (next += page.length));
      const held = await heldOf(db);
      expect(held.chain).toEqual({ ok: true, checked: 3 });
      expect(held.e2).toEqual(events[1]);
      expect(held.erasure).toEqual({ disposal: 'd-1' });
      expect(held.issues).toMatchObject([
        { kind: 'alarm', entityId: 'e-2', detail: expect.stringMatching(/unwipeable: /) },
      ]);
    }
  });
});

describe('this PC own audit event, erased before it reached the hub', () => {
  it('goes out wiped, never emptied: the hub and the other PCs need it in the chain', async () => {
    const db = newStore();
    const [event] = chainOf();
    const own = { ...event!, deviceId: 'pc-here' };
    await db.auditEvents.add(own);
    await db.outbox.add({
      id: 'o-1',
      deviceSeq: 1,
      txId: 'tx-own',
      txIndex: 0,
      hlc: own.hlc,
      table: 'auditEvents',
      entityId: own.id,
      op: 'insert',
      schemaVersion: 1,
      data: own,
      createdAt: own.at,
    });
    await applyPage(context(db), [disposal(1, own.id)], 1);
    const [queued] = await db.outbox.toArray();
    expect(queued!.data).toEqual(wipeAuditEvent(own));
    expect(await db.auditEvents.get(own.id)).toEqual(wipeAuditEvent(own));
  });
});

describe('a store restored from a backup made before the disposal of an audit event', () => {
  it('wipes the event on restore and its chain verifies; twice is once', async () => {
    const inUse = newStore();
    const events = chainOf();
    await applyPage(context(inUse), [...events.map((e, i) => logged(i + 1, e)), disposal(4)], 4);
    const restored = newStore();
    await restored.auditEvents.bulkAdd(events);
    expect(await honourErasures(restored, await inUse.erasures.toArray())).toBe(1);
    const held = await heldOf(restored);
    expect(held.chain).toEqual({ ok: true, checked: 3 });
    expect(held.e2).toEqual(wipeAuditEvent(events[1]!));
    expect(await honourErasures(restored)).toBe(0);
  });

  it('keeps an event written before personal digests whole: its chain would break', async () => {
    const restored = newStore();
    const events = chainOf(true);
    await restored.auditEvents.bulkAdd(events);
    const erasure = { key: rowClocksKey('auditEvents', 'e-2'), table: 'auditEvents' };
    await honourErasures(restored, [
      { ...erasure, entityId: 'e-2', hlc: stamp(30, 'pc-archive'), data: { disposal: 'd-1' } },
    ]);
    expect((await heldOf(restored)).chain).toEqual({ ok: true, checked: 3 });
    expect(await restored.auditEvents.get('e-2')).toEqual(events[1]);
  });
});
