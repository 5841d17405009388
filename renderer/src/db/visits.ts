import { today, type CalendarDate } from '../../../shared/clock/calendar-date';
import { AppError } from '../../../shared/errors';
import { idBoundsOf, newId } from '../../../shared/ids';
import { endOfClinicDay, startOfClinicDay } from '../../../shared/clock/clinic-time';
import type { Patient } from '../../../shared/patients/patient';
import type {
  CheckInVerification,
  Reconfirmation,
  Verification,
  VerificationReview,
} from '../../../shared/visits/verification';
import type { Visit } from '../../../shared/visits/visit';
import type { ClinicDb } from './database';
import { refuseMergedAway } from './patient-merge';
import {
  type Actor,
  authorize,
  recordKeepingTables,
  type StoreContext,
  writeRecord,
} from './write';

export const loadPatient = async (db: ClinicDb, id: string): Promise<Patient> => {
  const patient = await db.patients.get(id);
  if (!patient) throw new AppError('not-found', 'no such patient');
  return patient;
};

export const loadVisit = async (db: ClinicDb, id: string): Promise<Visit> => {
  const visit = await db.visits.get(id);
  if (!visit) throw new AppError('not-found', 'no such visit');
  return visit;
};

/** A visit to work on: a cancelled check-in takes no verification, plan or notice. */
export const loadOpenVisit = async (db: ClinicDb, id: string): Promise<Visit> => {
  // One await, as loadVisit has: a nested async call here ends a Dexie transaction early.
  const visit = await db.visits.get(id);
  if (!visit) throw new AppError('not-found', 'no such visit');
  if (visit.cancelledAt) throw new AppError('visit-cancelled', 'visit cancelled');
  return visit;
};

/** An uninsured (自费) patient's visit is self-pay from the start, whatever the check says. */
export const insuredSettlement = (
  patient: Pick<Patient, 'scheme'>,
): Pick<Visit, 'settlement' | 'selfPayCause'> =>
  patient.scheme === 'self-pay'
    ? { settlement: 'self-pay', selfPayCause: 'not-insured' }
    : { settlement: 'insurance' };

/**
 * Opens today's visit for a patient; the verification panel follows. A second check-in on the
 * same clinic day returns the visit already open (a double click, or the panel closed and opened
 * again), so that one visit never becomes two.
 */
export const checkIn = async (
  ctx: StoreContext,
  actor: Actor,
  patientId: string,
): Promise<Visit> => {
  actor = authorize(actor, 'visit.check-in');
  const date = today(ctx.clock);
  const { db } = ctx;
  // Looking for today's visit and opening one commit together: two clicks cannot open two.
  return db.transaction('rw', [db.visits, db.patients, ...recordKeepingTables(db)], async () => {
    const patient = await loadPatient(db, patientId);
    await refuseMergedAway(db, patient);
    // A cancelled check-in (the wrong patient picked, then the right one) is not today's visit.
    const open = await db.visits
      .where('patientId')
      .equals(patientId)
      .filter((v) => v.date === date && !v.cancelledAt)
      .first();
    if (open) return open;
    return writeRecord<Visit>(ctx, {
      table: 'visits',
      row: {
        id: newId(ctx.clock),
        patientId,
        date,
        checkedInAt: new Date(ctx.clock.now()).toISOString(),
        checkedInBy: actor.staffId,
        status: 'awaiting-verification',
        ...insuredSettlement(patient),
      },
      before: undefined,
      audit: { actor, action: 'create', entity: 'visit', summary: patient.name },
    });
  });
};

/** Oldest first; the causal stamp orders two checks made within the same millisecond. */
export const byTime = (a: Verification, b: Verification): number =>
  a.at.localeCompare(b.at) || a.hlc.localeCompare(b.hlc);

/** The newest of each kind of check on one visit. */
export type VisitChecks = {
  checkIn?: CheckInVerification;
  clinician?: Reconfirmation;
  pharmacist?: Reconfirmation;
  /** Every check-in verification, oldest first (a failure may be followed by an override). */
  all: Verification[];
};

export const groupChecks = (verifications: readonly Verification[]): Map<string, VisitChecks> => {
  const byVisit = new Map<string, VisitChecks>();
  const sorted = [...verifications].sort(byTime);
  for (const v of sorted) {
    const checks = byVisit.get(v.visitId) ?? { all: [] };
    checks.all.push(v);
    if (v.stage === 'check-in') checks.checkIn = v;
    else checks[v.stage] = v;
    byVisit.set(v.visitId, checks);
  }
  return byVisit;
};

export type TodayVisit = { visit: Visit; patient: Patient | undefined; checks: VisitChecks };

