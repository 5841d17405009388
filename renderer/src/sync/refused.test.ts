import { describe, expect, it } from 'vitest';
import { HubRequestError, type HubClient } from '../../../shared/sync/hub-client';
import type { LogEntry } from '../../../shared/sync/protocol';
import type { Refusal } from '../../../shared/sync/verdict';
import type { OutboxEntry } from '../db/database';
import { registerPatient, updatePatient } from '../db/patients';
import { ZHANG_SAN } from '../db/testing/patients';
import { failCheck } from '../db/testing/visits';
import { checkIn } from '../db/visits';
import { storeWithOwner } from '../db/testing/store';
import { disposeOf } from '../db/testing/disposal';
import { rowClocksKey } from '../db/write';
import { applyPage, type ApplyContext } from './apply';
import { recomputeDerived } from './recompute';
import { HUB_LINK_KEY } from './engine';
import { REFOLD_KEY, refoldRefused } from './refused';

const refusal: Refusal = {
  reason: 'role-not-held',
  actorId: 'x',
  actorName: '李娜',
  role: 'owner',
  entity: 'patient',
  action: 'update',
};

/** The outbox as the hub serves it back, from seq 1, refused where `refused` says so. */
const asLog = (
  entries: readonly OutboxEntry[],
  deviceId: string,
  refused: (entry: OutboxEntry) => boolean,
  receivedAt: number,
): LogEntry[] =>
  entries.map((entry, i) => {
    const {
      id: _id,
      createdAt: _c,
      origin: _o,
      ...change
    } = entry as OutboxEntry & {
      origin?: unknown;
    };
    const txSize = entries.filter((e) => e.txId === entry.txId).length;
    return {
      seq: i + 1,
      deviceId,
      receivedAt,
      ...(refused(entry) ? { refused: refusal } : {}),
      change: { ...change, txSize },
    } as LogEntry;
  });

/** A hub client answering only `rowHistory`, from a log. */
const clientOver = (log: readonly LogEntry[]) =>
  ({
    rowHistory: async (table: string, entityId: string) => ({
      entries: log.filter(
        (e) => e.change.table === table && e.change.entityId === entityId && !e.refused,
      ),
      hub: { epoch: 'e', time: 0, logEnd: log.length },
    }),
  }) as unknown as HubClient;

