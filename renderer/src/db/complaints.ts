import {
  blobFacts,
  complaintFileProblem,
  MAX_COMPLAINT_FILES,
  type Attachment,
} from '../../../shared/attachments/attachment';
import { can } from '../../../shared/auth/permissions';
import {
  complaintInputSchema,
  deadlinesFor,
  DEFAULT_POLICY,
  type Complaint,
  type ComplaintInput,
} from '../../../shared/complaints/complaint';
import {
  allowedEvents,
  complaintEventFactsSchema,
  deriveComplaint,
  OWNER_EVENTS,
  type ComplaintEvent,
  type ComplaintEventFacts,
  type DerivedComplaint,
} from '../../../shared/complaints/complaint-event';
import {
  byUrgency,
  complaintUrgency,
  isAnonymous,
  needsAttention,
  type Urgency,
} from '../../../shared/complaints/urgency';
import { workingCalendar } from '../../../shared/calendar/working-days';
import { AppError, issueField } from '../../../shared/errors';
import type { Provenance } from '../../../shared/record';
import { defaultPolicyOf } from '../../../shared/settings/settings';
import { newId } from '../../../shared/ids';
import type { ClinicDb } from './database';
import { readSetting } from './settings';
import {
  type Actor,
  authorize,
  recordKeepingTables,
  type StoreContext,
  writeRecord,
} from './write';

/** A complaint with what its timeline says about it now. */
export type ComplaintView = { complaint: Complaint; derived: DerivedComplaint };
export type ComplaintListRow = ComplaintView & { urgency: Urgency };

/** The label the audit log shows for a complaint: who complained, never the description. */
const complainantLabel = (complaint: Pick<Complaint, 'complainant'>) =>
  complaint.complainant.kind === 'named' ? complaint.complainant.name : '匿名 / anonymous';

/**
 * The desk records a complaint (anyone may: PRODUCT.md §4.1). The receiver owns it until it is
 * assigned (首诉负责制). Its deadlines are computed now from the policy and stored with it.
 */
export const recordComplaint = async (
  ctx: StoreContext,
  actor: Actor,
  input: ComplaintInput,
): Promise<Complaint> => {
  actor = authorize(actor, 'complaint.create');
  const parsed = complaintInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('invalid-input', issue.message, issueField(issue.path));
  }
  const data = parsed.data;
  if (Date.parse(data.receivedAt) > ctx.clock.now())
    throw new AppError('complaint-received-future', 'received in the future', 'receivedAt');
  const { db } = ctx;
  const row: Omit<Complaint, keyof Provenance> = {
    ...data,
    id: newId(ctx.clock),
    receivedBy: actor.staffId,
    policy: data.policy ?? DEFAULT_POLICY,
    ...deadlinesFor(data.receivedAt, data.severity, data.policy ?? DEFAULT_POLICY),
  };
  // The linked patient and visit are checked, and the deadlines computed on the clinic's
  // calendar and default policy as stored now, in the transaction that saves the complaint: a
  // change saved in Settings on another tab is either wholly before this complaint or after it.
  return writeRecord<Complaint>(ctx, {
    table: 'complaints',
    row,
    before: undefined,
    alsoTables: [db.patients, db.visits, db.settings, db.consultations],
    alsoInside: async () => {
      const policy = data.policy ?? defaultPolicyOf(await readSetting(db, 'complaints'));
      const overrides = (await readSetting(db, 'holidays'))?.overrides ?? [];
      Object.assign(row, {
        policy,
        ...deadlinesFor(data.receivedAt, data.severity, policy, workingCalendar(overrides)),
      });
      if (data.patientId && !(await db.patients.get(data.patientId)))
        throw new AppError('not-found', 'no such patient', 'patientId');
      if (data.fromConsultationId) {
        // One complaint per consultation on this PC; two PCs offline may each make one
        // (consultation.ts explains how both then show the same link).
        if (!(await db.consultations.get(data.fromConsultationId)))
          throw new AppError('not-found', 'no such consultation', 'fromConsultationId');
        const already = await db.complaints
          .where('fromConsultationId')
          .equals(data.fromConsultationId)
          .count();
        if (already > 0)
          throw new AppError('consultation-already-complaint', 'turned already', 'description');
      }
      if (data.visitId) {
        const visit = await db.visits.get(data.visitId);
        if (!visit || (data.patientId && visit.patientId !== data.patientId))
          throw new AppError('not-found', 'no such visit of this patient', 'visitId');
      }
    },
    audit: { actor, action: 'create', entity: 'complaint', summary: complainantLabel(data) },
  });
};

const loadComplaint = async (db: ClinicDb, id: string): Promise<ComplaintView> => {
  const complaint = await db.complaints.get(id);
  if (!complaint) throw new AppError('not-found', `no complaint ${id}`);
  const events = await db.complaintEvents.where('complaintId').equals(id).toArray();
  return { complaint, derived: deriveComplaint(complaint, events) };
};

