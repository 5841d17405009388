import { describe, expect, it } from 'vitest';
import { PermissionError } from '../../../shared/auth/permissions';
import type { ComplaintInput } from '../../../shared/complaints/complaint';
import {
  addComplaintEvent,
  countNeedingAttention,
  listComplaints,
  readComplaint,
  readComplaintsForReport,
  readComplaintAttachments,
  recordComplaint,
} from './complaints';
import { actorOf } from './staff';
import { errorOf, reasonOf, storeWithOwner } from './testing/store';
import { addTeam, putPatient } from './testing/visits';

// The test store's clock: Sunday 2026-11-22 09:00 in Beijing.
const PHONE_COMPLAINT: ComplaintInput = {
  receivedAt: '2026-11-22T08:30:00+08:00',
  channel: 'phone',
  complainant: { kind: 'named', name: '张先生', phone: '13800138000', relation: 'family' },
  category: 'insurance-billing',
  description: '医保结算多收了一项检查费',
  severity: 'ordinary',
};

const CLOSING = {
  kind: 'closed',
  feedback: '电话告知处理结果，投诉人认可',
  satisfaction: 'satisfied',
  cause: '收费员误选了检查项目',
  measure: '结算前由医保专员复核项目',
} as const;

const clinic = async () => {
  const store = await storeWithOwner();
  const team = await addTeam(store.ctx, store.ownerActor);
  return {
    ...store,
    officer: actorOf(team.officer),
    desk: actorOf(team.desk),
    clinician: actorOf(team.clinician),
  };
};

const contact = (at = '2026-11-22T08:50:00+08:00') =>
  ({ kind: 'contacted', how: 'phone', contactedAt: at }) as const;

describe('recording a complaint', () => {
  it('saves it with the receiver as owner, deadlines fixed, and an audit entry', async () => {
    const { ctx, desk, db } = await clinic();
    const patient = await putPatient(ctx);
    const saved = await recordComplaint(ctx, desk, { ...PHONE_COMPLAINT, patientId: patient.id });
    expect(saved).toMatchObject({
      receivedBy: desk.staffId,
      policy: { name: '3 / 7', ordinaryDays: 3, majorDays: 7 },
      firstContactDue: '2026-11-23T08:30:00+08:00',
      // Received on a Sunday: Monday 23, Tuesday 24, Wednesday 25.
      resolutionDue: '2026-11-25',
    });
    expect(await db.complaints.get(saved.id)).toEqual(saved);
    const audit = await db.auditEvents.where('entityId').equals(saved.id).toArray();
    expect(audit).toMatchObject([{ action: 'create', entity: 'complaint', summary: '张先生' }]);
    const view = await readComplaint(db, desk, saved.id);
    expect(view.derived).toMatchObject({ state: 'open', owner: desk.staffId });
  });

  it('keeps its deadlines when the policy differs for later complaints', async () => {
    const { ctx, desk } = await clinic();
    const first = await recordComplaint(ctx, desk, { ...PHONE_COMPLAINT, severity: 'major' });
    const second = await recordComplaint(ctx, desk, {
      ...PHONE_COMPLAINT,
      severity: 'major',
      policy: { name: '2 / 5', ordinaryDays: 2, majorDays: 5 },
    });
    expect(first.resolutionDue).toBe('2026-12-01');
    expect(second.resolutionDue).toBe('2026-11-27');
    expect((await ctx.db.complaints.get(first.id))?.resolutionDue).toBe('2026-12-01');
  });

  it('refuses a time received in the future, and saves nothing', async () => {
    const { ctx, desk, db } = await clinic();
    const error = await errorOf(
      recordComplaint(ctx, desk, { ...PHONE_COMPLAINT, receivedAt: '2026-11-22T09:05:00+08:00' }),
    );
    expect(error).toMatchObject({ reason: 'complaint-received-future', field: 'receivedAt' });
    expect(await db.complaints.count()).toBe(0);
    expect(await db.auditEvents.filter((event) => event.entity === 'complaint').count()).toBe(0);
  });

  it('refuses an empty description and an unknown patient', async () => {
    const { ctx, desk, db } = await clinic();
    expect(
      await errorOf(recordComplaint(ctx, desk, { ...PHONE_COMPLAINT, description: '  ' })),
    ).toMatchObject({ reason: 'invalid-input', field: 'description' });
    expect(
      await errorOf(recordComplaint(ctx, desk, { ...PHONE_COMPLAINT, patientId: 'nobody' })),
    ).toMatchObject({ reason: 'not-found', field: 'patientId' });
    expect(await db.complaints.count()).toBe(0);
  });

  it('takes an anonymous complaint from the suggestion box', async () => {
    const { ctx, clinician } = await clinic();
    const saved = await recordComplaint(ctx, clinician, {
      ...PHONE_COMPLAINT,
      channel: 'suggestion-box',
      complainant: { kind: 'anonymous' },
    });
    expect(saved.complainant).toEqual({ kind: 'anonymous' });
  });
});

