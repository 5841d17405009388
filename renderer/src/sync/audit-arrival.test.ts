import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, type AuditEvent } from '../../../shared/audit/audit-event';
import { hashAuditEvent } from '../../../shared/audit/chain';
import { sealAuditEvent } from '../../../shared/audit/personal-digest';
import { manualClock } from '../../../shared/clock/clock';
import { encodeHlc } from '../../../shared/clock/hlc';
import { newId } from '../../../shared/ids';
import type { LogEntry } from '../../../shared/sync/protocol';
import { ClinicDb } from '../db/database';
import { applyPage, type ApplyContext } from './apply';
import { verifyArrivedChains } from './audit-arrival';

const clock = manualClock('2026-11-22T09:00:00+08:00');

/** Device pc-a's audit chain, event 1 … n, each linked to the one before. */
const chain = (n: number): AuditEvent[] => {
  const events: AuditEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content = {
      id: `a-${seq}`,
      deviceId: 'pc-a',
      seq,
      at: `2026-11-22T0${seq}:00:00.000Z`,
      hlc: encodeHlc({ wall: clock.now() - 3600_000 + seq, counter: 0, node: 'pc-a' }),
      actorId: 'lina',
      actorName: '李娜',
      role: 'owner' as const,
      action: 'view' as const,
      entity: 'patient' as const,
      entityId: `p-${seq}`,
      summary: `查看患者 ${seq}`,
      prevHash,
    };
    const event = { ...content, hash: hashAuditEvent(content) };
    events.push(event);
    prevHash = event.hash;
  }
  return events;
};

const entry = (event: AuditEvent, seq: number): LogEntry => ({
  seq,
  deviceId: 'hub-pc-a',
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
    data: event,
  },
});

describe("another device's audit chain, checked as it arrives", () => {
  it('waits for a gap to fill, follows the links, and raises one alarm at a changed event', async () => {
    const db = new ClinicDb(`chain-${newId()}`, { indexedDB, IDBKeyRange });
    const arrived = new Set<string>();
    const ctx: ApplyContext = { db, clock, deviceId: 'pc-here', auditArrived: arrived };
    const events = chain(6);
    // Newest first, as a snapshot brings history: 4 arrives before 3.
    await applyPage(ctx, [entry(events[0]!, 1), entry(events[1]!, 2), entry(events[3]!, 3)], 3);
    expect([...arrived]).toEqual(['pc-a']);
    expect(await verifyArrivedChains(ctx, arrived)).toBe(0);
    expect((await db.syncState.get('chain:pc-a'))?.value).toMatchObject({ seq: 2 });

    await applyPage(ctx, [entry(events[2]!, 4)], 4);
    expect(await verifyArrivedChains(ctx, arrived)).toBe(0);
    expect((await db.syncState.get('chain:pc-a'))?.value).toMatchObject({ seq: 4 });

    // Event 5's summary was changed after it was hashed (in the hub's database, or on the way).
    const forged = { ...events[4]!, summary: '查看患者 999' };
    await applyPage(ctx, [entry(forged, 5), entry(events[5]!, 6)], 6);
    expect(await verifyArrivedChains(ctx, arrived)).toBe(1);
    expect(await db.syncIssues.toArray()).toMatchObject([
      {
        kind: 'alarm',
        table: 'auditEvents',
        entityId: 'a-5',
        detail: 'audit-chain content-changed: event 5 of device pc-a',
      },
    ]);
    // Said once, not at every pull.
    expect(await verifyArrivedChains(ctx, arrived)).toBe(0);
    expect(await db.syncIssues.count()).toBe(1);
  });

  it('follows on a chain an older version stopped at an event with a personal digest, which it could not read', async () => {
    const db = new ClinicDb(`chain-${newId()}`, { indexedDB, IDBKeyRange });
    const ctx: ApplyContext = { db, clock, deviceId: 'pc-here' };
    const [first, second] = chain(2);
    const { hash: _h, personalDigest: _d, salt: _s, ...content } = second!;
    const sealed = sealAuditEvent(content);
    await applyPage(ctx, [entry(first!, 1), entry(sealed, 2)], 2);
    // What a version before digests left: event 2's hash "did not match", the chain not followed.
    await db.syncState.put({
      key: 'chain:pc-a',
      value: { seq: 1, hash: first!.hash, broken: true },
    });
    expect(await verifyArrivedChains(ctx, ['pc-a'])).toBe(0);
    expect((await db.syncState.get('chain:pc-a'))?.value).toEqual({ seq: 2, hash: sealed.hash });
    // A chain really broken there stays broken, and is not reported again.
    await db.syncState.put({
      key: 'chain:pc-a',
      value: { seq: 1, hash: 'f'.repeat(64), broken: true },
    });
    expect(await verifyArrivedChains(ctx, ['pc-a'])).toBe(0);
    expect((await db.syncState.get('chain:pc-a'))?.value).toMatchObject({ seq: 1, broken: true });
  });

  it("does not check this PC's own chain (the audit screen does)", async () => {
    const db = new ClinicDb(`chain-${newId()}`, { indexedDB, IDBKeyRange });
    const ctx: ApplyContext = { db, clock, deviceId: 'pc-a' };
    await applyPage(ctx, [entry({ ...chain(1)[0]!, summary: 'changed' }, 1)], 1);
    expect(await verifyArrivedChains(ctx, ['pc-a'])).toBe(0);
  });
});