/** Who may add this kind of event: the handlers always; the current owner their own work. */
const authorizeEvent = (actor: Actor, facts: ComplaintEventFacts, owner: string): Actor => {
  if (
    OWNER_EVENTS.includes(facts.kind) &&
    actor.staffId === owner &&
    !can(actor.roles, 'complaint.handle')
  )
    return authorize(actor, 'complaint.create');
  return authorize(actor, 'complaint.handle');
};

/** Checks what only the store can tell: the state allows it, times and people are real. */
const checkEvent = async (
  ctx: StoreContext,
  view: ComplaintView,
  facts: ComplaintEventFacts,
): Promise<void> => {
  const { state } = view.derived;
  if (!allowedEvents(state, { anonymous: isAnonymous(view.complaint) }).includes(facts.kind)) {
    if (state === 'closed') throw new AppError('complaint-closed', `closed: ${facts.kind} refused`);
    throw new AppError('complaint-step-early', `${facts.kind} refused when ${state}`);
  }
  if (facts.kind === 'contacted') {
    const at = Date.parse(facts.contactedAt);
    if (at < Date.parse(view.complaint.receivedAt) || at > ctx.clock.now())
      throw new AppError('complaint-contact-time', 'contact outside receipt..now', 'contactedAt');
  }
  // The management group reads why it was handed the complaint (seed 002 #10 八). Checked here,
  // not in the schema: escalations synced from older versions may have no note.
  if (facts.kind === 'escalated' && !facts.note?.trim())
    throw new AppError('complaint-escalate-note', 'escalation without a note', 'note');
  if (facts.kind === 'assigned') {
    const to = await ctx.db.staff.get(facts.to);
    if (!to || !to.active) throw new AppError('complaint-assignee', 'no such active staff', 'to');
  }
};

/** Why a parsed event is refused, with the sentence the form shows beside the field. */
const parseFacts = (facts: ComplaintEventFacts) => {
  const parsed = complaintEventFactsSchema.safeParse(facts);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issueField(issue.path);
  if (facts.kind === 'closed' && (field === 'cause' || field === 'measure'))
    throw new AppError('complaint-close-incomplete', issue.message, field);
  if (facts.kind === 'reopened' && field === 'reason')
    throw new AppError('complaint-reopen-reason', issue.message, field);
  if (facts.kind === 'escalated' && field === 'note')
    throw new AppError('complaint-escalate-note', issue.message, field);
  throw new AppError('invalid-input', issue.message, field);
};

/** A file picked to go with a timeline event: its name as picked, and its bytes. */
export type ComplaintFile = { name: string; blob: Blob };

type FileBytes = { name: string; blob: Blob; blobHash: string; size: number };

/**
 * Checks the files and reads their bytes and hashes, before any transaction (reading a Blob is
 * not IndexedDB work and would end it): one refused file refuses the whole step.
 */
const readFiles = async (files: readonly ComplaintFile[]): Promise<FileBytes[]> => {
  if (files.length > MAX_COMPLAINT_FILES)
    throw new AppError('complaint-file-too-many', 'too many files', 'files', {
      max: MAX_COMPLAINT_FILES,
    });
  for (const { name, blob } of files) {
    const problem = complaintFileProblem(blob);
    if (problem)
      throw new AppError('complaint-file-invalid', `${problem}: ${blob.type}`, 'files', { name });
  }
  return Promise.all(
    files.map(async ({ name, blob }) => ({
      name: name.trim().slice(0, 255) || 'file',
      blob,
      ...(await blobFacts(blob)),
    })),
  );
};

/**
 * Adds one event to a complaint's timeline, with the files that go with it (owned by the event).
 * The state check, the event and its files are one transaction: a second tab closing the
 * complaint meanwhile makes this one refused, not half-applied. Each file is audited as part of
 * the complaint step (so the same people may write it, on this PC and in the sync verdict).
 */
export const addComplaintEvent = async (
  ctx: StoreContext,
  actor: Actor,
  complaintId: string,
  input: ComplaintEventFacts,
  files: readonly ComplaintFile[] = [],
): Promise<ComplaintEvent> => {
  const facts = parseFacts(input);
  const bytes = await readFiles(files);
  const { db } = ctx;
  return db.transaction(
    'rw',
    [db.complaints, db.complaintEvents, db.attachments, db.staff, ...recordKeepingTables(db)],
    async () => {
      const view = await loadComplaint(db, complaintId);
      const acting = authorizeEvent(actor, facts, view.derived.owner);
      await checkEvent(ctx, view, facts);
      const event = await writeRecord<ComplaintEvent>(ctx, {
        table: 'complaintEvents',
        row: {
          id: newId(ctx.clock),
          complaintId,
          at: new Date(ctx.clock.now()).toISOString(),
          by: acting.staffId,
          facts,
        },
        before: undefined,
        audit: {
          actor: acting,
          action: 'create',
          entity: 'complaint-event',
          summary: `${facts.kind} · ${complainantLabel(view.complaint)}`,
        },
      });
      for (const file of bytes)
        await writeRecord<Attachment>(ctx, {
          table: 'attachments',
          row: {
            id: newId(ctx.clock),
            ownerId: event.id,
            kind: 'complaint-file',
            mime: file.blob.type,
            name: file.name,
            blob: file.blob,
            blobHash: file.blobHash,
            size: file.size,
          },
          before: undefined,
          redact: ['blob'],
          audit: {
            actor: acting,
            action: 'create',
            entity: 'complaint-event',
            summary: `${facts.kind} · ${file.name}`,
          },
        });
      return event;
    },
  );
};

