import { describe, expect, it } from 'vitest';
import { unsignedItemRows } from './consent-review';
import { draftNotice, signConsent } from './consents';
import { planItem } from './planned-items';
import { bothSignatures, chairClinic } from './testing/consents';

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
    const rows = await unsignedItemRows(ctx.db, visit.date);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      patientName: patient.name,
      clinicianName: clinician.displayName,
      // 乙类 10 % of 2 × 240.50 yuan
      selfPayFen: 4_810,
    });
  });

  it('drops an item once the patient has signed for it', async () => {
    const { ctx, doctor, visit, items } = await chairClinic();
    await planItem(ctx, doctor, {
      visitId: visit.id,
      catalogueItemId: items[2]!.id,
      quantity: 1,
      reason: '缺牙修复',
      alternatives: { kind: 'none' },
    });
    const request = {
      visitId: visit.id,
      decision: 'agreed' as const,
      signer: { kind: 'patient' as const },
    };
    const draft = await draftNotice(ctx, doctor, request);
    await signConsent(ctx, doctor, {
      ...request,
      draftHash: draft.draftHash,
      signatures: bothSignatures(),
    });
    expect(await unsignedItemRows(ctx.db, visit.date)).toEqual([]);
  });
});
