import { describe, expect, it } from 'vitest';
import type { ConsultationInput } from '../../../shared/complaints/consultation';
import { readComplaint, recordComplaint } from './complaints';
import { listConsultations, readConsultation, recordConsultation } from './consultations';
import { actorOf } from './staff';
import { errorOf, storeWithOwner } from './testing/store';
import { addTeam } from './testing/visits';

// The test store's clock: Sunday 2026-11-22 09:00 in Beijing.
const ASKED: ConsultationInput = {
  at: '2026-11-22T08:30:00+08:00',
  topic: 'insurance-policy',
  channel: 'phone',
  question: '门诊慢特病怎么报销？',
  answer: '持医保卡挂号，按慢特病目录结算',
};

const clinic = async () => {
  const store = await storeWithOwner();
  const team = await addTeam(store.ctx, store.ownerActor);
  return { ...store, desk: actorOf(team.desk), clinician: actorOf(team.clinician) };
};

describe('logging a consultation', () => {
  it('saves it with the person signed in as the one who answered, and audits the topic', async () => {
    const { ctx, desk, db } = await clinic();
    const saved = await recordConsultation(ctx, desk, ASKED);
    expect(saved).toMatchObject({ ...ASKED, by: desk.staffId });
    expect(await db.consultations.get(saved.id)).toEqual(saved);
    const audit = await db.auditEvents.where('entityId').equals(saved.id).toArray();
    expect(audit).toMatchObject([
      { action: 'create', entity: 'consultation', summary: 'insurance-policy' },
    ]);
  });

  it('refuses an empty question and a time in the future, and saves nothing', async () => {
    const { ctx, desk, db } = await clinic();
    expect(await errorOf(recordConsultation(ctx, desk, { ...ASKED, question: ' ' }))).toMatchObject(
      { reason: 'consultation-question-required', field: 'question' },
    );
    expect(
      await errorOf(recordConsultation(ctx, desk, { ...ASKED, at: '2026-11-22T09:01:00+08:00' })),
    ).toMatchObject({ reason: 'consultation-at-future', field: 'at' });
    expect(await db.consultations.count()).toBe(0);
    expect(await db.auditEvents.filter((event) => event.entity === 'consultation').count()).toBe(0);
  });

  it('lists the newest first, across time written with different offsets', async () => {
    const { ctx, desk, db } = await clinic();
    const early = await recordConsultation(ctx, desk, { ...ASKED, at: '2026-11-22T00:10:00Z' });
    const late = await recordConsultation(ctx, desk, { ...ASKED, at: '2026-11-22T08:20:00+08:00' });
    expect((await listConsultations(db, desk)).map((c) => c.id)).toEqual([late.id, early.id]);
  });
});

describe('turning a consultation into a complaint', () => {
  it('links the complaint to it, both ways, and refuses a second one', async () => {
    const { ctx, desk, db } = await clinic();
    const asked = await recordConsultation(ctx, desk, ASKED);
    const complaint = await recordComplaint(ctx, desk, {
      receivedAt: asked.at,
      channel: 'phone',
      complainant: { kind: 'anonymous' },
      category: 'insurance-billing',
      description: asked.question,
      severity: 'ordinary',
      fromConsultationId: asked.id,
    });
    expect((await readComplaint(db, desk, complaint.id)).complaint.fromConsultationId).toBe(
      asked.id,
    );
    expect(await readConsultation(db, desk, asked.id)).toMatchObject({ complaintId: complaint.id });
    const again = await errorOf(
      recordComplaint(ctx, desk, {
        receivedAt: asked.at,
        channel: 'phone',
        complainant: { kind: 'anonymous' },
        category: 'other',
        description: 'again',
        severity: 'ordinary',
        fromConsultationId: asked.id,
      }),
    );
    expect(again).toMatchObject({ reason: 'consultation-already-complaint' });
    expect(await db.complaints.count()).toBe(1);
  });
});
