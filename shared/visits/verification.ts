import { z } from 'zod';
import { verificationFlagSchema } from '../identity/flags';
import { parseIdNumber, type IdDocumentType } from '../identity/id-number';
import { personText, provenanceSchema } from '../record';
import { REASON_MAX } from './visit';

/** 证、卡、人 at the front desk, then the clinician before treatment and the pharmacist at dispensing (§1.5). */
export const verificationStageSchema = z.enum(['check-in', 'clinician', 'pharmacist']);
export type VerificationStage = z.infer<typeof verificationStageSchema>;

/** How the 卡 was read: typed by hand, a keyboard-wedge card reader, or a 医保电子凭证 QR code. */
export const cardMethodSchema = z.enum(['typed', 'reader', 'qr', 'none']);
export type CardMethod = z.infer<typeof cardMethodSchema>;

export const verificationOutcomeSchema = z.enum(['verified', 'failed', 'overridden']);
export type VerificationOutcome = z.infer<typeof verificationOutcomeSchema>;

/**
 * Insurance eligibility as known at the verification (§1.3). This workstation cannot reach the
 * 医保 platform, so `online` is false and the status is carried over from the patient's last
 * online check, with `recheckNeeded` telling the staff to confirm it on the 医保 terminal.
 */
export const eligibilitySchema = z.object({
  status: z.enum(['active', 'lapsed', 'unknown']),
  /** When that status was last checked online; absent when it never was. */
  checkedAt: z.string().optional(),
  online: z.boolean(),
  recheckNeeded: z.boolean(),
});
export type Eligibility = z.infer<typeof eligibilitySchema>;

const common = {
  id: z.string(),
  visitId: z.string(),
  patientId: z.string(),
  at: z.string(),
  /** Who did the check (their staff id). */
  by: z.string(),
  note: z.string().trim().max(REASON_MAX).optional(),
};

/** The front desk's 证、卡、人 check at check-in. Append-only: a new check is a new record. */
export const checkInVerificationSchema = z
  .object({
    ...common,
    stage: z.literal('check-in'),
    documentPresented: z.boolean(),
    /** Absent when no number was typed or swiped. */
    documentMatches: z.boolean().optional(),
    cardMethod: cardMethodSchema,
    cardNumberPresented: z.string().max(64).optional(),
    /** The QR code's text exactly as decoded, kept as evidence even when nothing could be read from it. */
    rawScan: z.string().max(4096).optional(),
    /** Absent when there was nothing to compare (no card shown, or none on file). */
    cardMatches: z.boolean().optional(),
    personConfirmed: z.boolean(),
    /** Whether a stored photo was on screen for the 人 check. */
    photoShown: z.boolean(),
    eligibility: eligibilitySchema,
    outcome: verificationOutcomeSchema,
    reason: personText(REASON_MAX).optional(),
    /** The insurance officer's or owner's staff id, when they released a failed check with their login. */
    overriddenBy: z.string().optional(),
    flags: z.array(verificationFlagSchema),
  })
  .extend(provenanceSchema.shape);
export type CheckInVerification = z.infer<typeof checkInVerificationSchema>;

/** The clinician's or pharmacist's re-check of the person (§1.5): one action, an optional note. */
export const reconfirmationSchema = z
  .object({
    ...common,
    stage: z.enum(['clinician', 'pharmacist']),
    personConfirmed: z.literal(true),
    outcome: z.literal('verified'),
  })
  .extend(provenanceSchema.shape);
export type Reconfirmation = z.infer<typeof reconfirmationSchema>;

export const verificationSchema = z.discriminatedUnion('stage', [
  checkInVerificationSchema,
  reconfirmationSchema,
]);
export type Verification = z.infer<typeof verificationSchema>;

/**
 * The insurance officer's daily-review mark (§7.4), a separate record keyed by the verification's
 * id so that the verification itself stays untouched: marking twice, on two workstations, is one mark.
 */
export const verificationReviewSchema = z
  .object({
    id: z.string(),
    verificationId: z.string(),
    reviewedAt: z.string(),
    reviewedBy: z.string(),
    /** Marks made on other PCs before they saw this one, kept by the merge (shared/sync). */
    also: z
      .array(z.object({ reviewedAt: z.string(), reviewedBy: z.string(), hlc: z.string() }))
      .optional(),
  })
  .extend(provenanceSchema.shape);
export type VerificationReview = z.infer<typeof verificationReviewSchema>;

/** What stands between a check and "verified"; a problem needs a failure or an officer's override. */
export type VerifyBlocker =
  | 'document-not-presented'
  | 'document-not-compared'
  | 'document-mismatch'
  | 'card-not-presented'
  | 'card-mismatch'
  | 'person-not-confirmed';

/**
 * A check is "verified" only when all three were seen: the document presented and its number the
 * one on file, the card (or QR) matching when one is on file, and the person confirmed. An
 * uninsured patient (自费) has no card to show.
 */
export const verifyBlockers = (check: {
  documentPresented: boolean;
  documentMatches?: boolean;
  cardMethod: CardMethod;
  cardMatches?: boolean;
  personConfirmed: boolean;
  insured: boolean;
}): VerifyBlocker[] => {
  const blockers: VerifyBlocker[] = [];
  if (!check.documentPresented) blockers.push('document-not-presented');
  else if (check.documentMatches === undefined) blockers.push('document-not-compared');
  else if (!check.documentMatches) blockers.push('document-mismatch');
  if (check.insured && check.cardMethod === 'none') blockers.push('card-not-presented');
  else if (check.cardMatches === false) blockers.push('card-mismatch');
  if (!check.personConfirmed) blockers.push('person-not-confirmed');
  return blockers;
};

/** The typed or swiped ID number in its stored form (a 15-digit legacy number becomes 18). */
export const normalizeDocumentNumber = (type: IdDocumentType, value: string): string => {
  const parsed = parseIdNumber(type, value);
  return parsed.ok ? parsed.normalized : value.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
};

/**
 * Offline, eligibility is what the patient's last online check said (the newest one first), or
 * unknown; either way it needs re-checking on the 医保 terminal.
 */
export const offlineEligibility = (
  earlier: readonly { eligibility?: Eligibility }[],
): Eligibility => {
  const online = earlier
    .map((v) => v.eligibility)
    .filter((e): e is Eligibility => e?.online === true && e.checkedAt !== undefined)
    .sort((a, b) => (b.checkedAt ?? '').localeCompare(a.checkedAt ?? ''))[0];
  return {
    status: online?.status ?? 'unknown',
    ...(online?.checkedAt ? { checkedAt: online.checkedAt } : {}),
    online: false,
    recheckNeeded: true,
  };
};
