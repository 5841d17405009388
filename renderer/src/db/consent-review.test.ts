import { describe, expect, it } from 'vitest';
import { unsignedItemRows } from './consent-review';
import { planItem } from './planned-items';
import { chairClinic, signImplant } from './testing/consents';
import { failCheck } from './testing/visits';

describe("the insurance officer's list of unsigned self-pay items", () => {
  it('names the patient and the clinician and gives the self-pay share of each unsigned item', async () => {
    const { ctx, doctor, visit, items, patient, clinician } = await chairClinic();
    await planItem(ctx, doctor, {
      visitId: visit.id,
      catalogueItemId: items[0]!.id,
      quantity: 1,
    });
    await planItem(ctx, doctor, {
      visitId: visit.id,
      catalogueItemId: items[1]!.id,
      quantity: 2,
      reason: '牙髓炎',
      alternatives: { kind: 'none' },
    });
    const rows = await unsignedItemRows(ctx.db, doctor, visit.date);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      patientName: patient.name,
      clinicianName: clinician.displayName,
      // 乙类 10 % of 2 × 240.50 yuan
      selfPayFen: 4_810,
    });
  });

  it('gives the full price of an item in a visit settled as self-pay', async () => {
    const { ctx, doctor, desk, visit, items } = await chairClinic();
    await failCheck(ctx, desk, visit.id);
    await planItem(ctx, doctor, {
      visitId: visit.id,
      catalogueItemId: items[1]!.id,
      quantity: 2,
      reason: '牙髓炎',
      alternatives: { kind: 'none' },
    });
    const rows = await unsignedItemRows(ctx.db, doctor, visit.date);
    expect(rows.map((r) => r.selfPayFen)).toEqual([48_100]);
  });

  it('drops an item once the patient has signed for it', async () => {
    const clinic = await chairClinic();
    const { ctx, visit } = clinic;
    await signImplant(clinic);
    expect(await unsignedItemRows(ctx.db, clinic.doctor, visit.date)).toEqual([]);
  });
});
