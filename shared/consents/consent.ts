import { z } from 'zod';
import { catalogueCategorySchema, coverageSchema } from '../catalogue/catalogue';
import { calendarDateSchema } from '../clock/calendar-date';
import { canonicalJson } from '../canonical-json';
import { sha256Hex } from '../hash';
import { idDocumentTypeSchema } from '../identity/id-number';
import { relationSchema } from '../identity/relation';
import { sexSchema } from '../identity/sex';
import { personText, provenanceSchema } from '../record';
import { alternativesSchema, PLAN_TEXT_MAX } from './planned-item';
import { signatureSchema } from './signature';

/** Who signs for the patient (PRODUCT.md §2.2): the patient, or a guardian or relative. */
export { relationSchema, type Relation } from '../identity/relation';

export const signerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('patient') }),
  z.object({
    /** The patient is under 18 or cannot sign: a guardian or relative signs and is identified. */
    kind: z.literal('representative'),
    name: personText(40),
    relation: relationSchema,
    idType: idDocumentTypeSchema,
    /** As `parseIdNumber` normalized it. */
    idNumber: z.string().regex(/^[0-9A-Z]{5,18}$/),
  }),
  z.object({
    /** The patient refuses and will not sign the refusal: a member of staff witnesses it. */
    kind: z.literal('witness'),
    name: personText(40),
  }),
]);
export type Signer = z.infer<typeof signerSchema>;

export const decisionSchema = z.enum(['agreed', 'refused']);
export type Decision = z.infer<typeof decisionSchema>;

/** One line of the notice, frozen as the patient saw it. */
export const noticeLineSchema = z.object({
  plannedItemId: z.string(),
  code: z.string(),
  name: z.string(),
  category: catalogueCategorySchema,
  unit: z.string(),
  quantity: z.number().int().min(1),
  /**
   * FDI tooth positions, when the line names them. Absent on notices made before teeth were
   * recorded, which therefore read and hash exactly as they did (not a new NOTICE_FORMAT: no
   * wording changed, and an absent field is absent from the hashed content).
   */
  teeth: z.array(z.string()).optional(),
  priceFen: z.number().int().min(0),
  coverage: coverageSchema,
  selfPayRatioBp: z.number().int(),
  selfPayFen: z.number().int().min(0),
  restriction: z.string().optional(),
  reason: personText(PLAN_TEXT_MAX),
  alternatives: alternativesSchema,
});
export type NoticeLine = z.infer<typeof noticeLineSchema>;

/** The format of the notice's content; a new wording or field is a new version, old ones stay readable. */
export const NOTICE_FORMAT = 1;

/**
 * Everything the signed notice says, in one object: what is printed and what is hashed. Nothing
 * in it is looked up again when the notice is shown (a renamed clinic or patient changes nothing).
 */
export const noticeContentSchema = z.object({
  format: z.literal(NOTICE_FORMAT),
  clinic: z.object({ name: z.string(), region: z.string() }),
  patient: z.object({
    id: z.string(),
    name: z.string(),
    sex: sexSchema,
    birthDate: calendarDateSchema,
    idType: idDocumentTypeSchema,
    /** Masked: the notice is handed over and printed. */
    idNumberMasked: z.string(),
    cardNumber: z.string().optional(),
  }),
  visit: z.object({ id: z.string(), date: calendarDateSchema }),
  lines: z.array(noticeLineSchema).min(1).max(200),
  totalPriceFen: z.number().int().min(0),
  selfPayTotalFen: z.number().int().min(0),
  decision: decisionSchema,
  /** The statement the patient agrees to or declines, word for word. */
  statement: z.string(),
  signer: signerSchema,
  clinician: z.object({ id: z.string(), name: z.string() }),
  /** The notice this one corrects, when an earlier one was voided. */
  previous: z.object({ id: z.string(), version: z.number().int().min(1) }).optional(),
  version: z.number().int().min(1),
});
export type NoticeContent = z.infer<typeof noticeContentSchema>;

export const consentSignaturesSchema = z.object({
  /** The patient's, the representative's or the witness's. */
  signer: signatureSchema,
  clinician: signatureSchema,
});
export type ConsentSignatures = z.infer<typeof consentSignaturesSchema>;

/**
 * A signed (or signed-refused) self-pay notice. Insert-only: never updated; a correction is a
 * `ConsentVoid` plus a new consent whose `content.previous` names this one (PRODUCT.md §2.5).
 */
export const consentSchema = z
  .object({
    id: z.string(),
    visitId: z.string(),
    patientId: z.string(),
    date: calendarDateSchema,
    clinicianId: z.string(),
    /** 'signed' when the patient agreed, 'refused' when they declined; voiding is a separate record. */
    status: z.enum(['signed', 'refused']),
    signedAt: z.string(),
    content: noticeContentSchema,
    signatures: consentSignaturesSchema,
    contentHash: z.string().length(64),
  })
  .extend(provenanceSchema.shape);
export type Consent = z.infer<typeof consentSchema>;

/** Voiding a consent: who, when and why. Insert-only; at most one per consent. */
export const consentVoidSchema = z
  .object({
    id: z.string(),
    consentId: z.string(),
    reason: personText(PLAN_TEXT_MAX),
    voidedAt: z.string(),
    voidedBy: z.string(),
    /** Voids made on other PCs before they saw this one ("also voided by …"), kept by the merge. */
    also: z
      .array(
        z.object({
          voidedAt: z.string(),
          voidedBy: z.string(),
          reason: z.string(),
          hlc: z.string(),
        }),
      )
      .optional(),
  })
  .extend(provenanceSchema.shape);
export type ConsentVoid = z.infer<typeof consentVoidSchema>;

/**
 * SHA-256 over one canonical serialization of the content and the signature strokes, together
 * with the signing time: any change to what was signed, or to the ink, changes it.
 */
export const consentHash = (parts: Pick<Consent, 'content' | 'signatures' | 'signedAt'>): string =>
  sha256Hex(
    canonicalJson({
      content: parts.content,
      signatures: parts.signatures,
      signedAt: parts.signedAt,
    }),
  );

/**
 * Signed or refused, as the patient decided: read from the hashed content, never from the stored
 * `status` field, which the hash does not cover (it predates this rule and stays for old stores).
 */
export const consentStatusOf = (consent: Pick<Consent, 'content'>): Consent['status'] =>
  consent.content.decision === 'agreed' ? 'signed' : 'refused';

/**
 * Whether the stored consent still matches its hash, re-checked every time a notice is opened and
 * before anything is performed or billed under it. A `status` that disagrees with the hashed
 * decision is tampering too; notices stored before this check still verify, as their hash is
 * computed exactly as it always was.
 */
export const consentIntact = (consent: Consent): boolean =>
  consentHash(consent) === consent.contentHash && consent.status === consentStatusOf(consent);
