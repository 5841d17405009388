import { today } from '../../../shared/clock/calendar-date';
import { AppError } from '../../../shared/errors';
import {
  computeVerificationFlags,
  normalizeCardNumber,
  type VerificationFlag,
} from '../../../shared/identity/flags';
import { newId } from '../../../shared/ids';
import type { Patient } from '../../../shared/patients/patient';
import type { Provenance } from '../../../shared/record';
import {
  normalizeDocumentNumber,
  offlineEligibility,
  verifyBlockers,
  type CardMethod,
  type CheckInVerification,
  type Eligibility,
  type Reconfirmation,
  type VerificationOutcome,
} from '../../../shared/visits/verification';
import { REASON_MAX, type Visit } from '../../../shared/visits/visit';
import type { ClinicDb } from './database';
import { standingPatients } from './patient-merge';
import { authorizeOfficer, type OfficerLogin } from './officer-login';
import { insuredSettlement, loadOpenVisit, loadPatient } from './visits';
import {
  type Actor,
  authorize,
  recordKeepingTables,
  type StoreContext,
  withoutProvenance,
  writeRecord,
} from './write';

/** What the desk saw and decided, as the verification panel sends it. */
export type CheckInInput = {
  visitId: string;
  documentPresented: boolean;
  /** The ID number as typed or swiped; compared with the stored one after normalizing. */
  documentNumber?: string;
  cardMethod: CardMethod;
  /** The card number as typed, read, or found in the QR code. */
  cardNumber?: string;
  rawScan?: string;
  personConfirmed: boolean;
  outcome: VerificationOutcome;
  reason?: string;
  note?: string;
  /** The insurance officer's or owner's own login, typed by them, for an override. */
  override?: OfficerLogin;
};

export type CheckPreview = {
  flags: VerificationFlag[];
  documentMatches?: boolean;
  cardMatches?: boolean;
  eligibility: Eligibility;
};

const VERIFY_TABLES = (db: ClinicDb) => [
  db.visits,
  db.patients,
  db.verifications,
  ...recordKeepingTables(db),
];

const present = (text: string | undefined) => {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
};

/**
 * What the panel shows as staff type, for someone who may see patients (it names other records
 * holding the same number); `recordVerification` computes it again inside its transaction.
 */
export const previewCheck = (
  ctx: Pick<StoreContext, 'db' | 'clock'>,
  actor: Actor,
  patient: Patient,
  presented: { documentNumber?: string; cardNumber?: string },
): Promise<CheckPreview> => {
  authorize(actor, 'patient.view');
  return checkPreview(ctx, patient, presented);
};

/**
 * Flags and comparisons for what is being presented, from index lookups only: patients by ID
 * number and by card number, this patient's verifications.
 */
const checkPreview = async (
  ctx: Pick<StoreContext, 'db' | 'clock'>,
  patient: Patient,
  presented: { documentNumber?: string; cardNumber?: string },
): Promise<CheckPreview> => {
  const { db } = ctx;
  const typedDocument = present(presented.documentNumber);
  const typedCard = present(presented.cardNumber);
  const documentNumber = typedDocument && normalizeDocumentNumber(patient.idType, typedDocument);
  const cardNumber = typedCard && normalizeCardNumber(typedCard);
  const cards = [...new Set([patient.cardNumber, cardNumber].filter((c): c is string => !!c))];
  const [sameId, sameCard, earlier] = await Promise.all([
    db.patients.where('idNumber').equals(patient.idNumber).toArray(),
    cards.length > 0 ? db.patients.where('cardNumber').anyOf(cards).toArray() : [],
    db.verifications.where('patientId').equals(patient.id).toArray(),
  ]);
  // A record merged into another is no longer a second person holding the number or the card.
  const [sameIdNumber, sameCardNumber] = await Promise.all([
    standingPatients(db, sameId),
    standingPatients(db, sameCard),
  ]);
  const flags = computeVerificationFlags({
    patient,
    presented: { documentNumber, cardNumber },
    sameIdNumber,
    sameCardNumber,
    earlierVerifications: earlier,
    now: ctx.clock.now(),
    today: today(ctx.clock),
  });
  return {
    flags,
    documentMatches: documentNumber === undefined ? undefined : documentNumber === patient.idNumber,
    cardMatches:
      cardNumber === undefined || !patient.cardNumber
        ? undefined
        : cardNumber === normalizeCardNumber(patient.cardNumber),
    eligibility: offlineEligibility(
      earlier.filter((v): v is CheckInVerification => v.stage === 'check-in'),
    ),
  };
};

const requireReason = (input: CheckInInput): string | undefined => {
  if (input.outcome === 'verified') return undefined;
  const reason = input.reason?.trim() ?? '';
  if (reason === '') throw new AppError('check-reason-required', 'reason required', 'reason');
  if (reason.length > REASON_MAX) throw new AppError('invalid-input', 'reason too long', 'reason');
  return reason;
};