/**
 * Patients by id, a hundred at a time: one bulkGet of a busy day's 1,200 ids makes every request
 * in one task (over 100 ms of the page's time in the Today bench); between chunks, a click gets
 * through.
 */
const patientsInChunks = async (db: ClinicDb, ids: readonly string[]) => {
  const patients: (Patient | undefined)[] = [];
  for (let start = 0; start < ids.length; start += 100)
    patients.push(...(await db.patients.bulkGet(ids.slice(start, start + 100))));
  return patients;
};

/** Check-in order; the id (time-ordered too) breaks a tie. */
const byCheckIn = (a: Visit, b: Visit) =>
  a.checkedInAt.localeCompare(b.checkedInAt) || a.id.localeCompare(b.id);

/**
 * Ids made this long outside a visit's clinic day are still read for it: the check-in reads the
 * day, then makes the id, from two readings of the same clock (a check-in at midnight).
 */
const DAY_MARGIN_MS = 60_000;

/**
 * A day's visits, through the primary key: a visit's id is a UUIDv7 made at its check-in, on
 * the clinic day it is dated (the store keeps no index by date: it would add an entry to every
 * visit written, and a new workstation's first sync writes hundreds of thousands).
 */
export const visitsOfDay = (db: ClinicDb, date: CalendarDate) => {
  const from = startOfClinicDay(date) - DAY_MARGIN_MS;
  const to = endOfClinicDay(date) + DAY_MARGIN_MS;
  const { lower, upper } = idBoundsOf(new Date(from).toISOString(), new Date(to).toISOString());
  return db.visits
    .where(':id')
    .between(lower, upper, true, true)
    .filter((visit) => visit.date === date);
};

/**
 * A day's visits in check-in order, each with its latest checks: a few index lookups. With
 * `limit`, only the day's first visits, a bounded read to draw the screen with while the rest load
 * (1,000 and more on a busy day). Ids are UUIDv7, stamped at check-in, and a day is read in id
 * order: the first by id are the first checked in.
 */
export const visitsOn = async (
  db: ClinicDb,
  actor: Actor,
  date: CalendarDate,
  { limit }: { limit?: number } = {},
): Promise<TodayVisit[]> => {
  authorize(actor, 'patient.view');
  const day = (await visitsOfDay(db, date).toArray()).sort(byCheckIn);
  const visits = limit === undefined ? day : day.slice(0, limit);
  const patients = await patientsInChunks(
    db,
    visits.map((v) => v.patientId),
  );
  const verifications = await db.verifications
    .where('visitId')
    .anyOf(visits.map((v) => v.id))
    .toArray();
  const checks = groupChecks(verifications);
  return visits.map((visit, i) => ({
    visit,
    patient: patients[i],
    checks: checks.get(visit.id) ?? { all: [] },
  }));
};

/**
 * Each patient's latest visit day (cancelled check-ins aside), what tells two look-alikes apart
 * at the desk. One index lookup per patient: for a box of ten results.
 */
export const lastVisitDates = async (
  db: ClinicDb,
  actor: Actor,
  patientIds: readonly string[],
): Promise<Map<string, CalendarDate>> => {
  authorize(actor, 'patient.view');
  const latest = await Promise.all(
    patientIds.map(async (id) => {
      const visits = await db.visits.where('patientId').equals(id).toArray();
      const days = visits.filter((v) => !v.cancelledAt).map((v) => v.date);
      return [id, days.sort().at(-1)] as const;
    }),
  );
  return new Map(latest.filter((e): e is [string, CalendarDate] => e[1] !== undefined));
};

export type TimelineVisit = {
  visit: Visit;
  checks: VisitChecks;
  reviews: Map<string, VerificationReview>;
};

/** A patient's visits, newest first, with every verification and its review mark. */
export const patientTimeline = async (
  db: ClinicDb,
  actor: Actor,
  /** The patient, or the patient and the records merged into it (their visits stay theirs). */
  patientIds: string | readonly string[],
): Promise<TimelineVisit[]> => {
  authorize(actor, 'patient.view');
  const ids = typeof patientIds === 'string' ? [patientIds] : [...patientIds];
  const visits = await db.visits.where('patientId').anyOf(ids).toArray();
  visits.sort((a, b) => b.checkedInAt.localeCompare(a.checkedInAt));
  const verifications = await db.verifications.where('patientId').anyOf(ids).toArray();
  const reviews = await db.verificationReviews.bulkGet(verifications.map((v) => v.id));
  const reviewById = new Map(
    reviews.filter((r): r is VerificationReview => !!r).map((r) => [r.id, r]),
  );
  const checks = groupChecks(verifications);
  return visits.map((visit) => ({
    visit,
    checks: checks.get(visit.id) ?? { all: [] },
    reviews: reviewById,
  }));
};