describe('the timeline of a complaint', () => {
  it('runs contacted → escalated → resolved → closed, each event audited', async () => {
    const { ctx, desk, officer, db } = await clinic();
    const { id } = await recordComplaint(ctx, desk, PHONE_COMPLAINT);
    await addComplaintEvent(ctx, desk, id, contact());
    await addComplaintEvent(ctx, officer, id, { kind: 'assigned', to: officer.staffId });
    await addComplaintEvent(ctx, officer, id, { kind: 'escalated', note: '涉及医保基金' });
    await addComplaintEvent(ctx, officer, id, { kind: 'resolved', text: '已退还多收费用' });
    await addComplaintEvent(ctx, officer, id, CLOSING);
    const view = await readComplaint(db, officer, id);
    expect(view.derived).toMatchObject({
      state: 'closed',
      owner: officer.staffId,
      escalated: true,
      firstContactAt: '2026-11-22T08:50:00+08:00',
    });
    expect(view.derived.timeline.map((e) => e.facts.kind)).toEqual([
      'contacted',
      'assigned',
      'escalated',
      'resolved',
      'closed',
    ]);
    const audit = await db.auditEvents
      .filter((event) => event.entity === 'complaint-event')
      .toArray();
    expect(audit.map((e) => [e.action, e.summary])).toContainEqual(['create', 'closed · 张先生']);
  });

  it('refuses an escalation without a note, and saves nothing', async () => {
    const { ctx, desk, officer, db } = await clinic();
    const { id } = await recordComplaint(ctx, desk, PHONE_COMPLAINT);
    for (const facts of [{ kind: 'escalated' }, { kind: 'escalated', note: '  ' }] as const)
      expect(await errorOf(addComplaintEvent(ctx, officer, id, facts))).toMatchObject({
        reason: 'complaint-escalate-note',
        field: 'note',
      });
    const view = await readComplaint(db, officer, id);
    expect(view.derived).toMatchObject({ escalated: false, timeline: [] });
  });

  it('refuses closing without a cause or a measure', async () => {
    const { ctx, desk, officer, db } = await clinic();
    const { id } = await recordComplaint(ctx, desk, PHONE_COMPLAINT);
    await addComplaintEvent(ctx, desk, id, contact());
    await addComplaintEvent(ctx, officer, id, { kind: 'resolved', text: '已退费' });
    expect(
      await errorOf(addComplaintEvent(ctx, officer, id, { ...CLOSING, cause: ' ' })),
    ).toMatchObject({ reason: 'complaint-close-incomplete', field: 'cause' });
    const { measure: _m, ...noMeasure } = CLOSING;
    expect(
      await errorOf(addComplaintEvent(ctx, officer, id, noMeasure as unknown as typeof CLOSING)),
    ).toMatchObject({ reason: 'complaint-close-incomplete', field: 'measure' });
    expect((await readComplaint(db, officer, id)).derived.state).toBe('resolved');
  });

  it('takes nothing but a reopening, with a reason, once closed', async () => {
    const { ctx, desk, officer, db } = await clinic();
    const { id } = await recordComplaint(ctx, desk, PHONE_COMPLAINT);
    await addComplaintEvent(ctx, desk, id, contact());
    await addComplaintEvent(ctx, officer, id, { kind: 'resolved', text: '已退费' });
    await addComplaintEvent(ctx, officer, id, CLOSING);
    for (const facts of [
      { kind: 'note', text: '补充' },
      contact(),
      { kind: 'resolved', text: '再次' },
      CLOSING,
    ] as const)
      expect(await reasonOf(addComplaintEvent(ctx, officer, id, facts))).toBe('complaint-closed');
    expect(
      await reasonOf(addComplaintEvent(ctx, officer, id, { kind: 'reopened', reason: '' })),
    ).toBe('complaint-reopen-reason');
    await addComplaintEvent(ctx, officer, id, { kind: 'reopened', reason: '投诉人再次来电' });
    expect((await readComplaint(db, officer, id)).derived.state).toBe('contacted');
  });

  it('lets the front desk record contact on its own complaint, but not close it', async () => {
    const { ctx, desk, officer } = await clinic();
    const { id } = await recordComplaint(ctx, desk, PHONE_COMPLAINT);
    await addComplaintEvent(ctx, desk, id, contact());
    await addComplaintEvent(ctx, officer, id, { kind: 'resolved', text: '已退费' });
    const refused = await errorOf(addComplaintEvent(ctx, desk, id, CLOSING));
    expect(refused).toBeInstanceOf(PermissionError);
    expect(await errorOf(addComplaintEvent(ctx, desk, id, { kind: 'escalated' }))).toBeInstanceOf(
      PermissionError,
    );
  });

  it('hands the desk’s own work to the assignee: the desk can no longer add notes', async () => {
    const { ctx, desk, officer, clinician } = await clinic();
    const { id } = await recordComplaint(ctx, desk, PHONE_COMPLAINT);
    await addComplaintEvent(ctx, officer, id, { kind: 'assigned', to: clinician.staffId });
    await addComplaintEvent(ctx, clinician, id, { kind: 'note', text: '已调阅病历' });
    expect(
      await errorOf(addComplaintEvent(ctx, desk, id, { kind: 'note', text: '我也看看' })),
    ).toBeInstanceOf(PermissionError);
  });

  it('refuses resolving before first contact, and a contact before receipt or in the future', async () => {
    const { ctx, desk, officer } = await clinic();
    const { id } = await recordComplaint(ctx, desk, PHONE_COMPLAINT);
    expect(
      await reasonOf(addComplaintEvent(ctx, officer, id, { kind: 'resolved', text: 'x' })),
    ).toBe('complaint-step-early');
    for (const at of ['2026-11-22T08:00:00+08:00', '2026-11-22T09:30:00+08:00'])
      expect(await errorOf(addComplaintEvent(ctx, desk, id, contact(at)))).toMatchObject({
        reason: 'complaint-contact-time',
        field: 'contactedAt',
      });
  });
});

