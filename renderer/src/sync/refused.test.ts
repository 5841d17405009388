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
import { afterPull, HUB_LINK_KEY } from './engine';
import { ATTACHMENTS_WAITING_KEY } from './attachments';
import { sha256HexOfBytes } from '../../../shared/hash';
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

  it("gives back the rows its own refused disposal erased, refusal shown, fetching each from the hub's history; a row the hub cannot serve yet stays noted", async () => {
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
    // This PC pulled its own inserts before: the page holds the disposals only, so only the
    // hub's history can give the rows back.
    const page = log.filter((e) => disposals.has(e.change.txId));
    expect(page.every((e) => e.change.op !== 'insert' || e.change.table === 'auditEvents')).toBe(
      true,
    );
    await applyPage(apply, page, log.length);
    expect(await db.patients.get(patient.id)).toBeUndefined();
    expect(await db.verifications.get(check.id)).toBeUndefined();
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

/** Entries of several logs as one hub log, numbered again from seq 1. */
const numbered = (...parts: (readonly LogEntry[])[]): LogEntry[] =>
  parts.flat().map((entry, i) => ({ ...entry, seq: i + 1 }));

describe("a PC's own disposal refused by the clinic, folded again", () => {
  /**
   * This PC (desk-1) registered a patient and checked him in; a PC that pulled them (chair-2)
   * corrected his phone; then this PC disposed of the patient and of the check-in's audit event,
   * and the hub refused both. `log` is the hub's log, `pulled` what this PC had pulled before.
   */
  const refusedBeside = async () => {
    const desk = await storeWithOwner();
    const { ctx, db, clock, ownerActor } = desk;
    await db.syncState.put({ key: HUB_LINK_KEY, value: { hubDeviceId: 'desk-1' } });
    const patient = await registerPatient(ctx, ownerActor, ZHANG_SAN);
    const registered = await db.outbox.orderBy('deviceSeq').toArray();
    await checkIn(ctx, ownerActor, patient.id);
    const checkedIn = (await db.outbox.orderBy('deviceSeq').toArray()).slice(registered.length);
    const event = checkedIn.find((e) => e.table === 'auditEvents')!;
    clock.advance(60_000);

    const chair = await storeWithOwner();
    const chairApply: ApplyContext = {
      db: chair.db,
      clock: chair.clock,
      deviceId: chair.ctx.deviceId,
      recompute: recomputeDerived,
    };
    const fromDesk = asLog(registered, 'desk-1', () => false, clock.now());
    await applyPage(chairApply, fromDesk, fromDesk.length);
    chair.clock.advance(120_000);
    const setUp = await chair.db.outbox.count();
    await updatePatient(
      chair.ctx,
      chair.ownerActor,
      patient.id,
      { ...ZHANG_SAN, phone: '13900000000' },
      '',
    );
    const corrected = (await chair.db.outbox.orderBy('deviceSeq').toArray()).slice(setUp);

    await disposeOf(ctx, ownerActor, 'patients', [patient.id], 'd-1');
    await disposeOf(ctx, ownerActor, 'auditEvents', [event.entityId], 'd-2');
    const all = await db.outbox.orderBy('deviceSeq').toArray();
    const disposals = all.slice(registered.length + checkedIn.length);
    await db.outbox.clear();
    const refusedTx = new Set(disposals.filter((e) => e.op === 'erase').map((e) => e.txId));
    const log = numbered(
      asLog(registered, 'desk-1', () => false, clock.now()),
      asLog(checkedIn, 'desk-1', () => false, clock.now()),
      asLog(corrected, 'chair-2', () => false, clock.now()),
      asLog(disposals, 'desk-1', (e) => refusedTx.has(e.txId), clock.now()),
    );
    const apply: ApplyContext = { db, clock, deviceId: ctx.deviceId, recompute: recomputeDerived };
    return { db, apply, log, pulled: registered.length, patient, event };
  };

  it("rebuilds from the hub's history a row another PC edited in the same page: as every other PC holds it, no alarm left, refusal shown", async () => {
    const { db, apply, log, pulled, patient, event } = await refusedBeside();
    // The page: the check-in (its audit event whole), the other PC's correction, the disposals.
    await applyPage(apply, log.slice(pulled), log.length);
    // Until the refold, no half-built row (the correction alone) is shown.
    expect(await db.patients.get(patient.id)).toBeUndefined();
    expect(await refoldRefused(apply, clientOver(log))).toBe(2);

    // A PC that never applied the disposals.
    const other = await storeWithOwner();
    await applyPage(
      { db: other.db, clock: other.clock, deviceId: 'c-3', recompute: recomputeDerived },
      log,
      log.length,
    );
    const patientRow = await other.db.patients.get(patient.id);
    expect(patientRow).toMatchObject({ phone: '13900000000', name: ZHANG_SAN.name });
    expect(await db.patients.get(patient.id)).toEqual(patientRow);
    const eventRow = await other.db.auditEvents.get(event.entityId);
    expect(eventRow).toMatchObject({ id: event.entityId });
    expect(await db.auditEvents.get(event.entityId)).toEqual(eventRow);
    expect(await db.erasures.count()).toBe(0);
    expect((await db.syncState.get(REFOLD_KEY))?.value).toEqual([]);
    const issues = await db.syncIssues.toArray();
    expect(issues.map((i) => [i.kind, i.table, i.entityId, i.refusal?.reason]).sort()).toEqual(
      [
        ['quarantined', 'auditEvents', event.entityId, 'role-not-held'],
        ['quarantined', 'patients', patient.id, 'role-not-held'],
      ].sort(),
    );
  });

  it("folds the other rows, and fetches photos, while one row's history keeps failing; a hub out of reach ends the round", async () => {
    const { db, apply, log, pulled, patient, event } = await refusedBeside();
    await applyPage(apply, log.slice(pulled), log.length);
    const keys = [
      rowClocksKey('patients', patient.id),
      rowClocksKey('auditEvents', event.entityId),
    ];
    expect((await db.syncState.get(REFOLD_KEY))?.value).toEqual(keys);
    // A photo pulled earlier, its bytes still to fetch.
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xd9]);
    await db.attachments.put({
      id: 'photo-1',
      blobHash: sha256HexOfBytes(bytes),
      mime: 'image/jpeg',
    } as never);
    await db.syncState.put({ key: ATTACHMENTS_WAITING_KEY, value: true });

    const full = clientOver(log);
    let asked = 0;
    const failing = {
      // The patient, first in the list, cannot be served (whatever the reason, every time).
      rowHistory: async (table: string, id: string) => {
        asked++;
        if (table === 'patients') throw new HubRequestError(500, 'internal', {});
        return full.rowHistory(table, id);
      },
      getAttachment: async () => bytes,
    } as unknown as HubClient;
    await afterPull(apply, failing);
    expect(asked).toBe(2);
    expect(await db.auditEvents.get(event.entityId)).toMatchObject({ id: event.entityId });
    expect(await db.patients.get(patient.id)).toBeUndefined();
    expect((await db.syncState.get(REFOLD_KEY))?.value).toEqual([keys[0]]);
    expect((await db.attachments.get('photo-1'))?.blob).toBeInstanceOf(Blob);

    // The hub out of reach: the round ends there (thrown once photos were tried), row still noted.
    const offline = {
      rowHistory: async () => {
        throw new HubRequestError(0, 'network', {});
      },
      getAttachment: async () => bytes,
    } as unknown as HubClient;
    await expect(afterPull(apply, offline)).rejects.toMatchObject({ reason: 'network' });
    expect((await db.syncState.get(REFOLD_KEY))?.value).toEqual([keys[0]]);

    expect(await refoldRefused(apply, full)).toBe(1);
    expect(await db.patients.get(patient.id)).toMatchObject({ phone: '13900000000' });
    expect((await db.syncState.get(REFOLD_KEY))?.value).toEqual([]);
  });

  it('writes the list of rows still to fold again once per round, not once per row; a round cut short keeps the rows not done', async () => {
    const { db, apply, log, pulled, patient, event } = await refusedBeside();
    await applyPage(apply, log.slice(pulled), log.length);
    const keys = [
      rowClocksKey('patients', patient.id),
      rowClocksKey('auditEvents', event.entityId),
    ];
    let writes = 0;
    const count = (primKey: unknown) => {
      if (primKey === REFOLD_KEY) writes++;
    };
    db.syncState.hook('creating', count);
    db.syncState.hook('updating', (_changes, primKey) => count(primKey));
    // Cut short after the first row (the hub went away): the first is no longer noted.
    const full = clientOver(log);
    let served = 0;
    const flaky = {
      rowHistory: async (table: string, id: string) => {
        if (served++ > 0) throw new HubRequestError(0, 'network', {});
        return full.rowHistory(table, id);
      },
    } as unknown as HubClient;
    await expect(refoldRefused(apply, flaky)).rejects.toMatchObject({ reason: 'network' });
    expect((await db.syncState.get(REFOLD_KEY))?.value).toEqual([keys[1]]);
    expect(writes).toBe(1);

    // Noted again by hand, as after a crash before the list was written: folded again, the same.
    await db.syncState.put({ key: REFOLD_KEY, value: keys });
    const once = await db.patients.get(patient.id);
    writes = 0;
    expect(await refoldRefused(apply, full)).toBe(2);
    expect(writes).toBe(1);
    expect(await db.patients.get(patient.id)).toEqual(once);
    expect((await db.syncState.get(REFOLD_KEY))?.value).toEqual([]);
  });
});
