import { isWipedAuditEvent } from '../../../shared/audit/personal-digest';
import { canonicalJson } from '../../../shared/canonical-json';
import type { CalendarDate } from '../../../shared/clock/calendar-date';
import {
  consentHash,
  consentIntact,
  consentStatusOf,
  consentSignaturesSchema,
  signerSchema,
  type Consent,
  type ConsentSignatures,
  type ConsentVoid,
  type Decision,
  type NoticeContent,
  type Signer,
} from '../../../shared/consents/consent';
import { buildNoticeContent, itemsAwaitingConsent } from '../../../shared/consents/notice';
import { PLAN_TEXT_MAX, type PlannedItem } from '../../../shared/consents/planned-item';
import { signatureProblem } from '../../../shared/consents/signature';
import { AppError, issueField } from '../../../shared/errors';
import { sha256Hex } from '../../../shared/hash';
import { newId } from '../../../shared/ids';
import { parseIdNumber } from '../../../shared/identity/id-number';
import { provinceByCode } from '../../../shared/regions';
import type { ClinicDb } from './database';
import { byPlanOrder, liveConsents, plannedItemsForVisit } from './planned-items';
import { readSetting } from './settings';
import { loadOpenVisit, loadPatient } from './visits';
import {
  type Actor,
  authorize,
  recordAuditEvent,
  recordKeepingTables,
  rowClocksKey,
  type StoreContext,
  writeRecord,
} from './write';

export type NoticeRequest = {
  visitId: string;
  decision: Decision;
  signer: Signer;
  /** The voided notice this one corrects. */
  previousId?: string;
};

/** A notice ready to be shown and signed, with the fingerprint of exactly what is shown. */
export type NoticeDraft = { content: NoticeContent; draftHash: string };

const draftHashOf = (content: NoticeContent) => sha256Hex(canonicalJson(content));

/** A representative is identified by a valid document number, stored normalized. */
const checkSigner = (ctx: StoreContext, signer: Signer): Signer => {
  let input = signer;
  if (signer.kind === 'representative') {
    const id = parseIdNumber(signer.idType, signer.idNumber ?? '', { clock: ctx.clock });
    if (!id.ok) throw new AppError('representative-id-invalid', id.reason, 'idNumber');
    input = { ...signer, idNumber: id.normalized };
  }
  const parsed = signerSchema.safeParse(input);
  if (!parsed.success)
    throw new AppError(
      'invalid-input',
      'invalid signer',
      issueField(parsed.error.issues[0]?.path ?? []),
    );
  return parsed.data;
};

/** Reads everything a notice says; call inside a transaction when the result is to be signed. */
const composeNotice = async (
  ctx: StoreContext,
  actor: Actor,
  request: NoticeRequest,
): Promise<NoticeDraft> => {
  const { db } = ctx;
  const signer = checkSigner(ctx, request.signer);
  const visit = await loadOpenVisit(db, request.visitId);
  const patient = await loadPatient(db, visit.patientId);
  const items = itemsAwaitingConsent(
    await plannedItemsForVisit(db, visit.id),
    await liveConsents(db, visit.id),
  );
  if (items.length === 0) throw new AppError('nothing-to-consent', 'nothing awaits a signature');
  const clinic = await readSetting(db, 'clinic');
  if (!clinic) throw new AppError('not-found', 'clinic settings missing');
  let previous: { id: string; version: number } | undefined;
  if (request.previousId) {
    const old = await db.consents.get(request.previousId);
    if (!old || old.visitId !== visit.id || !(await db.consentVoids.get(old.id)))
      throw new AppError('not-found', 'the notice to correct is not a voided notice of this visit');
    previous = { id: old.id, version: old.content.version };
  }
  const content = buildNoticeContent({
    clinic,
    clinicRegion: `${provinceByCode(clinic.regionProvince)?.zh ?? ''} ${clinic.regionCity}`.trim(),
    patient,
    visit,
    items,
    decision: request.decision,
    signer,
    clinician: { id: actor.staffId, name: actor.name },
    previous,
  });
  return { content, draftHash: draftHashOf(content) };
};

const noticeTables = (db: ClinicDb) => [
  db.visits,
  db.patients,
  db.plannedItems,
  db.consents,
  db.consentVoids,
  db.settings,
];

/** The notice as it would be signed now: what the patient reads before signing. */
export const draftNotice = (
  ctx: StoreContext,
  actor: Actor,
  request: NoticeRequest,
): Promise<NoticeDraft> => {
  actor = authorize(actor, 'consent.prepare');
  return ctx.db.transaction('r', noticeTables(ctx.db), () => composeNotice(ctx, actor, request));
};

