import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { currentSchemaVersion, schemaVersions } from '../../../shared/db/schema';
import { ClinicDb } from './database';
import { PermissionError } from '../../../shared/auth/permissions';
import { visitSchema } from '../../../shared/visits/visit';
import { newId } from '../../../shared/ids';
import { actorOf } from './staff';
import { storeWithOwner } from './testing/store';
import { addTeam, putPatient } from './testing/visits';
import { recordVerification, reconfirm } from './verifications';
import { SCHEDULE_ACTOR } from './system-actors';
import { checkIn, lastVisitDates, patientTimeline, visitsOn } from './visits';

const clinic = async () => {
  const store = await storeWithOwner();
  const team = await addTeam(store.ctx, store.ownerActor);
  const patient = await putPatient(store.ctx);
  return { ...store, ...team, patient, desk: actorOf(team.desk) };
};

describe('check-in', () => {
  it("opens today's visit, awaiting verification, to be settled through the insurance", async () => {
    const { ctx, desk, patient, db } = await clinic();
    const visit = await checkIn(ctx, desk, patient.id);
    expect(visit).toMatchObject({
      patientId: patient.id,
      date: '2026-11-22',
      checkedInBy: desk.staffId,
      status: 'awaiting-verification',
      settlement: 'insurance',
    });
    expect(visitSchema.safeParse(visit).success).toBe(true);
    const events = await db.auditEvents.filter((event) => event.entity === 'visit').toArray();
    expect(events).toMatchObject([{ action: 'create', entityId: visit.id, summary: '张秀英' }]);
  });

  it('a second check-in the same day returns the visit already open', async () => {
    const { ctx, desk, patient, db } = await clinic();
    const first = await checkIn(ctx, desk, patient.id);
    const again = await checkIn(ctx, desk, patient.id);
    expect(again.id).toBe(first.id);
    expect(await db.visits.count()).toBe(1);
  });

  it('the next clinic day is a new visit (days turn at midnight in Beijing)', async () => {
    const { ctx, desk, patient, clock } = await clinic();
    const first = await checkIn(ctx, desk, patient.id);
    clock.set('2026-11-23T00:30:00+08:00');
    const next = await checkIn(ctx, desk, patient.id);
    expect(next.id).not.toBe(first.id);
    expect(next.date).toBe('2026-11-23');
  });

  it('an uninsured patient is self-pay from the start', async () => {
    const { ctx, desk } = await clinic();
    const selfPay = await putPatient(ctx, { id: 'p-self', scheme: 'self-pay' });
    expect(await checkIn(ctx, desk, selfPay.id)).toMatchObject({
      settlement: 'self-pay',
      selfPayCause: 'not-insured',
    });
  });

  it('a clinician cannot check patients in; an unknown patient is not found', async () => {
    const { ctx, clinician, desk, patient } = await clinic();
    await expect(checkIn(ctx, actorOf(clinician), patient.id)).rejects.toThrowError(
      PermissionError,
    );
    await expect(checkIn(ctx, desk, 'nobody')).rejects.toMatchObject({ reason: 'not-found' });
  });
});

describe("today's visits and a patient's timeline", () => {
  it('shows each visit with its latest check-in verification and re-confirmations', async () => {
    const { ctx, desk, patient, clinician } = await clinic();
    const visit = await checkIn(ctx, desk, patient.id);
    await recordVerification(ctx, desk, {
      visitId: visit.id,
      documentPresented: true,
      cardMethod: 'none',
      personConfirmed: false,
      outcome: 'failed',
      reason: '未带医保卡',
    });
    await reconfirm(ctx, actorOf(clinician), visit.id, 'clinician', '已当面核对');
    const [row] = await visitsOn(ctx.db, desk, '2026-11-22');
    expect(row?.visit.status).toBe('failed');
    expect(row?.checks.checkIn).toMatchObject({ outcome: 'failed', reason: '未带医保卡' });
    expect(row?.checks.clinician).toMatchObject({ by: clinician.id, note: '已当面核对' });
    expect(row?.checks.pharmacist).toBeUndefined();

    const timeline = await patientTimeline(ctx.db, desk, patient.id);
    expect(timeline).toHaveLength(1);
    expect(timeline[0]?.checks.all.map((v) => v.stage)).toEqual(['check-in', 'clinician']);
  });
});