describe('a change the clinic log refused', () => {
  it('is quarantined with its refusal on a PC that did not write it; its audit event is kept', async () => {
    const author = await storeWithOwner();
    await registerPatient(author.ctx, author.ownerActor, ZHANG_SAN);
    const outbox = await author.db.outbox.orderBy('deviceSeq').toArray();
    const registration = outbox.filter((e) => e.table === 'patients')[0]!;
    const log = asLog(outbox, 'desk-1', (e) => e.txId === registration.txId, author.clock.now());

    const other = await storeWithOwner();
    const ctx: ApplyContext = { db: other.db, clock: other.clock, deviceId: 'chair-2' };
    await applyPage(ctx, log, log.length);

    expect(await other.db.patients.get(registration.entityId)).toBeUndefined();
    const audit = log.find(
      (e) => e.change.txId === registration.txId && e.change.table === 'auditEvents',
    )!;
    expect(await other.db.auditEvents.get(audit.change.entityId)).toBeDefined();
    const issues = await other.db.syncIssues.toArray();
    expect(issues).toMatchObject([
      {
        kind: 'quarantined',
        table: 'patients',
        entityId: registration.entityId,
        detail: 'permission: role-not-held',
        refusal,
      },
    ]);
    // Kept whole: the owner can see what it was, and nothing is lost.
    expect((issues[0]!.change as LogEntry).change.data).toEqual(registration.data);
  });

  it('leaves a later accepted edit of a refused registration as a partial row, without stopping the page', async () => {
    const author = await storeWithOwner();
    const patient = await registerPatient(author.ctx, author.ownerActor, ZHANG_SAN);
    author.clock.advance(60_000);
    await updatePatient(
      author.ctx,
      author.ownerActor,
      patient.id,
      { ...ZHANG_SAN, phone: '13900000000' },
      '',
    );
    const outbox = await author.db.outbox.orderBy('deviceSeq').toArray();
    const registration = outbox.find((e) => e.table === 'patients')!;
    const log = asLog(outbox, 'desk-1', (e) => e.txId === registration.txId, author.clock.now());

    const other = await storeWithOwner();
    const ctx: ApplyContext = {
      db: other.db,
      clock: other.clock,
      deviceId: 'chair-2',
      recompute: recomputeDerived,
    };
    // Twice: the second time the partial row is held, and folded again from it.
    await applyPage(ctx, log.slice(0, -2), log.length - 2);
    await applyPage(ctx, log.slice(-2), log.length);
    const row = await other.db.patients.get(patient.id);
    expect(row).toMatchObject({ phone: '13900000000', searchKeys: [] });
    expect(row).not.toHaveProperty('name');
    expect(await other.db.syncIssues.count()).toBe(1);
  });

  it('is taken back on the PC that wrote it: a written-once check goes, its visit is folded again', async () => {
    const { ctx, db, clock, ownerActor } = await storeWithOwner();
    const patient = await registerPatient(ctx, ownerActor, ZHANG_SAN);
    const visit = await checkIn(ctx, ownerActor, patient.id);
    clock.advance(60_000);
    const before = await db.visits.get(visit.id);
    const firstCheck = (await db.outbox.orderBy('deviceSeq').last())!.deviceSeq;
    await failCheck(ctx, ownerActor, visit.id);
    const outbox = await db.outbox.orderBy('deviceSeq').toArray();
    const check = outbox.find((e) => e.table === 'verifications')!;
    expect(check.deviceSeq).toBeGreaterThan(firstCheck);
    await db.outbox.clear();

    const log = asLog(outbox, 'desk-1', (e) => e.txId === check.txId, clock.now());
    const apply: ApplyContext = { db, clock, deviceId: 'desk-1', recompute: recomputeDerived };
    await applyPage(apply, log, log.length);
    expect(await db.verifications.get(check.entityId)).toBeUndefined();
    expect(await refoldRefused(apply, clientOver(log))).toBe(1);
    expect((await db.visits.get(visit.id))?.status).toBe(before?.status);
    expect((await db.syncIssues.toArray()).map((i) => i.table).sort()).toEqual([
      'verifications',
      'visits',
    ]);
  });

  it('is folded away on the PC that wrote it, keeping the edits it has not pushed yet', async () => {
    const { ctx, db, clock, ownerActor } = await storeWithOwner();
    const patient = await registerPatient(ctx, ownerActor, ZHANG_SAN);
    clock.advance(60_000);
    await updatePatient(ctx, ownerActor, patient.id, { ...ZHANG_SAN, phone: '13900000000' }, '');
    const renamed = await db.outbox.orderBy('deviceSeq').last();
    clock.advance(60_000);
    // Not pushed yet when the refusal comes back: an edit of another field, which must stay.
    const pushed = await db.outbox.orderBy('deviceSeq').toArray();
    await updatePatient(
      ctx,
      ownerActor,
      patient.id,
      { ...ZHANG_SAN, phone: '13900000000', cardNumber: 'B20000002' },
      '',
    );
    await db.outbox.bulkDelete(pushed.map((e) => e.id));

    const phoneEdit = renamed!;
    expect(phoneEdit.table).toBe('auditEvents');
    const log = asLog(pushed, 'desk-1', (e) => e.txId === phoneEdit.txId, clock.now());
    const apply: ApplyContext = { db, clock, deviceId: 'desk-1', recompute: recomputeDerived };
    await applyPage(apply, log, log.length);

    expect((await db.syncState.get(REFOLD_KEY))?.value).toEqual([`patients/${patient.id}`]);
    expect(await refoldRefused(apply, clientOver(log))).toBe(1);

    const row = await db.patients.get(patient.id);
    expect(row).toMatchObject({ phone: ZHANG_SAN.phone, cardNumber: 'B20000002' });
    expect((await db.syncState.get(REFOLD_KEY))?.value).toEqual([]);
    expect(await db.syncIssues.where('kind').equals('quarantined').count()).toBe(1);
  });

  it('is folded away without bringing back a row the clinic erased meanwhile', async () => {
    const { ctx, db, clock, ownerActor } = await storeWithOwner();
    const patient = await registerPatient(ctx, ownerActor, ZHANG_SAN);
    clock.advance(60_000);
    await updatePatient(ctx, ownerActor, patient.id, { ...ZHANG_SAN, phone: '13900000000' }, '');
    const phoneEdit = (await db.outbox.orderBy('deviceSeq').last())!;
    const pushed = await db.outbox.orderBy('deviceSeq').toArray();
    clock.advance(60_000);
    await updatePatient(ctx, ownerActor, patient.id, { ...ZHANG_SAN, cardNumber: 'B2' }, '');
    await db.outbox.bulkDelete(pushed.map((e) => e.id));
    const log = asLog(pushed, 'desk-1', (e) => e.txId === phoneEdit.txId, clock.now());
    const apply: ApplyContext = { db, clock, deviceId: 'desk-1', recompute: recomputeDerived };
    await applyPage(apply, log, log.length);

    // The hub's history of the row now: its changes wiped by a disposal, and the erasure.
    const erased = log.map((e) =>
      e.change.entityId === patient.id
        ? { ...e, erased: true as const, change: { ...e.change, data: null } }
        : e,
    );
    const disposal: LogEntry = {
      seq: log.length + 1,
      deviceId: 'archive',
      receivedAt: clock.now(),
      change: {
        ...log[0]!.change,
        deviceSeq: 1,
        txId: 'tx-disposal',
        txIndex: 0,
        txSize: 1,
        table: 'patients',
        entityId: patient.id,
        op: 'erase',
        hlc: log.at(-1)!.change.hlc.replace('desk-1', 'archive'),
        data: { disposal: 'd-1' },
      },
    };
    expect(await refoldRefused(apply, clientOver([...erased, disposal]))).toBe(1);

    expect(await db.patients.get(patient.id)).toBeUndefined();
    expect(await db.erasures.get(`patients/${patient.id}`)).toMatchObject({
      data: { disposal: 'd-1' },
    });
    const unsent = await db.outbox.filter((e) => e.entityId === patient.id).toArray();
    expect(unsent.map((e) => e.data)).toEqual([null]);
  });

  it('gives back the rows its own refused disposal erased, refusal shown, in a page holding their other changes; a row the hub cannot serve yet stays noted', async () => {
    const { ctx, db, clock, ownerActor } = await storeWithOwner();
    const patient = await registerPatient(ctx, ownerActor, ZHANG_SAN);
    const visit = await checkIn(ctx, ownerActor, patient.id);
    const check = await failCheck(ctx, ownerActor, visit.id);
    const kept = {
      check: await db.verifications.get(check.id),
      patient: await db.patients.get(patient.id),
    };
    clock.advance(60_000);
    await disposeOf(ctx, ownerActor, 'verifications', [check.id], 'd-1');
    await disposeOf(ctx, ownerActor, 'patients', [patient.id], 'd-2');
    const outbox = await db.outbox.orderBy('deviceSeq').toArray();
    await db.outbox.clear();
    // The hub names this PC desk-1; it refused both disposals.
    await db.syncState.put({ key: HUB_LINK_KEY, value: { hubDeviceId: 'desk-1' } });
    const disposals = new Set(outbox.filter((e) => e.op === 'erase').map((e) => e.txId));
    const log = asLog(outbox, 'desk-1', (e) => disposals.has(e.txId), clock.now());
    const apply: ApplyContext = { db, clock, deviceId: ctx.deviceId, recompute: recomputeDerived };
    await applyPage(apply, log, log.length);
    const keys = [rowClocksKey('verifications', check.id), rowClocksKey('patients', patient.id)];
    expect((await db.syncState.get(REFOLD_KEY))?.value).toEqual(keys);
    expect(await db.erasures.count()).toBe(0);

    // A hub of an older version serves editable rows only: the patient comes back meanwhile.
    const full = clientOver(log);
    const older = {
      rowHistory: async (table: string, id: string) => {
        if (table !== 'patients') throw new HubRequestError(400, 'malformed', {});
        return full.rowHistory(table, id);
      },
    } as unknown as HubClient;
    expect(await refoldRefused(apply, older)).toBe(1);
    expect(await db.patients.get(patient.id)).toEqual(kept.patient);
    expect((await db.syncState.get(REFOLD_KEY))?.value).toEqual([keys[0]]);

    expect(await refoldRefused(apply, full)).toBe(1);
    expect(await db.verifications.get(check.id)).toEqual(kept.check);
    expect((await db.syncState.get(REFOLD_KEY))?.value).toEqual([]);
    expect((await db.syncIssues.toArray()).map((i) => [i.table, i.refusal?.reason]).sort()).toEqual(
      [
        ['patients', 'role-not-held'],
        ['verifications', 'role-not-held'],
      ],
    );
  });
});