const checkSignatures = (signatures: ConsentSignatures): ConsentSignatures => {
  for (const who of ['signer', 'clinician'] as const) {
    const problem = signatureProblem(signatures[who]);
    if (problem)
      throw new AppError(
        problem === 'empty' ? 'signature-empty' : 'signature-too-short',
        `${who} signature ${problem}`,
        who,
      );
  }
  const parsed = consentSignaturesSchema.safeParse(signatures);
  if (!parsed.success) throw new AppError('invalid-input', 'malformed signature', 'signer');
  return parsed.data;
};

/**
 * Stores the signed notice. The content is composed again inside the transaction and must match
 * the draft the patient read (`draftHash`): a plan changed meanwhile, or a second signing of the
 * same items, is refused rather than stored.
 */
export const signConsent = async (
  ctx: StoreContext,
  actor: Actor,
  request: NoticeRequest & { draftHash: string; signatures: ConsentSignatures },
): Promise<Consent> => {
  actor = authorize(actor, 'consent.sign');
  const signatures = checkSignatures(request.signatures);
  const { db } = ctx;
  // Composing, comparing and storing commit together: nothing can change the plan in between.
  return db.transaction('rw', [...noticeTables(db), ...recordKeepingTables(db)], async () => {
    const { content, draftHash } = await composeNotice(ctx, actor, request).catch((error) => {
      throw error instanceof AppError && error.reason === 'nothing-to-consent'
        ? new AppError('notice-changed', 'already signed or plan emptied')
        : error;
    });
    if (draftHash !== request.draftHash)
      throw new AppError('notice-changed', 'the plan changed since the draft');
    const signedAt = new Date(ctx.clock.now()).toISOString();
    const status = consentStatusOf({ content });
    return writeRecord<Consent>(ctx, {
      table: 'consents',
      row: {
        id: newId(ctx.clock),
        visitId: content.visit.id,
        patientId: content.patient.id,
        date: content.visit.date,
        clinicianId: actor.staffId,
        status,
        signedAt,
        content,
        signatures,
        contentHash: consentHash({ content, signatures, signedAt }),
      },
      before: undefined,
      ignore: ['content'],
      redact: ['signatures'],
      audit: {
        actor,
        action: status === 'signed' ? 'sign' : 'refuse',
        entity: 'consent',
        summary: `${content.patient.name} · v${content.version}`,
      },
    });
  });
};

/**
 * Voids a notice (PRODUCT.md §2.5): who, when and why; the notice itself stays as it was. The
 * void's id is the consent's, so one notice is voided at most once, on any workstation.
 */
export const voidConsent = async (
  ctx: StoreContext,
  actor: Actor,
  consentId: string,
  reason: string,
): Promise<ConsentVoid> => {
  actor = authorize(actor, 'consent.void');
  const text = reason.trim();
  if (!text || text.length > PLAN_TEXT_MAX)
    throw new AppError('void-reason-required', 'a void needs a reason', 'reason');
  const { db } = ctx;
  return db.transaction(
    'rw',
    [db.consents, db.consentVoids, ...recordKeepingTables(db)],
    async () => {
      const consent = await db.consents.get(consentId);
      if (!consent) throw new AppError('not-found', 'no such consent');
      if (await db.consentVoids.get(consentId))
        throw new AppError('already-voided', 'already voided');
      return writeRecord<ConsentVoid>(ctx, {
        table: 'consentVoids',
        row: {
          id: consentId,
          consentId,
          reason: text,
          voidedAt: new Date(ctx.clock.now()).toISOString(),
          voidedBy: actor.staffId,
        },
        before: undefined,
        audit: {
          actor,
          action: 'void',
          entity: 'consent',
          summary: `${consent.content.patient.name} · v${consent.content.version}`,
          reason: text,
        },
      });
    },
  );
};

/**
 * What opening a notice finds: `intact` re-checks the stored hash; `matchesAudit` compares it with
 * the hash the audit chain recorded at signing, so a notice altered and re-hashed is caught too
 * (true when a retention disposal wiped the signing event: `signedHashInAudit`).
 */
export type OpenedConsent = {
  consent: Consent;
  voided: ConsentVoid | undefined;
  intact: boolean;
  matchesAudit: boolean;
};

/**
 * The hash the signing event recorded; 'disposed' when a retention disposal wiped that event's
 * content (shared/audit/personal-digest.ts) and this PC holds the erasure: nothing to compare
 * with, which is no sign of tampering. A wiped event without an erasure proves nothing: no hash.
 */
const signedHashInAudit = async (db: ClinicDb, consentId: string) => {
  const events = await db.auditEvents.where('entityId').equals(consentId).toArray();
  const signing = events.find(
    (e) => e.entity === 'consent' && (e.action === 'sign' || e.action === 'refuse'),
  );
  if (
    signing &&
    isWipedAuditEvent(signing) &&
    (await db.erasures.get(rowClocksKey('auditEvents', signing.id)))
  )
    return 'disposed' as const;
  return signing?.changes?.find((c) => c.field === 'contentHash')?.to;
};

