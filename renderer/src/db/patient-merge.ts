import { AppError } from '../../../shared/errors';
import { MERGE_REASON_MAX, survivorOf } from '../../../shared/patients/merge';
import type { Patient } from '../../../shared/patients/patient';
import type { ClinicDb } from './database';
import {
  type Actor,
  authorize,
  recordKeepingTables,
  type StoreContext,
  withoutProvenance,
  writeRecord,
} from './write';

/**
 * The record a patient stands for: itself, or the record it was merged into (following every
 * pointer, shared/patients/merge.ts). A pointer to a record not on this PC yet is not followed.
 */
export const survivingPatient = async (db: ClinicDb, patient: Patient): Promise<Patient> => {
  if (patient.mergedInto === undefined) return patient;
  const held = new Map<string, Patient>([[patient.id, patient]]);
  let current: Patient | undefined = patient;
  while (current?.mergedInto !== undefined && !held.has(current.mergedInto)) {
    current = await db.patients.get(current.mergedInto);
    if (current) held.set(current.id, current);
  }
  const next = (id: string) => {
    const to = held.get(id)?.mergedInto;
    return to !== undefined && held.has(to) ? to : undefined;
  };
  return held.get(survivorOf(patient.id, next)) ?? patient;
};

/** The patients among `rows` that were not merged into another record. */
export const standingPatients = async (
  db: ClinicDb,
  rows: readonly Patient[],
): Promise<Patient[]> => {
  const kept: Patient[] = [];
  for (const row of rows) {
    if (row.mergedInto === undefined || (await survivingPatient(db, row)).id === row.id)
      kept.push(row);
  }
  return kept;
};

/** The records merged into this one, directly or through others, oldest merge first. */
export const mergedFrom = async (db: ClinicDb, survivorId: string): Promise<Patient[]> => {
  const found = new Map<string, Patient>();
  let frontier = [survivorId];
  while (frontier.length > 0) {
    const rows = await db.patients.where('mergedInto').anyOf(frontier).toArray();
    frontier = [];
    for (const row of rows) {
      if (row.id === survivorId || found.has(row.id)) continue;
      found.set(row.id, row);
      frontier.push(row.id);
    }
  }
  const merged: Patient[] = [];
  for (const row of found.values())
    if ((await survivingPatient(db, row)).id === survivorId) merged.push(row);
  return merged.sort((a, b) => (a.mergedAt ?? '').localeCompare(b.mergedAt ?? ''));
};

/** Refuses work on a record that was merged away: the survivor is the one to use. */
export const refuseMergedAway = async (db: ClinicDb, patient: Patient): Promise<void> => {
  if (patient.mergedInto === undefined) return;
  const survivor = await survivingPatient(db, patient);
  if (survivor.id !== patient.id)
    throw new AppError('patient-merged', 'merged into another record', undefined, {
      name: survivor.name,
    });
};

export type MergeRequest = {
  /** The record that stays: the one the desk goes on using. */
  keepId: string;
  /** The record merged into it: kept, with its history, behind a pointer. */
  mergeId: string;
  reason: string;
};

/**
 * Merges two records of one person (PRODUCT.md §1.4; issue 12): the insurance officer or the
 * owner, with a reason, audited. Only records the desk would take for one another (the same ID
 * number, card number, or name and birth date) can be merged, and neither may be merged already.
 * Nothing insert-only is rewritten: the merged-away record gains `mergedInto`, and its visits,
 * checks and signed notices are shown on the survivor's page.
 */
export const mergePatients = async (
  ctx: StoreContext,
  actor: Actor,
  request: MergeRequest,
): Promise<Patient> => {
  actor = authorize(actor, 'patient.merge');
  const reason = request.reason.trim();
  if (reason === '') throw new AppError('merge-reason-required', 'no reason', 'reason');
  if (reason.length > MERGE_REASON_MAX)
    throw new AppError('invalid-input', 'reason too long', 'reason');
  if (request.keepId === request.mergeId)
    throw new AppError('merge-same-patient', 'a record cannot be merged into itself');
  const { db } = ctx;
  return db.transaction('rw', [db.patients, ...recordKeepingTables(db)], async () => {
    const [keep, merge] = await Promise.all([
      db.patients.get(request.keepId),
      db.patients.get(request.mergeId),
    ]);
    if (!keep || !merge) throw new AppError('not-found', 'no such patient');
    await refuseMergedAway(db, keep);
    await refuseMergedAway(db, merge);
    const alike =
      keep.idNumber === merge.idNumber ||
      (keep.cardNumber !== undefined && keep.cardNumber === merge.cardNumber) ||
      (keep.name === merge.name && keep.birthDate === merge.birthDate);
    if (!alike) throw new AppError('merge-not-duplicate', 'the records do not look alike');
    return writeRecord<Patient>(ctx, {
      table: 'patients',
      row: {
        ...withoutProvenance(merge),
        mergedInto: keep.id,
        mergedAt: new Date(ctx.clock.now()).toISOString(),
        mergedBy: actor.staffId,
        mergeReason: reason,
      },
      before: merge,
      ignore: ['searchKeys', 'find'],
      audit: { actor, action: 'merge', entity: 'patient', summary: merge.name, reason },
    });
  });
};
