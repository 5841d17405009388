import { z } from 'zod';
import { calendarDateSchema } from '../clock/calendar-date';
import { personText, provenanceSchema } from '../record';

/**
 * Where a visit stands on identity, following its latest check-in verification: stored on the
 * visit so that Today and the monthly statistics read one row per visit.
 */
export const visitStatusSchema = z.enum([
  'awaiting-verification',
  'verified',
  'failed',
  'overridden',
]);
export type VisitStatus = z.infer<typeof visitStatusSchema>;

/** How the visit will be settled: through the insurance (医保结算) or by the patient (自费结算). */
export const settlementSchema = z.enum(['insurance', 'self-pay']);
export type Settlement = z.infer<typeof settlementSchema>;

/**
 * Why a visit is self-pay: the patient is not insured (scheme 自费), or the identity check failed
 * (PRODUCT.md §1.6: care goes on, settled by the patient, with the reason recorded).
 */
export const selfPayCauseSchema = z.enum(['not-insured', 'verification-failed']);
export type SelfPayCause = z.infer<typeof selfPayCauseSchema>;

export const REASON_MAX = 500;

/** One visit to the clinic, opened by the front desk's check-in. Editable (synced per field). */
export const visitSchema = z
  .object({
    id: z.string(),
    patientId: z.string(),
    /** The clinic's calendar day of the visit (Asia/Shanghai), never shifted by a PC's time zone. */
    date: calendarDateSchema,
    checkedInAt: z.string(),
    checkedInBy: z.string(),
    status: visitStatusSchema,
    settlement: settlementSchema,
    selfPayCause: selfPayCauseSchema.optional(),
    /** The failed verification's reason, when that is what made the visit self-pay. */
    selfPayReason: personText(REASON_MAX).optional(),
    /** A check-in undone (the wrong patient picked): the visit stays on record, with who and why. */
    cancelledAt: z.string().optional(),
    cancelledBy: z.string().optional(),
    cancelReason: personText(REASON_MAX).optional(),
  })
  .extend(provenanceSchema.shape)
  .refine((visit) => visit.settlement === 'insurance' || visit.selfPayCause !== undefined, {
    message: 'a self-pay visit says why',
    path: ['selfPayCause'],
  })
  .refine((visit) => visit.selfPayCause !== 'verification-failed' || !!visit.selfPayReason, {
    message: 'a failed verification gives its reason',
    path: ['selfPayReason'],
  });
export type Visit = z.infer<typeof visitSchema>;

/** What has already happened in a visit that a cancelled check-in would silently erase. */
export type CancelBlocker = 'verified' | 'consent' | 'performed' | 'billed';

/**
 * A check-in may be undone only while nothing rests on it: once the identity check has an
 * outcome, a notice is signed (agreed or refused), or a line is performed or billed, the visit
 * happened, and cancelling it would hide a record the insurance inspector may ask for.
 */
export const cancelBlocker = (state: {
  verifications: number;
  consents: number;
  items: readonly { performedAt?: string; billedAt?: string }[];
}): CancelBlocker | undefined => {
  if (state.verifications > 0) return 'verified';
  if (state.consents > 0) return 'consent';
  if (state.items.some((i) => i.billedAt)) return 'billed';
  if (state.items.some((i) => i.performedAt)) return 'performed';
  return undefined;
};
