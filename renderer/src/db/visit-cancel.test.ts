import { describe, expect, it } from 'vitest';
import { PermissionError } from '../../../shared/auth/permissions';
import { unsignedItemsOn } from './consents';
import { planItem, markBilled } from './planned-items';
import { chairClinic, signImplant } from './testing/consents';
import { failCheck } from './testing/visits';
import { reasonOf } from './testing/store';
import { cancelVisit } from './visit-cancel';
import { checkIn, visitsOn } from './visits';

describe('cancelling a check-in', () => {
  it('marks the visit cancelled with who and why, audited, and lets the right patient be checked in', async () => {
    const { ctx, desk, visit, patient, db } = await chairClinic();
    const cancelled = await cancelVisit(ctx, desk, visit.id, '  选错了患者 ');
    expect(cancelled).toMatchObject({
      id: visit.id,
      cancelledBy: desk.staffId,
      cancelReason: '选错了患者',
      cancelledAt: '2026-11-22T01:00:00.000Z',
    });
    expect(await db.visits.get(visit.id)).toMatchObject({ cancelReason: '选错了患者' });
    const events = await db.auditEvents.where('entityId').equals(visit.id).toArray();
    expect(events.filter((e) => e.action === 'cancel')).toMatchObject([
      {
        action: 'cancel',
        entity: 'visit',
        actorId: desk.staffId,
        summary: patient.name,
        reason: '选错了患者',
      },
    ]);
    // Checking the same patient in again opens a new visit: the cancelled one stays as it was.
    const again = await checkIn(ctx, desk, patient.id);
    expect(again.id).not.toBe(visit.id);
    expect(await visitsOn(db, desk, visit.date)).toHaveLength(2);
  });

  it('a cancelled visit takes no identity check and no plan item', async () => {
    const { ctx, desk, doctor, visit, items } = await chairClinic();
    await cancelVisit(ctx, desk, visit.id, '选错了患者');
    const check = failCheck(ctx, desk, visit.id);
    expect(await reasonOf(check)).toBe('visit-cancelled');
    const line = planItem(ctx, doctor, {
      visitId: visit.id,
      catalogueItemId: items[0]!.id,
      quantity: 1,
    });
    expect(await reasonOf(line)).toBe('visit-cancelled');
  });

  it('takes a cancelled visit’s unsigned lines off the officer’s daily list', async () => {
    const { ctx, desk, doctor, officer, visit, items } = await chairClinic();
    await planItem(ctx, doctor, {
      visitId: visit.id,
      catalogueItemId: items[2]!.id,
      quantity: 1,
      reason: '缺牙修复',
      alternatives: { kind: 'none' },
    });
    expect(await unsignedItemsOn(ctx.db, officer, visit.date)).toHaveLength(1);
    await cancelVisit(ctx, desk, visit.id, '选错了患者');
    expect(await unsignedItemsOn(ctx.db, officer, visit.date)).toEqual([]);
  });

  it('needs a reason', async () => {
    const { ctx, desk, visit } = await chairClinic();
    expect(await reasonOf(cancelVisit(ctx, desk, visit.id, '   '))).toBe('cancel-visit-reason');
  });

  it('is refused once the identity check has an outcome', async () => {
    const { ctx, desk, visit } = await chairClinic();
    await failCheck(ctx, desk, visit.id);
    expect(await reasonOf(cancelVisit(ctx, desk, visit.id, '选错了患者'))).toBe(
      'cancel-visit-verified',
    );
  });

  it('is refused once a notice is signed', async () => {
    const clinic = await chairClinic();
    await signImplant(clinic);
    expect(await reasonOf(cancelVisit(clinic.ctx, clinic.desk, clinic.visit.id, '选错'))).toBe(
      'cancel-visit-consent',
    );
  });

  it('is refused once a line is billed', async () => {
    const { ctx, desk, doctor, visit, items } = await chairClinic();
    const filling = await planItem(ctx, doctor, {
      visitId: visit.id,
      catalogueItemId: items[0]!.id,
      quantity: 1,
    });
    await markBilled(ctx, desk, filling.id);
    expect(await reasonOf(cancelVisit(ctx, desk, visit.id, '选错'))).toBe('cancel-visit-billed');
  });

  it('is refused twice, and to a clinician', async () => {
    const { ctx, desk, doctor, visit } = await chairClinic();
    await expect(cancelVisit(ctx, doctor, visit.id, '选错')).rejects.toBeInstanceOf(
      PermissionError,
    );
    await cancelVisit(ctx, desk, visit.id, '选错');
    expect(await reasonOf(cancelVisit(ctx, desk, visit.id, '选错'))).toBe('cancel-visit-done');
  });
});
