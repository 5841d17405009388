import { z } from 'zod';
import type { CalendarDate } from '../clock/calendar-date';
import { crossCheckIdentity, parseIdNumber, type IdDocumentType } from './id-number';
import type { Sex } from './sex';

/**
 * Signs of 冒名顶替 or 借卡 (PRODUCT.md §1.4; seed 002 #2 "核对证、卡、人"), shown at check-in and
 * stored with the verification so that the insurance officer's daily review finds them.
 *
 * - `id-number-shared`: another patient is registered with the same ID number.
 * - `card-number-shared`: another patient holds the stored card number or the one presented.
 * - `card-mismatch`: the card presented is not the card on file.
 * - `document-mismatch`: the ID number typed or swiped is not the number on file.
 * - `sex-contradicts-id`, `birth-date-contradicts-id`: the record contradicts what the ID number
 *   encodes. A name cannot contradict the number by itself (the number does not encode it); the
 *   same number under another name is `id-number-shared`.
 * - `no-photo`: no photo on file, so the 人 check has nothing to compare the face with.
 * - `repeated-failures`: this patient already failed verification REPEATED_FAILURES times within
 *   the last REPEATED_FAILURE_DAYS days.
 */
export const verificationFlagSchema = z.enum([
  'id-number-shared',
  'card-number-shared',
  'card-mismatch',
  'document-mismatch',
  'sex-contradicts-id',
  'birth-date-contradicts-id',
  'no-photo',
  'repeated-failures',
]);
export type VerificationFlag = z.infer<typeof verificationFlagSchema>;
export const verificationFlags = verificationFlagSchema.options;

/**
 * Two earlier failures in thirty days: one failure happens to honest people (a forgotten card, a
 * typo); a third attempt after two is a pattern the officer should see. Overrides do not count:
 * an officer looked at the person and vouched for them.
 */
export const REPEATED_FAILURES = 2;
export const REPEATED_FAILURE_DAYS = 30;
const DAY_MS = 86_400_000;

export type FlagInput = {
  patient: {
    id: string;
    idType: IdDocumentType;
    idNumber: string;
    sex: Sex;
    birthDate: CalendarDate;
    cardNumber?: string;
    photoId?: string;
  };
  /** What was shown at the desk, as normalized for comparison; absent when not presented. */
  presented: { documentNumber?: string; cardNumber?: string };
  /** Patients found under the patient's ID number (the patient itself may be among them). */
  sameIdNumber: readonly { id: string }[];
  /** Patients found under the stored or the presented card number (the patient may be among them). */
  sameCardNumber: readonly { id: string }[];
  /** This patient's earlier verifications; only check-in outcomes within the window count. */
  earlierVerifications: readonly { at: string; stage: string; outcome: string }[];
  /** The moment of this verification, epoch milliseconds. */
  now: number;
  /** The clinic's today, for validating the stored ID number's birth date. */
  today: CalendarDate;
};

/** Card numbers as people type them: spaces and case do not make a different card. */
export const normalizeCardNumber = (value: string): string =>
  value
    .normalize('NFKC')
    .replace(/[\s-]+/g, '')
    .toUpperCase();

const recentFailures = (input: FlagInput): number => {
  const since = input.now - REPEATED_FAILURE_DAYS * DAY_MS;
  return input.earlierVerifications.filter(
    (v) => v.stage === 'check-in' && v.outcome === 'failed' && Date.parse(v.at) >= since,
  ).length;
};

/** The flags of one check-in verification, in a stable order (the order of `verificationFlags`). */
export const computeVerificationFlags = (input: FlagInput): VerificationFlag[] => {
  const { patient, presented } = input;
  const flags = new Set<VerificationFlag>();
  if (input.sameIdNumber.some((other) => other.id !== patient.id)) flags.add('id-number-shared');
  if (input.sameCardNumber.some((other) => other.id !== patient.id))
    flags.add('card-number-shared');
  const storedCard = patient.cardNumber ? normalizeCardNumber(patient.cardNumber) : undefined;
  if (
    presented.cardNumber &&
    storedCard &&
    normalizeCardNumber(presented.cardNumber) !== storedCard
  )
    flags.add('card-mismatch');
  if (presented.documentNumber && presented.documentNumber !== patient.idNumber)
    flags.add('document-mismatch');
  const parsed = parseIdNumber(patient.idType, patient.idNumber, { today: input.today });
  for (const contradiction of crossCheckIdentity({
    parsed,
    sex: patient.sex,
    birthDate: patient.birthDate,
  })) {
    flags.add(
      contradiction === 'sex-mismatch' ? 'sex-contradicts-id' : 'birth-date-contradicts-id',
    );
  }
  if (!patient.photoId) flags.add('no-photo');
  if (recentFailures(input) >= REPEATED_FAILURES) flags.add('repeated-failures');
  return verificationFlags.filter((flag) => flags.has(flag));
};
