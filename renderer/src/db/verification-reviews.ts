import type { CalendarDate } from '../../../shared/clock/calendar-date';
import { AppError } from '../../../shared/errors';
import type { Patient } from '../../../shared/patients/patient';
import type { CheckInVerification, VerificationReview } from '../../../shared/visits/verification';
import type { ClinicDb } from './database';
import { byTime, visitsOfDay } from './visits';
import {
  type Actor,
  authorize,
  recordKeepingTables,
  type StoreContext,
  writeRecord,
} from './write';

/** The insurance officer's daily review (§7.4): one mark per verification, never taken back. */
export const markReviewed = async (
  ctx: StoreContext,
  actor: Actor,
  verificationId: string,
): Promise<VerificationReview> => {
  actor = authorize(actor, 'review.daily');
  const { db } = ctx;
  return db.transaction(
    'rw',
    [db.verificationReviews, db.verifications, db.patients, ...recordKeepingTables(db)],
    async () => {
      const check = await db.verifications.get(verificationId);
      if (!check) throw new AppError('not-found', 'no such verification');
      if (await db.verificationReviews.get(verificationId)) {
        throw new AppError('already-reviewed', 'already reviewed');
      }
      const patient = await db.patients.get(check.patientId);
      return writeRecord<VerificationReview>(ctx, {
        table: 'verificationReviews',
        row: {
          id: verificationId,
          verificationId,
          reviewedAt: new Date(ctx.clock.now()).toISOString(),
          reviewedBy: actor.staffId,
        },
        before: undefined,
        audit: { actor, action: 'review', entity: 'verification', summary: patient?.name ?? '' },
      });
    },
  );
};

export type ReviewItem = {
  check: CheckInVerification;
  patient: Patient | undefined;
  review: VerificationReview | undefined;
};

/** Why a check needs the officer's eye: it failed, was overridden, or raised a flag. */
export const needsReview = (check: CheckInVerification): boolean =>
  check.outcome !== 'verified' || check.flags.length > 0;

/** The day's failures, overrides and flagged checks, reviewed or not, in the order they happened. */
export const dailyReview = async (
  db: ClinicDb,
  actor: Actor,
  date: CalendarDate,
): Promise<ReviewItem[]> => {
  authorize(actor, 'review.daily');
  const visitIds = await visitsOfDay(db, date).primaryKeys();
  const checks = (await db.verifications.where('visitId').anyOf(visitIds).toArray())
    .filter((v): v is CheckInVerification => v.stage === 'check-in')
    .filter(needsReview)
    .sort(byTime);
  const [patients, reviews] = await Promise.all([
    db.patients.bulkGet(checks.map((c) => c.patientId)),
    db.verificationReviews.bulkGet(checks.map((c) => c.id)),
  ]);
  return checks.map((check, i) => ({ check, patient: patients[i], review: reviews[i] }));
};