describe('an anonymous complaint (a suggestion-box note)', () => {
  it('is resolved and closed without a contact, and never overdue for one', async () => {
    const { ctx, desk, officer, db, clock } = await clinic();
    const { id } = await recordComplaint(ctx, desk, {
      ...PHONE_COMPLAINT,
      channel: 'suggestion-box',
      complainant: { kind: 'anonymous' },
    });
    clock.set('2026-11-23T12:00:00+08:00'); // past the 24 hours
    expect(await countNeedingAttention(db, officer, clock.now())).toBe(0);
    await addComplaintEvent(ctx, officer, id, { kind: 'note', text: '查看监控，核实情况' });
    await addComplaintEvent(ctx, officer, id, { kind: 'resolved', text: '已在候诊区张贴说明' });
    await addComplaintEvent(ctx, officer, id, { ...CLOSING, satisfaction: 'unreachable' });
    expect((await readComplaint(db, officer, id))?.derived.state).toBe('closed');
  });
});

describe('the urgency list and the badge', () => {
  it('counts complaints overdue or due soon, and stops counting a closed one', async () => {
    const { ctx, desk, officer, db, clock } = await clinic();
    const late = await recordComplaint(ctx, desk, {
      ...PHONE_COMPLAINT,
      receivedAt: '2026-11-20T09:00:00+08:00',
    });
    const fresh = await recordComplaint(ctx, desk, PHONE_COMPLAINT);
    expect(await countNeedingAttention(db, officer, clock.now())).toBe(1);
    const list = await listComplaints(db, officer, clock.now());
    expect(list.map((row) => [row.complaint.id, row.urgency.level])).toEqual([
      [late.id, 'overdue'],
      [fresh.id, 'on-time'],
    ]);
    // 05:00 the next morning the fresh one's first contact is less than 4 hours away.
    clock.set('2026-11-23T05:00:00+08:00');
    expect(await countNeedingAttention(db, officer, clock.now())).toBe(2);
    await addComplaintEvent(ctx, desk, late.id, contact('2026-11-20T10:00:00+08:00'));
    await addComplaintEvent(ctx, officer, late.id, { kind: 'resolved', text: '已处理' });
    await addComplaintEvent(ctx, officer, late.id, CLOSING);
    expect(await countNeedingAttention(db, officer, clock.now())).toBe(1);
  });
});

