import { AppError, type AppErrorReason } from '../../../shared/errors';
import {
  cancelBlocker,
  REASON_MAX,
  type CancelBlocker,
  type Visit,
} from '../../../shared/visits/visit';
import type { ClinicDb } from './database';
import { loadPatient, loadVisit } from './visits';
import {
  type Actor,
  authorize,
  recordKeepingTables,
  type StoreContext,
  withoutProvenance,
  writeRecord,
} from './write';

const REFUSALS = {
  verified: 'cancel-visit-verified',
  consent: 'cancel-visit-consent',
  performed: 'cancel-visit-performed',
  billed: 'cancel-visit-billed',
} as const satisfies Record<CancelBlocker, AppErrorReason>;

/** What stands in the way of undoing this check-in now, read from the store. */
export const visitCancelBlocker = async (
  db: ClinicDb,
  visitId: string,
): Promise<CancelBlocker | undefined> => {
  const [verifications, consents, items] = await Promise.all([
    db.verifications.where('visitId').equals(visitId).count(),
    db.consents.where('visitId').equals(visitId).count(),
    db.plannedItems.where('visitId').equals(visitId).toArray(),
  ]);
  return cancelBlocker({ verifications, consents, items });
};

/**
 * Undoes a check-in made for the wrong patient: the visit is kept, marked cancelled with who and
 * why (audited), and today's box lets the right patient be checked in. Refused, naming the
 * reason, once the visit has a verification outcome, a signed notice, or a line performed or billed.
 */
export const cancelVisit = async (
  ctx: StoreContext,
  actor: Actor,
  visitId: string,
  reason: string,
): Promise<Visit> => {
  actor = authorize(actor, 'visit.check-in');
  const why = reason.trim();
  if (why === '') throw new AppError('cancel-visit-reason', 'no reason', 'reason');
  if (why.length > REASON_MAX) throw new AppError('invalid-input', 'reason too long', 'reason');
  const { db } = ctx;
  // The checks and the mark commit together: a verification recorded meanwhile wins.
  return db.transaction(
    'rw',
    [
      db.visits,
      db.patients,
      db.verifications,
      db.consents,
      db.plannedItems,
      ...recordKeepingTables(db),
    ],
    async () => {
      const before = await loadVisit(db, visitId);
      if (before.cancelledAt) throw new AppError('cancel-visit-done', 'already cancelled');
      const blocker = await visitCancelBlocker(db, visitId);
      if (blocker) throw new AppError(REFUSALS[blocker], blocker);
      const patient = await loadPatient(db, before.patientId);
      return writeRecord<Visit>(ctx, {
        table: 'visits',
        row: {
          ...withoutProvenance(before),
          cancelledAt: new Date(ctx.clock.now()).toISOString(),
          cancelledBy: actor.staffId,
          cancelReason: why,
        },
        before,
        audit: { actor, action: 'cancel', entity: 'visit', summary: patient.name, reason: why },
      });
    },
  );
};
