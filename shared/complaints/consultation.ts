import { z } from 'zod';
import { personText, provenanceSchema } from '../record';
import type { ComplaintChannel } from './complaint';
import { instantSchema } from './complaint';

/**
 * 咨询 (seed 000 第十七條): the desk answers a question about insurance, fees or the process and
 * writes it down in ten seconds. A consultation row is written once and never edited (insert-only,
 * like a complaint's events).
 *
 * "Turned into a complaint" is NOT a field of the consultation. The complaint recorded from it
 * carries `fromConsultationId` (complaint.ts), written in the same transaction as the complaint
 * itself. Why: two PCs that turn the same consultation into a complaint while offline each insert
 * their own complaint row, which never conflicts with anything; an edit of the consultation row
 * would be two writers on one insert-only row. After sync both complaints exist (each is real work
 * somebody recorded and must be handled or closed as a duplicate), and every PC shows the same
 * link: the earliest complaint by (receivedAt, id) — see `firstComplaintOf` — so the consultation
 * reads "已转为投诉" everywhere. On one PC the repository refuses a second conversion.
 */

export const consultationTopics = [
  'insurance-policy',
  'self-pay',
  'fees',
  'appointment',
  'records-copy',
  'other',
] as const;
export type ConsultationTopic = (typeof consultationTopics)[number];

/** How the question reached the desk: it decides the complaint's channel when turned into one. */
export const consultationChannels = ['in-person', 'phone'] as const;
export type ConsultationChannel = (typeof consultationChannels)[number];

export const QUESTION_MAX = 500;
export const ANSWER_MAX = 1000;

/** What the desk types. `answer` may be empty: "referred to the insurance officer" is an answer too, but not required. */
export const consultationInputSchema = z
  .object({
    at: instantSchema,
    topic: z.enum(consultationTopics),
    channel: z.enum(consultationChannels),
    question: personText(QUESTION_MAX),
    answer: personText(ANSWER_MAX).optional(),
  })
  .strict();
export type ConsultationInput = z.input<typeof consultationInputSchema>;

/** The stored row: the input and who answered (the person signed in). */
export const consultationSchema = consultationInputSchema
  .extend({
    id: z.string().min(1),
    by: z.string().min(1),
  })
  .extend(provenanceSchema.shape)
  .strict();
export type Consultation = z.infer<typeof consultationSchema>;

/** The complaint channel a consultation becomes. */
export const complaintChannelOf = (channel: ConsultationChannel): ComplaintChannel => channel;

/**
 * The complaint a consultation was turned into, the same on every PC whatever order sync brought
 * them in: the earliest received, then the smallest id. Undefined when none was.
 */
export const firstComplaintOf = <C extends { id: string; receivedAt: string }>(
  complaints: readonly C[],
): C | undefined =>
  [...complaints].sort(
    (a, b) =>
      Date.parse(a.receivedAt) - Date.parse(b.receivedAt) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )[0];
