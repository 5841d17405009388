import { describe, expect, it } from 'vitest';
import { PermissionError } from '../../../shared/auth/permissions';
import { consentsForVisit, listConsents, unsignedItemsOn } from './consents';
import { markBilled, planItem } from './planned-items';
import { chairClinic, signImplant } from './testing/consents';
import { readVisitPlan } from './visit-plan';
import type { Actor } from './write';

const PHARMACIST: Actor = { staffId: 'yaoshi', name: '孙药师', roles: ['pharmacist'], role: null };

const signedVisit = async () => {
  const clinic = await chairClinic();
  const consent = await signImplant(clinic);
  return { ...clinic, consent };
};

describe('the front desk bills from the plan without reading the signed notices', () => {
  it('the desk sees each line, its price and that its notice is signed, and bills it', async () => {
    const { db, ctx, desk, visit, consent } = await signedVisit();
    const plan = await readVisitPlan(db, desk, visit.id);
    expect(plan?.items.map((i) => [i.name, i.priceFen])).toEqual([['种植体植入', 680_000]]);
    expect(plan?.notices.map((n) => [n.consent.id, n.state])).toEqual([[consent.id, 'signed']]);
    await markBilled(ctx, desk, plan!.items[0]!.id);
  });

  it('no signature stroke reaches the plan page, for the desk or the clinician', async () => {
    const { db, desk, doctor, visit } = await signedVisit();
    for (const reader of [desk, doctor]) {
      const plan = await readVisitPlan(db, reader, visit.id);
      expect(plan!.notices).toHaveLength(1);
      for (const notice of [...plan!.notices.map((n) => n.consent), ...plan!.live])
        expect(notice).not.toHaveProperty('signatures');
    }
  });

  it('the desk is refused the notices themselves, with their signatures', async () => {
    const { db, desk, visit } = await signedVisit();
    await expect(consentsForVisit(db, desk, visit.id)).rejects.toBeInstanceOf(PermissionError);
    const day = { from: visit.date, to: visit.date };
    await expect(listConsents(db, desk, day)).rejects.toBeInstanceOf(PermissionError);
    await expect(unsignedItemsOn(db, desk, visit.date)).rejects.toBeInstanceOf(PermissionError);
  });

  it('the clinician reads the notices with their signatures', async () => {
    const { db, doctor, officer, visit, consent } = await signedVisit();
    const notices = await consentsForVisit(db, doctor, visit.id);
    expect(notices[0]!.consent.signatures).toEqual(consent.signatures);
    const day = { from: visit.date, to: visit.date };
    expect(await listConsents(db, officer, day)).toHaveLength(1);
  });

  it('a pharmacist, who neither bills nor reads notices, is refused the plan', async () => {
    const { db, ctx, doctor, visit, items } = await chairClinic();
    await planItem(ctx, doctor, {
      visitId: visit.id,
      catalogueItemId: items[0]!.id,
      quantity: 1,
    });
    await expect(readVisitPlan(db, PHARMACIST, visit.id)).rejects.toBeInstanceOf(PermissionError);
  });
});