describe('reading for the complaints report', () => {
  it('gives those who handle complaints every complaint and event, and refuses the desk', async () => {
    const { ctx, desk, officer } = await clinic();
    const saved = await recordComplaint(ctx, desk, PHONE_COMPLAINT);
    await addComplaintEvent(ctx, desk, saved.id, contact());
    const read = await readComplaintsForReport(ctx.db, officer);
    expect(read.complaints.map((c) => c.id)).toEqual([saved.id]);
    expect(read.events.map((e) => e.facts.kind)).toEqual(['contacted']);
    await expect(readComplaintsForReport(ctx.db, desk)).rejects.toBeInstanceOf(PermissionError);
  });
});

describe('files on a complaint step', () => {
  const png = (bytes = 64) => new Blob([new Uint8Array(bytes).fill(7)], { type: 'image/png' });
  const pdf = new Blob(['%PDF-1.4 letter'], { type: 'application/pdf' });

  it('keeps a letter photo and a scan with the event, hashed, audited with the step', async () => {
    const { ctx, desk, officer, db } = await clinic();
    const { id } = await recordComplaint(ctx, desk, PHONE_COMPLAINT);
    const event = await addComplaintEvent(ctx, officer, id, { kind: 'note', text: '收到来信' }, [
      { name: '来信.png', blob: png() },
      { name: 'scan.pdf', blob: pdf },
    ]);
    const rows = await db.attachments.where('ownerId').equals(event.id).toArray();
    expect(rows.map((r) => [r.kind, r.name, r.mime, r.size])).toEqual(
      expect.arrayContaining([
        ['complaint-file', '来信.png', 'image/png', 64],
        ['complaint-file', 'scan.pdf', 'application/pdf', pdf.size],
      ]),
    );
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.blobHash ?? ''))).toBe(true);
    const audit = await db.auditEvents
      .where('entityId')
      .anyOf(rows.map((r) => r.id))
      .toArray();
    expect(audit.map((a) => [a.entity, a.action]).sort()).toEqual([
      ['complaint-event', 'create'],
      ['complaint-event', 'create'],
    ]);
    // What syncs names the bytes by hash; the bytes themselves stay out of the change log.
    const ids = new Set(rows.map((r) => r.id));
    const queued = (await db.outbox.toArray()).filter((q) => ids.has(q.entityId));
    expect(queued).toHaveLength(2);
    expect(queued.every((q) => !('blob' in (q.data as object)))).toBe(true);
    const files = await readComplaintAttachments(db, desk, [event.id]);
    expect(files.get(event.id)?.map((f) => [f.name, f.blob !== undefined])).toEqual([
      ['来信.png', true],
      ['scan.pdf', true],
    ]);
  });

  it('refuses a Word file and a 6 MB image, and saves neither the step nor any file', async () => {
    const { ctx, desk, officer, db } = await clinic();
    const { id } = await recordComplaint(ctx, desk, PHONE_COMPLAINT);
    const docx = new Blob(['PK'], {
      type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    for (const file of [
      { name: '说明.docx', blob: docx },
      { name: 'big.png', blob: png(6 * 1024 * 1024) },
    ])
      expect(
        await errorOf(
          addComplaintEvent(ctx, officer, id, { kind: 'note', text: '附件' }, [
            { name: 'ok.png', blob: png() },
            file,
          ]),
        ),
      ).toMatchObject({
        reason: 'complaint-file-invalid',
        field: 'files',
        values: { name: file.name },
      });
    expect(await db.complaintEvents.count()).toBe(0);
    expect(await db.attachments.count()).toBe(0);
  });

  it('shows a file whose bytes have not arrived from the hub as on its way', async () => {
    const { ctx, desk, officer, db } = await clinic();
    const { id } = await recordComplaint(ctx, desk, PHONE_COMPLAINT);
    const event = await addComplaintEvent(ctx, officer, id, { kind: 'note', text: '收到来信' }, [
      { name: 'scan.pdf', blob: pdf },
    ]);
    const [row] = await db.attachments.where('ownerId').equals(event.id).toArray();
    // As on another PC before the bytes are fetched: the row without its blob.
    await db.attachments.update(row!.id, { blob: undefined });
    const files = await readComplaintAttachments(db, desk, [event.id]);
    expect(files.get(event.id)).toEqual([
      { id: row!.id, eventId: event.id, name: 'scan.pdf', mime: 'application/pdf', size: pdf.size },
    ]);
  });
});