export const openConsent = async (
  ctx: StoreContext,
  actor: Actor,
  consentId: string,
): Promise<OpenedConsent> => {
  actor = authorize(actor, 'consent.view');
  const { db } = ctx;
  const consent = await db.consents.get(consentId);
  if (!consent) throw new AppError('not-found', 'no such consent');
  const [voided, audited] = await Promise.all([
    db.consentVoids.get(consentId),
    signedHashInAudit(db, consentId),
  ]);
  await recordAuditEvent(ctx, {
    actor,
    action: 'view',
    entity: 'consent',
    entityId: consentId,
    summary: `${consent.content.patient.name} · v${consent.content.version}`,
  });
  return {
    consent,
    voided,
    intact: consentIntact(consent),
    matchesAudit: audited === 'disposed' || audited === consent.contentHash,
  };
};

/**
 * A visit's notices, newest first, each with its void if any, read without asking who reads:
 * for the checked reads (`consentsForVisit`, and `readVisitPlan`, which drops the strokes).
 */
export const noticesOfVisit = async (
  db: ClinicDb,
  visitId: string,
): Promise<{ consent: Consent; voided: ConsentVoid | undefined }[]> => {
  const consents = (await db.consents.where('visitId').equals(visitId).toArray()).sort((a, b) =>
    b.signedAt.localeCompare(a.signedAt),
  );
  const voids = await db.consentVoids.bulkGet(consents.map((c) => c.id));
  return consents.map((consent, i) => ({ consent, voided: voids[i] }));
};

/** A visit's notices, newest first, each with its void if any: signatures and all. */
export const consentsForVisit = async (
  db: ClinicDb,
  actor: Actor,
  visitId: string,
): Promise<{ consent: Consent; voided: ConsentVoid | undefined }[]> => {
  authorize(actor, 'consent.view');
  return noticesOfVisit(db, visitId);
};

export type ConsentState = 'signed' | 'refused' | 'voided';

export const consentState = (
  consent: Pick<Consent, 'content'>,
  voided: ConsentVoid | undefined,
): ConsentState => (voided ? 'voided' : consentStatusOf(consent));

export type ConsentFilter = {
  from: CalendarDate;
  to: CalendarDate;
  patientId?: string;
  clinicianId?: string;
  state?: ConsentState;
};

export type ConsentRow = { consent: Consent; voided: ConsentVoid | undefined; state: ConsentState };

/** Notices by visit day, newest first, filtered by patient, clinician and state. */
export const listConsents = async (
  db: ClinicDb,
  actor: Actor,
  filter: ConsentFilter,
): Promise<ConsentRow[]> => {
  authorize(actor, 'consent.view');
  const consents = await db.consents
    .where('date')
    .between(filter.from, filter.to, true, true)
    .filter(
      (c) =>
        (!filter.patientId || c.patientId === filter.patientId) &&
        (!filter.clinicianId || c.clinicianId === filter.clinicianId),
    )
    .toArray();
  const voids = await db.consentVoids.bulkGet(consents.map((c) => c.id));
  return consents
    .map((consent, i) => ({
      consent,
      voided: voids[i],
      state: consentState(consent, voids[i]),
    }))
    .filter((row) => !filter.state || row.state === filter.state)
    .sort((a, b) => b.consent.signedAt.localeCompare(a.consent.signedAt));
};

/** Totals for a list: how many notices and the self-pay amount the signed ones cover. */
export const consentTotals = (rows: readonly ConsentRow[]) => ({
  count: rows.length,
  signed: rows.filter((r) => r.state === 'signed').length,
  refused: rows.filter((r) => r.state === 'refused').length,
  voided: rows.filter((r) => r.state === 'voided').length,
  signedSelfPayFen: rows
    .filter((r) => r.state === 'signed')
    .reduce((sum, r) => sum + r.consent.content.selfPayTotalFen, 0),
});

/**
 * The insurance officer's daily review (PRODUCT.md §7.4): the day's planned 乙类 and 自费 items
 * that no live signed notice covers yet.
 */
export const unsignedItemsOn = async (
  db: ClinicDb,
  actor: Actor,
  date: CalendarDate,
): Promise<PlannedItem[]> => {
  authorize(actor, 'consent.view');
  const items = await db.plannedItems.where('date').equals(date).toArray();
  const byVisit = new Map<string, PlannedItem[]>();
  for (const item of items) byVisit.set(item.visitId, [...(byVisit.get(item.visitId) ?? []), item]);
  // A cancelled check-in's plan will never be signed: it is no longer waiting for anyone.
  const cancelled = new Set(
    (await db.visits.bulkGet([...byVisit.keys()])).flatMap((v) => (v?.cancelledAt ? [v.id] : [])),
  );
  const unsigned: PlannedItem[] = [];
  for (const [visitId, visitItems] of byVisit)
    if (!cancelled.has(visitId))
      unsigned.push(...itemsAwaitingConsent(visitItems, await liveConsents(db, visitId)));
  return unsigned.sort(byPlanOrder);
};