describe("a day's visits are read by their ids", () => {
  it('from the first to the last millisecond of the clinic day in Beijing, and no other day', async () => {
    const { ctx, desk, clock, db } = await clinic();
    const checkedInAt = async (i: number, iso: string) => {
      await putPatient(ctx, { id: `p-${i}`, name: `患者${i}` });
      clock.set(iso);
      return checkIn(ctx, desk, `p-${i}`);
    };
    await checkedInAt(0, '2026-11-23T23:59:59.999+08:00');
    const first = await checkedInAt(1, '2026-11-24T00:00:00.000+08:00');
    const noon = await checkedInAt(2, '2026-11-24T12:30:00.000+08:00');
    const last = await checkedInAt(3, '2026-11-24T23:59:59.999+08:00');
    await checkedInAt(4, '2026-11-25T00:00:00.000+08:00');
    const day = await visitsOn(db, desk, '2026-11-24');
    expect(day.map((row) => row.visit.id)).toEqual([first.id, noon.id, last.id]);
    expect(await visitsOn(db, desk, '2026-11-23')).toHaveLength(1);
    expect(await visitsOn(db, desk, '2026-11-25')).toHaveLength(1);
    expect(db.visits.schema.indexes.map((index) => index.name)).toEqual(['patientId']);
  });

  it('a check-in dated the day before whose id was made just after midnight is still read', async () => {
    const { ctx, desk, db, patient } = await clinic();
    // The check-in read the date at 23:59:59.999, then made the id past midnight.
    const visit = await checkIn(ctx, desk, patient.id);
    const late = {
      ...visit,
      id: newId({ now: () => Date.parse('2026-11-23T00:00:00.020+08:00') }),
    };
    await db.visits.put(late);
    expect((await visitsOn(db, desk, '2026-11-22')).map((row) => row.visit.id).sort()).toEqual(
      [visit.id, late.id].sort(),
    );
    expect(await visitsOn(db, desk, '2026-11-23')).toEqual([]);
  });

  it("a second check-in on the patient's day finds the visit open, whatever others checked in", async () => {
    const { ctx, desk, db, patient, clock } = await clinic();
    await putPatient(ctx, { id: 'p-other', name: '患者' });
    await checkIn(ctx, desk, 'p-other');
    const open = await checkIn(ctx, desk, patient.id);
    clock.set('2026-11-22T18:00:00+08:00');
    expect((await checkIn(ctx, desk, patient.id)).id).toBe(open.id);
    expect(await db.visits.count()).toBe(2);
  });
});

describe("a busy day's first page", () => {
  it('holds the first patients checked in, in check-in order, and the whole day follows', async () => {
    const { ctx, desk, clock } = await clinic();
    const minutes = [0, 5, 12, 30, 47];
    for (const [i, minute] of minutes.entries()) {
      await putPatient(ctx, { id: `p-${i}`, name: `患者${i}` });
      clock.set(`2026-11-22T08:${String(minute).padStart(2, '0')}:00+08:00`);
      await checkIn(ctx, desk, `p-${i}`);
    }
    const names = (rows: { patient?: { name: string } }[]) => rows.map((r) => r.patient?.name);
    expect(names(await visitsOn(ctx.db, desk, '2026-11-22', { limit: 3 }))).toEqual([
      '患者0',
      '患者1',
      '患者2',
    ]);
    expect(await visitsOn(ctx.db, desk, '2026-11-22')).toHaveLength(5);
  });
});

describe('the store upgrade that adds review marks (schema version 2)', () => {
  it("keeps a version-1 workstation's rows and adds the review table", async () => {
    const name = `upgrade-${Math.random()}`;
    const old = new Dexie(name, { indexedDB, IDBKeyRange });
    old.version(1).stores(schemaVersions[0].stores);
    await old.table('visits').put({ id: 'v1', patientId: 'p1', date: '2026-11-21' });
    old.close();

    const db = new ClinicDb(name, { indexedDB, IDBKeyRange });
    expect(await db.visits.get('v1')).toMatchObject({ patientId: 'p1' });
    expect(await db.verificationReviews.count()).toBe(0);
    expect(db.verno).toBe(currentSchemaVersion);
  });
});

describe('the store upgrade for self-pay consent (schema version 3)', () => {
  it("keeps a version-2 workstation's catalogue rows, indexes their search keys, and adds the plan tables", async () => {
    const name = `upgrade-${Math.random()}`;
    const old = new Dexie(name, { indexedDB, IDBKeyRange });
    old.version(2).stores(schemaVersions[1].stores);
    await old
      .table('catalogueItems')
      .put({ id: 'i1', versionId: 'v1', code: 'X1', searchKeys: ['x1', 'genguan'] });
    old.close();

    const db = new ClinicDb(name, { indexedDB, IDBKeyRange });
    expect(await db.catalogueItems.where('searchKeys').startsWith('gen').primaryKeys()).toEqual([
      'i1',
    ]);
    expect(await db.plannedItems.count()).toBe(0);
    expect(await db.consentVoids.count()).toBe(0);
    expect(db.verno).toBe(currentSchemaVersion);
  });
});

describe('reading visits is checked like checking in', () => {
  it('the day list, the history and the last visit are read as a person who may see patients', async () => {
    const { ctx, desk, patient, clinician } = await clinic();
    await checkIn(ctx, desk, patient.id);
    expect(await visitsOn(ctx.db, actorOf(clinician), '2026-11-22')).toHaveLength(1);
    expect(await patientTimeline(ctx.db, actorOf(clinician), patient.id)).toHaveLength(1);
    expect((await lastVisitDates(ctx.db, desk, [patient.id])).get(patient.id)).toBe('2026-11-22');
  });

  it('no one reads them in the name of the backup schedule', async () => {
    const { ctx, desk, patient } = await clinic();
    await checkIn(ctx, desk, patient.id);
    const refused = { reason: 'invalid-input', message: 'an unknown person cannot act' };
    await expect(visitsOn(ctx.db, SCHEDULE_ACTOR, '2026-11-22')).rejects.toMatchObject(refused);
    await expect(patientTimeline(ctx.db, SCHEDULE_ACTOR, patient.id)).rejects.toMatchObject(
      refused,
    );
    await expect(lastVisitDates(ctx.db, SCHEDULE_ACTOR, [patient.id])).rejects.toMatchObject(
      refused,
    );
  });
});