/** The visit follows its latest check-in verification; a failure makes it self-pay (§1.6). */
const visitAfter = (visit: Visit, patient: Patient, check: CheckInVerification): Visit => {
  const { selfPayCause: _c, selfPayReason: _r, ...rest } = visit;
  if (check.outcome === 'failed') {
    return {
      ...rest,
      status: 'failed',
      settlement: 'self-pay',
      selfPayCause: 'verification-failed',
      selfPayReason: check.reason,
    };
  }
  return { ...rest, status: check.outcome, ...insuredSettlement(patient) };
};

/**
 * Records the front desk's 证、卡、人 check: flags computed from the store, the verification
 * appended, the visit's status and settlement updated, all in one transaction.
 */
export const recordVerification = async (
  ctx: StoreContext,
  actor: Actor,
  input: CheckInInput,
): Promise<CheckInVerification> => {
  actor = authorize(actor, 'verification.record');
  const reason = requireReason(input);
  const note = present(input.note);
  if (note && note.length > REASON_MAX)
    throw new AppError('invalid-input', 'note too long', 'note');
  // PBKDF2 runs on WebCrypto, which must not be awaited inside an IndexedDB transaction.
  const officer =
    input.outcome === 'overridden' ? await authorizeOfficer(ctx, input.override) : undefined;
  const { db } = ctx;
  return db.transaction('rw', VERIFY_TABLES(db), async () => {
    const visit = await loadOpenVisit(db, input.visitId);
    const patient = await loadPatient(db, visit.patientId);
    const cardNumber = input.cardMethod === 'none' ? undefined : present(input.cardNumber);
    const rawScan = input.cardMethod === 'qr' ? present(input.rawScan) : undefined;
    // A method with nothing read is no card at all: "typed" with an empty box is "none".
    const cardMethod = cardNumber || rawScan ? input.cardMethod : 'none';
    const preview = await checkPreview(ctx, patient, {
      documentNumber: input.documentPresented ? input.documentNumber : undefined,
      cardNumber,
    });
    const blockers = verifyBlockers({
      documentPresented: input.documentPresented,
      documentMatches: preview.documentMatches,
      cardMethod,
      cardMatches: preview.cardMatches,
      personConfirmed: input.personConfirmed,
      insured: patient.scheme !== 'self-pay',
    });
    if (input.outcome === 'verified' && blockers.length > 0) {
      throw new AppError('cannot-verify', blockers.join(', '), 'outcome');
    }
    const row: Omit<CheckInVerification, keyof Provenance> = {
      id: newId(ctx.clock),
      visitId: visit.id,
      patientId: patient.id,
      at: new Date(ctx.clock.now()).toISOString(),
      by: actor.staffId,
      stage: 'check-in',
      documentPresented: input.documentPresented,
      ...(preview.documentMatches === undefined
        ? {}
        : { documentMatches: preview.documentMatches }),
      cardMethod,
      ...(cardNumber ? { cardNumberPresented: normalizeCardNumber(cardNumber) } : {}),
      ...(rawScan ? { rawScan } : {}),
      ...(preview.cardMatches === undefined ? {} : { cardMatches: preview.cardMatches }),
      personConfirmed: input.personConfirmed,
      photoShown: !!patient.photoId,
      eligibility: preview.eligibility,
      outcome: input.outcome,
      ...(reason ? { reason } : {}),
      ...(officer ? { overriddenBy: officer.id } : {}),
      flags: preview.flags,
      ...(note ? { note } : {}),
    };
    const check = await writeRecord<CheckInVerification>(ctx, {
      table: 'verifications',
      row,
      before: undefined,
      audit: {
        actor,
        action: 'create',
        entity: 'verification',
        summary: patient.name,
        reason,
      },
    });
    await writeRecord<Visit>(ctx, {
      table: 'visits',
      row: withoutProvenance(visitAfter(visit, patient, check)),
      before: visit,
      audit: { actor, action: 'update', entity: 'visit', summary: patient.name, reason },
    });
    return check;
  });
};

/**
 * The clinician's re-check before treatment, or the pharmacist's at dispensing (PRODUCT §1.5):
 * one action, an optional note, appended to the visit's verifications.
 */
export const reconfirm = async (
  ctx: StoreContext,
  actor: Actor,
  visitId: string,
  stage: Reconfirmation['stage'],
  note?: string,
): Promise<Reconfirmation> => {
  // Before treatment the clinician's check; at dispensing the pharmacist's (取药核对).
  actor = authorize(
    actor,
    stage === 'pharmacist' ? 'verification.dispense' : 'verification.reconfirm',
  );
  const text = present(note);
  if (text && text.length > REASON_MAX)
    throw new AppError('invalid-input', 'note too long', 'note');
  const { db } = ctx;
  return db.transaction('rw', VERIFY_TABLES(db), async () => {
    const visit = await loadOpenVisit(db, visitId);
    const patient = await loadPatient(db, visit.patientId);
    return writeRecord<Reconfirmation>(ctx, {
      table: 'verifications',
      row: {
        id: newId(ctx.clock),
        visitId,
        patientId: visit.patientId,
        at: new Date(ctx.clock.now()).toISOString(),
        by: actor.staffId,
        stage,
        personConfirmed: true,
        outcome: 'verified',
        ...(text ? { note: text } : {}),
      },
      before: undefined,
      audit: { actor, action: 'create', entity: 'verification', summary: patient.name },
    });
  });
};
