import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import type { AuditEvent } from '../../../shared/audit/audit-event';
import { hashAuditEvent, verifyAuditChain } from '../../../shared/audit/chain';
import { personalDigestOf } from '../../../shared/audit/personal-digest';
import { verifyStoredChain } from './audit';
import { anchoredClinic, viewPatients } from './testing/anchored';
import { recordAuditEvent } from './write';

const deviceEvents = (db: AnchoredDb, deviceId = 'desk-1') =>
  db.auditEvents
    .where('[deviceId+seq]')
    .between([deviceId, Dexie.minKey], [deviceId, Dexie.maxKey]);
type AnchoredDb = Awaited<ReturnType<typeof anchoredClinic>>['db'];

/** Edits one event and re-hashes every later one, so the chain links again end to end. */
const rewriteFrom = async (db: AnchoredDb, seq: number, summary: string) => {
  const events = await deviceEvents(db).toArray();
  let prevHash = events[seq - 2]?.hash;
  for (const event of events.slice(seq - 1)) {
    const edited = { ...event, ...(event.seq === seq ? { summary } : {}) };
    // A forger recomputes the personal digest too (shared/audit/personal-digest.ts).
    const content: Omit<AuditEvent, 'hash'> = {
      ...edited,
      ...(edited.salt ? { personalDigest: personalDigestOf(edited.salt, edited) } : {}),
      prevHash: prevHash ?? event.prevHash,
    };
    const rewritten = { ...content, hash: hashAuditEvent(content) };
    await db.auditEvents.put(rewritten);
    prevHash = rewritten.hash;
  }
};

const verify = async (db: AnchoredDb) => verifyStoredChain(db, ['owner']);

describe('the audit chain anchored outside the store', () => {
  it('an untouched log matches its checkpoint', async () => {
    const { db, ctx, ownerActor } = await anchoredClinic();
    await viewPatients(ctx, ownerActor, 5);
    const report = await verify(db);
    expect(report.ok).toBe(true);
    const last = await deviceEvents(db).last();
    expect(report.anchors).toEqual([
      { deviceId: 'desk-1', status: 'ok', checkpointSeq: last!.seq, lastSeq: last!.seq },
    ]);
  });

  it('the last events deleted: the chain still links, and is shorter than its checkpoint', async () => {
    const { db, ctx, ownerActor } = await anchoredClinic();
    await viewPatients(ctx, ownerActor, 5);
    const last = (await deviceEvents(db).last())!.seq;
    await db.auditEvents
      .where('[deviceId+seq]')
      .between(['desk-1', last - 1], ['desk-1', last], true, true)
      .delete();
    const report = await verify(db);
    expect(verifyAuditChain(await db.auditEvents.toArray()).ok).toBe(true);
    expect(report.anchors).toEqual([
      { deviceId: 'desk-1', status: 'shorter', checkpointSeq: last, lastSeq: last - 2 },
    ]);
  });

  it('one event edited and every later one re-hashed: the chain links, and was rewritten', async () => {
    const { db, ctx, ownerActor } = await anchoredClinic();
    await viewPatients(ctx, ownerActor, 5);
    await rewriteFrom(db, 2, '什么也没发生');
    const report = await verify(db);
    expect(report.ok).toBe(true);
    expect(report.anchors).toMatchObject([{ deviceId: 'desk-1', status: 'rewritten' }]);
  });

  it('every event deleted: the empty log verifies, and was emptied', async () => {
    const { db, ctx, ownerActor } = await anchoredClinic();
    await viewPatients(ctx, ownerActor, 3);
    await db.auditEvents.clear();
    const report = await verify(db);
    expect(report).toMatchObject({ ok: true, checked: 0 });
    expect(report.anchors).toMatchObject([{ deviceId: 'desk-1', status: 'emptied', lastSeq: 0 }]);
  });

  it('a checkpoint moved back by hand fails its signature, which is itself the alarm', async () => {
    const { db, ctx, ownerActor, anchorDb } = await anchoredClinic();
    await viewPatients(ctx, ownerActor, 4);
    await verify(db);
    const [kept] = await anchorDb.checkpoints.toArray();
    await anchorDb.checkpoints.put({ ...kept!, checkpoint: { ...kept!.checkpoint, seq: 2 } });
    expect((await verify(db)).anchors).toMatchObject([{ status: 'signature-invalid' }]);
  });

  it('a burst of appends is signed once, and the last head is kept', async () => {
    let records = 0;
    // The gathering window is held by the test, not timed: the whole burst falls inside it
    // however slowly this machine runs the appends.
    let held: (() => void)[] = [];
    const release = () => {
      const flushes = held;
      held = [];
      for (const flush of flushes) flush();
    };
    const { db, ctx, ownerActor, anchoring } = await anchoredClinic(
      (anchor) => ({
        ...anchor,
        record: (input) => {
          records += 1;
          return anchor.record(input);
        },
      }),
      (flush) => held.push(flush),
    );
    release();
    await anchoring.settled();
    const before = records;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        recordAuditEvent(ctx, {
          actor: ownerActor,
          action: 'view',
          entity: 'patient',
          entityId: `p-${i}`,
          summary: '',
        }),
      ),
    );
    release();
    await anchoring.settled();
    expect(records - before).toBe(1);
    const events = await deviceEvents(db).toArray();
    const last = events.at(-1)!;
    expect(await anchoring.checkpoints()).toMatchObject([{ seq: last.seq, hash: last.hash }]);
  });

  it('an append rolled back with its outer transaction moves no checkpoint', async () => {
    const { db, ctx, ownerActor, anchoring } = await anchoredClinic();
    await anchoring.settled();
    const [before] = await anchoring.checkpoints();
    await expect(
      db.transaction('rw', [db.auditEvents, db.outbox, db.rowClocks, db.deviceState], async () => {
        await viewPatients(ctx, ownerActor, 1);
        throw new Error('the caller gave up');
      }),
    ).rejects.toThrow('the caller gave up');
    expect(await anchoring.checkpoints()).toEqual([before]);
    expect((await verify(db)).anchors).toMatchObject([{ status: 'ok' }]);
  });

  it('a failing anchor never fails the write, and the next append tries again', async () => {
    let fail = true;
    const { db, ctx, ownerActor, anchoring } = await anchoredClinic((anchor) => ({
      ...anchor,
      record: vi.fn(async (input) => {
        if (fail) throw new Error('keychain locked');
        return anchor.record(input);
      }),
    }));
    await viewPatients(ctx, ownerActor, 1);
    await anchoring.settled();
    expect(anchoring.failure()).toBeInstanceOf(Error);
    expect((await verify(db)).anchorFailing).toBe(true);
    fail = false;
    await viewPatients(ctx, ownerActor, 1);
    await anchoring.settled();
    expect(anchoring.failure()).toBeUndefined();
    expect(await anchoring.checkpoints()).toHaveLength(1);
  });
});