/** A complaint file as the timeline shows it: its bytes, or that they are still on their way. */
export type ComplaintAttachment = {
  id: string;
  eventId: string;
  name: string;
  mime: string;
  size?: number;
  /** Undefined while the bytes are on their way from the hub (another PC attached it). */
  blob?: Blob;
};

/** The files of a complaint's timeline, by event id, in the order they were attached. */
export const readComplaintAttachments = async (
  db: ClinicDb,
  actor: Actor,
  eventIds: readonly string[],
): Promise<Map<string, ComplaintAttachment[]>> => {
  authorize(actor, 'complaint.create');
  const rows = await db.attachments.where('ownerId').anyOf(eventIds).toArray();
  const byEvent = new Map<string, ComplaintAttachment[]>();
  rows
    .filter((row) => row.kind === 'complaint-file')
    .sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : 1))
    .forEach((row) => {
      const file: ComplaintAttachment = {
        id: row.id,
        eventId: row.ownerId,
        name: row.name ?? row.id,
        mime: row.mime,
        ...(row.size !== undefined ? { size: row.size } : {}),
        ...(row.blob ? { blob: row.blob } : {}),
      };
      byEvent.set(row.ownerId, [...(byEvent.get(row.ownerId) ?? []), file]);
    });
  return byEvent;
};

/** One complaint with its timeline and the name of its linked patient, for its detail page. */
export const readComplaint = async (
  db: ClinicDb,
  actor: Actor,
  id: string,
): Promise<ComplaintView & { patientName?: string }> => {
  authorize(actor, 'complaint.create');
  const view = await loadComplaint(db, id);
  const patientId = view.complaint.patientId;
  const patient = patientId ? await db.patients.get(patientId) : undefined;
  return patient ? { ...view, patientName: patient.name } : view;
};

export type ComplaintPerson = { id: string; name: string; active: boolean };

/** The staff a timeline names (receivers, owners) and may be assigned a complaint. */
export const complaintPeople = async (db: ClinicDb, actor: Actor): Promise<ComplaintPerson[]> => {
  authorize(actor, 'complaint.create');
  return (await db.staff.toArray()).map((s) => ({
    id: s.id,
    name: s.displayName,
    active: s.active,
  }));
};

/** Every complaint with its state and urgency at `now`, most urgent first. */
export const listComplaints = async (
  db: ClinicDb,
  actor: Actor,
  now: number,
): Promise<ComplaintListRow[]> => {
  authorize(actor, 'complaint.create');
  const [complaints, events] = await Promise.all([
    db.complaints.toArray(),
    db.complaintEvents.toArray(),
  ]);
  const byComplaint = new Map<string, ComplaintEvent[]>();
  for (const event of events)
    byComplaint.set(event.complaintId, [...(byComplaint.get(event.complaintId) ?? []), event]);
  return complaints
    .map((complaint) => {
      const derived = deriveComplaint(complaint, byComplaint.get(complaint.id) ?? []);
      return { complaint, derived, urgency: complaintUrgency(complaint, derived, now) };
    })
    .sort(
      (a, b) =>
        byUrgency(a.urgency, b.urgency) ||
        Date.parse(b.complaint.receivedAt) - Date.parse(a.complaint.receivedAt),
    );
};

/** What the shell's badge shows: complaints overdue or due soon. */
export const countNeedingAttention = async (
  db: ClinicDb,
  actor: Actor,
  now: number,
): Promise<number> =>
  (await listComplaints(db, actor, now)).filter((row) => needsAttention(row.urgency)).length;

/**
 * Everything the complaints report is computed from: every complaint and every event (a
 * complaint received last month may still be open at the end of this one), and when and about
 * what each consultation was (the report counts them by topic). Only those who handle complaints
 * see the report.
 */
export const readComplaintsForReport = async (
  db: ClinicDb,
  actor: Actor,
): Promise<{
  complaints: Complaint[];
  events: ComplaintEvent[];
  consultations: { at: string; topic: string }[];
}> => {
  authorize(actor, 'complaint.handle');
  const [complaints, events, consultations] = await Promise.all([
    db.complaints.toArray(),
    db.complaintEvents.toArray(),
    db.consultations.toArray(),
  ]);
  return {
    complaints,
    events,
    consultations: consultations.map(({ at, topic }) => ({ at, topic })),
  };
};
