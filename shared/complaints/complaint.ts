import { z } from 'zod';
import { provenanceSchema, personText } from '../record';
import { calendarDateSchema } from '../clock/calendar-date';
import type { WorkingCalendar } from '../calendar/working-days';
import { firstContactDue, isInstantWithOffset, resolveDueDate } from './deadlines';

/**
 * A complaint as the desk records it (PRODUCT.md §4). The row is written once and never edited:
 * everything that happens later is an insert-only event (complaint-event.ts), so two PCs that
 * handle the same complaint offline can never disagree about the row, only add to its timeline.
 */

export const complaintChannels = [
  'phone',
  'email',
  'suggestion-box',
  'in-person',
  'online',
  'regulator',
] as const;
export type ComplaintChannel = (typeof complaintChannels)[number];

export const complaintCategories = [
  'insurance-billing',
  'self-pay-consent',
  'identity-check',
  'attitude',
  'waiting',
  'treatment',
  'privacy',
  'other',
] as const;
export type ComplaintCategory = (typeof complaintCategories)[number];

export const complaintSeverities = ['ordinary', 'major'] as const;
export type ComplaintSeverity = (typeof complaintSeverities)[number];

export const complainantRelations = ['self', 'family', 'guardian', 'other'] as const;

/** An ISO time with its offset (`2026-11-25T16:30:00+08:00` or `…Z`) on a real date. */
export const instantSchema = z.string().refine(isInstantWithOffset, 'instant-with-offset');

export const DESCRIPTION_MAX = 2000;
export const EVENT_TEXT_MAX = 1000;

/** Who complained: a person the clinic can call back, or nobody named (a suggestion box note). */
export const complainantSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('anonymous') }).strict(),
  z
    .object({
      kind: z.literal('named'),
      name: personText(40),
      phone: z
        .string()
        .trim()
        .regex(/^[0-9+\- ]{5,20}$/, 'phone')
        .optional(),
      relation: z.enum(complainantRelations),
    })
    .strict(),
]);
export type Complainant = z.infer<typeof complainantSchema>;

/**
 * The clinic's deadline policy, copied into each complaint when it is saved: changing the policy
 * in Settings later never moves the deadlines of complaints already received (issue 9).
 */
export const complaintPolicySchema = z
  .object({
    name: personText(40),
    ordinaryDays: z.number().int().min(1).max(60),
    majorDays: z.number().int().min(1).max(60),
  })
  .strict();
export type ComplaintPolicy = z.infer<typeof complaintPolicySchema>;

/** Seed 002 #10 八: first contact in 24 h, ordinary 3 working days, major 7 (the default). */
export const DEFAULT_POLICY: ComplaintPolicy = { name: '3 / 7', ordinaryDays: 3, majorDays: 7 };
/** Seed 002 #12 五: a reply within 2 working days, complex investigations within 5. */
export const REPLY_POLICY: ComplaintPolicy = { name: '2 / 5', ordinaryDays: 2, majorDays: 5 };
export const POLICY_PRESETS = [DEFAULT_POLICY, REPLY_POLICY] as const;

/** What the desk types (the form's values once parsed). */
export const complaintInputSchema = z
  .object({
    receivedAt: instantSchema,
    channel: z.enum(complaintChannels),
    complainant: complainantSchema,
    patientId: z.string().min(1).optional(),
    visitId: z.string().min(1).optional(),
    category: z.enum(complaintCategories),
    description: personText(DESCRIPTION_MAX),
    severity: z.enum(complaintSeverities),
    policy: complaintPolicySchema.optional(),
    /** The consultation (咨询) this complaint was turned from; the link lives here (consultation.ts). */
    fromConsultationId: z.string().min(1).optional(),
  })
  .strict();
export type ComplaintInput = z.input<typeof complaintInputSchema>;

/** The stored row: the input, who received it (首诉负责制: they own it), and its fixed deadlines. */
export const complaintSchema = complaintInputSchema
  .omit({ policy: true })
  .extend({
    id: z.string().min(1),
    receivedBy: z.string().min(1),
    policy: complaintPolicySchema,
    /** 24 hours after receipt, on the clinic's clock (`+08:00`). */
    firstContactDue: instantSchema,
    /** The last working day of the resolution period ('YYYY-MM-DD'; due at its end). */
    resolutionDue: calendarDateSchema,
  })
  .extend(provenanceSchema.shape)
  .strict();
export type Complaint = z.infer<typeof complaintSchema>;

/** Working days the policy gives a complaint of this severity. */
export const policyDays = (policy: ComplaintPolicy, severity: ComplaintSeverity): number =>
  severity === 'major' ? policy.majorDays : policy.ordinaryDays;

/** The deadlines a complaint gets when it is saved (on the clinic's calendar, overrides included). */
export const deadlinesFor = (
  receivedAt: string,
  severity: ComplaintSeverity,
  policy: ComplaintPolicy,
  calendar?: WorkingCalendar,
) => ({
  firstContactDue: firstContactDue(receivedAt),
  resolutionDue: resolveDueDate(receivedAt, policyDays(policy, severity), calendar),
});
