import type { Complaint } from '../../../shared/complaints/complaint';
import {
  consultationInputSchema,
  firstComplaintOf,
  type Consultation,
  type ConsultationInput,
} from '../../../shared/complaints/consultation';
import { AppError, issueField } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import type { Provenance } from '../../../shared/record';
import type { ClinicDb } from './database';
import { authorize, writeRecord, type Actor, type StoreContext } from './write';

/**
 * The desk logs a consultation (咨询, seed 000 第十七條). Anyone who may record a complaint may
 * record one; who answered is the person signed in. Its time may not be in the future.
 */
export const recordConsultation = async (
  ctx: StoreContext,
  actor: Actor,
  input: ConsultationInput,
): Promise<Consultation> => {
  actor = authorize(actor, 'complaint.create');
  const parsed = consultationInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issueField(issue.path);
    if (field === 'question')
      throw new AppError('consultation-question-required', issue.message, field);
    throw new AppError('invalid-input', issue.message, field);
  }
  const data = parsed.data;
  if (Date.parse(data.at) > ctx.clock.now())
    throw new AppError('consultation-at-future', 'consultation in the future', 'at');
  const row: Omit<Consultation, keyof Provenance> = {
    ...data,
    id: newId(ctx.clock),
    by: actor.staffId,
  };
  return writeRecord<Consultation>(ctx, {
    table: 'consultations',
    row,
    before: undefined,
    // The audit log names the topic, never what the person asked.
    audit: { actor, action: 'create', entity: 'consultation', summary: data.topic },
  });
};

/** A consultation with the complaint it was turned into, if it was. */
export type ConsultationRow = Consultation & { complaintId?: string };

const newestFirst = (a: Consultation, b: Consultation) =>
  Date.parse(b.at) - Date.parse(a.at) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

const withComplaints = async (
  db: ClinicDb,
  consultations: Consultation[],
): Promise<ConsultationRow[]> => {
  const linked = await db.complaints
    .where('fromConsultationId')
    .anyOf(consultations.map((c) => c.id))
    .toArray();
  const byConsultation = new Map<string, Complaint[]>();
  for (const complaint of linked) {
    const key = complaint.fromConsultationId!;
    byConsultation.set(key, [...(byConsultation.get(key) ?? []), complaint]);
  }
  return consultations.map((c) => {
    const complaint = firstComplaintOf(byConsultation.get(c.id) ?? []);
    return complaint ? { ...c, complaintId: complaint.id } : c;
  });
};

/** The most recent consultations, newest first, each with the complaint it became. */
export const listConsultations = async (
  db: ClinicDb,
  actor: Actor,
  limit = 200,
): Promise<ConsultationRow[]> => {
  authorize(actor, 'complaint.create');
  // Times carry their offset ('+08:00' or 'Z'), so order by the instant, not the text.
  const all = (await db.consultations.toArray()).sort(newestFirst).slice(0, limit);
  return withComplaints(db, all);
};

/** One consultation with its complaint link, or undefined. */
export const readConsultation = async (
  db: ClinicDb,
  actor: Actor,
  id: string,
): Promise<ConsultationRow | undefined> => {
  authorize(actor, 'complaint.create');
  const row = await db.consultations.get(id);
  return row ? (await withComplaints(db, [row]))[0] : undefined;
};
