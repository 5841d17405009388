import { describe, expect, it } from 'vitest';
import { PermissionError } from '../../../shared/auth/permissions';
import { consentSchema } from '../../../shared/consents/consent';
import {
  consentTotals,
  draftNotice,
  listConsents,
  openConsent,
  signConsent,
  unsignedItemsOn,
  voidConsent,
} from './consents';
import {
  cancelPlannedItem,
  markBilled,
  markPerformed,
  planItem,
  updatePlannedItem,
} from './planned-items';
import { bothSignatures, chairClinic, putCatalogue } from './testing/consents';
import { failCheck } from './testing/visits';
import { reasonOf } from './testing/store';
import { rowClocksKey } from './write';
import { wipeAuditEvent } from '../../../shared/audit/personal-digest';

const because = {
  reason: '患者要求美观修复',
  alternatives: { kind: 'offered' as const, text: '银汞充填（医保甲类）' },
};

/** A visit with a root canal (乙类 10 %) ×2 and an implant (自费) planned. */
const planned = async () => {
  const clinic = await chairClinic();
  const { ctx, doctor, visit, items } = clinic;
  const rootCanal = await planItem(ctx, doctor, {
    visitId: visit.id,
    catalogueItemId: items[1]!.id,
    quantity: 2,
    ...because,
  });
  const implant = await planItem(ctx, doctor, {
    visitId: visit.id,
    catalogueItemId: items[2]!.id,
    quantity: 1,
    reason: '缺牙修复',
    alternatives: { kind: 'none' },
  });
  return { ...clinic, rootCanal, implant };
};

const signed = async (decision: 'agreed' | 'refused' = 'agreed') => {
  const clinic = await planned();
  const { ctx, doctor, visit } = clinic;
  const request = { visitId: visit.id, decision, signer: { kind: 'patient' as const } };
  const draft = await draftNotice(ctx, doctor, request);
  const consent = await signConsent(ctx, doctor, {
    ...request,
    draftHash: draft.draftHash,
    signatures: bothSignatures(),
  });
  return { ...clinic, draft, consent, request };
};

describe('planning self-pay items', () => {
  it('a 乙类 or 自费 item needs a reason and the alternatives offered; "none" must be chosen', async () => {
    const { ctx, doctor, visit, items } = await chairClinic();
    const line = { visitId: visit.id, catalogueItemId: items[1]!.id, quantity: 1 };
    expect(await reasonOf(planItem(ctx, doctor, line))).toBe('plan-incomplete');
    expect(await reasonOf(planItem(ctx, doctor, { ...line, reason: '需要' }))).toBe(
      'plan-incomplete',
    );
    expect(
      await reasonOf(
        planItem(ctx, doctor, { ...line, reason: '需要', alternatives: { kind: 'none' } }),
      ),
    ).toBe('no error');
  });

  it('a 甲类 item needs neither', async () => {
    const { ctx, doctor, visit, items } = await chairClinic();
    const item = await planItem(ctx, doctor, {
      visitId: visit.id,
      catalogueItemId: items[0]!.id,
      quantity: 1,
    });
    expect(item).toMatchObject({ coverage: 'class-a', status: 'planned', priceFen: 8_000 });
  });

  it('copies the terms of the catalogue in force on the visit date, and refuses items of another version', async () => {
    const { ctx, doctor, visit } = await chairClinic();
    const future = await putCatalogue(ctx, 'cat-2027', '2027-01-01');
    expect(
      await reasonOf(
        planItem(ctx, doctor, { visitId: visit.id, catalogueItemId: future[0]!.id, quantity: 1 }),
      ),
    ).toBe('catalogue-missing');
  });

  it('quantity must be a whole number from 1 to 9999', async () => {
    const { ctx, doctor, visit, items } = await chairClinic();
    for (const quantity of [0, -1, 1.5, 10_000])
      expect(
        await reasonOf(
          planItem(ctx, doctor, { visitId: visit.id, catalogueItemId: items[0]!.id, quantity }),
        ),
      ).toBe('invalid-input');
  });

  it('records the teeth a line concerns, prints them on the notice, and takes them off again', async () => {
    const { ctx, doctor, visit, items, db } = await chairClinic();
    const implant = await planItem(ctx, doctor, {
      visitId: visit.id,
      catalogueItemId: items[2]!.id,
      quantity: 2,
      teeth: ['36', '46'],
      ...because,
    });
    expect(implant.teeth).toEqual(['36', '46']);
    const update = await db.auditEvents.where('entityId').equals(implant.id).toArray();
    expect(update[0]?.changes).toContainEqual({ field: 'teeth', to: '["36","46"]' });
    const { content } = await draftNotice(ctx, doctor, {
      visitId: visit.id,
      decision: 'agreed',
      signer: { kind: 'patient' },
    });
    expect(content.lines[0]?.teeth).toEqual(['36', '46']);
    // A tooth that is not one, or one named twice, is refused on the field.
    for (const teeth of [['19'], ['36', '36'], []])
      expect(
        await reasonOf(
          updatePlannedItem(ctx, doctor, implant.id, { quantity: 2, teeth, ...because }),
        ),
      ).toBe('invalid-input');
    const without = await updatePlannedItem(ctx, doctor, implant.id, { quantity: 2, ...because });
    expect(without.teeth).toBeUndefined();
    const redrafted = await draftNotice(ctx, doctor, {
      visitId: visit.id,
      decision: 'agreed',
      signer: { kind: 'patient' },
    });
    expect(redrafted.content.lines[0]).not.toHaveProperty('teeth');
  });

  it('the front desk cannot plan treatment', async () => {
    const { ctx, desk, visit, items } = await chairClinic();
    await expect(
      planItem(ctx, desk, { visitId: visit.id, catalogueItemId: items[0]!.id, quantity: 1 }),
    ).rejects.toBeInstanceOf(PermissionError);
  });
});

describe('the self-pay notice', () => {
  it('lists the unsigned 乙类 and 自费 items with amounts in fen and the clinic, patient and visit', async () => {
    const { ctx, doctor, visit } = await planned();
    const { content } = await draftNotice(ctx, doctor, {
      visitId: visit.id,
      decision: 'agreed',
      signer: { kind: 'patient' },
    });
    expect(content.clinic).toEqual({ name: '康宁口腔诊所', region: '广东省 深圳市' });
    expect(content.patient).toMatchObject({
      name: '张秀英',
      idNumberMasked: expect.stringMatching(/002X$/),
    });
    expect(content.patient.idNumberMasked).not.toContain('19491231');
    expect(content.lines.map((l) => [l.name, l.quantity, l.selfPayFen])).toEqual([
      ['根管治疗术', 2, 4_810],
      ['种植体植入', 1, 680_000],
    ]);
    expect(content.selfPayTotalFen).toBe(684_810);
    expect(content.statement).toContain('6848.10');
    expect(content.version).toBe(1);
  });

  it('in a visit gone to self-pay after a failed check, tells the patient each line’s full price', async () => {
    const { ctx, desk, doctor, visit } = await planned();
    await failCheck(ctx, desk, visit.id);
    const { content } = await draftNotice(ctx, doctor, {
      visitId: visit.id,
      decision: 'agreed',
      signer: { kind: 'patient' },
    });
    // The root canal is 乙类 (10 %): self-pay, the patient pays all of ¥240.50 × 2.
    expect(content.lines.map((l) => [l.name, l.selfPayFen])).toEqual([
      ['根管治疗术', 48_100],
      ['种植体植入', 680_000],
    ]);
    expect(content.selfPayTotalFen).toBe(728_100);
  });

  it('is refused when nothing awaits a signature', async () => {
    const { ctx, doctor, visit } = await chairClinic();
    expect(
      await reasonOf(
        draftNotice(ctx, doctor, {
          visitId: visit.id,
          decision: 'agreed',
          signer: { kind: 'patient' },
        }),
      ),
    ).toBe('nothing-to-consent');
  });

  it('is stored signed with a hash over content and signatures, and the audit log keeps the hash', async () => {
    const { consent, db } = await signed();
    expect(consentSchema.safeParse(consent).success).toBe(true);
    expect(consent.status).toBe('signed');
    const event = await db.auditEvents.where('entityId').equals(consent.id).first();
    expect(event?.action).toBe('sign');
    expect(event?.changes?.find((c) => c.field === 'contentHash')?.to).toBe(consent.contentHash);
    const inkChanges = event?.changes?.filter((c) => c.field.startsWith('signatures')) ?? [];
    expect(inkChanges.length).toBeGreaterThan(0);
    for (const change of inkChanges) expect(change).toEqual({ field: change.field });
  });

  it('cannot be signed twice', async () => {
    const { ctx, doctor, draft, request } = await signed();
    expect(
      await reasonOf(
        signConsent(ctx, doctor, {
          ...request,
          draftHash: draft.draftHash,
          signatures: bothSignatures(),
        }),
      ),
    ).toBe('notice-changed');
  });

  it('refuses a plan changed after the patient read the notice', async () => {
    const { ctx, doctor, visit, rootCanal } = await planned();
    const request = {
      visitId: visit.id,
      decision: 'agreed' as const,
      signer: { kind: 'patient' as const },
    };
    const draft = await draftNotice(ctx, doctor, request);
    await updatePlannedItem(ctx, doctor, rootCanal.id, { ...because, quantity: 3 });
    expect(
      await reasonOf(
        signConsent(ctx, doctor, {
          ...request,
          draftHash: draft.draftHash,
          signatures: bothSignatures(),
        }),
      ),
    ).toBe('notice-changed');
  });

  it('refuses an empty or a dot-sized signature from either signer', async () => {
    const { ctx, doctor, visit } = await planned();
    const request = {
      visitId: visit.id,
      decision: 'agreed' as const,
      signer: { kind: 'patient' as const },
    };
    const { draftHash } = await draftNotice(ctx, doctor, request);
    const dot = { width: 500, height: 200, strokes: [[100, 100, 101, 101]] };
    expect(
      await reasonOf(
        signConsent(ctx, doctor, {
          ...request,
          draftHash,
          signatures: { ...bothSignatures(), signer: dot },
        }),
      ),
    ).toBe('signature-too-short');
    expect(
      await reasonOf(
        signConsent(ctx, doctor, {
          ...request,
          draftHash,
          signatures: { ...bothSignatures(), clinician: { width: 500, height: 200, strokes: [] } },
        }),
      ),
    ).toBe('signature-empty');
  });

  it('a guardian signs for a child with name, relation and a valid ID number', async () => {
    const { ctx, doctor, visit } = await planned();
    const guardian = {
      kind: 'representative' as const,
      name: '张伟',
      relation: 'parent' as const,
      idType: 'resident' as const,
      idNumber: '11010519491231002x',
    };
    const request = { visitId: visit.id, decision: 'agreed' as const, signer: guardian };
    const { draftHash, content } = await draftNotice(ctx, doctor, request);
    expect(content.signer).toMatchObject({ idNumber: '11010519491231002X' });
    const consent = await signConsent(ctx, doctor, {
      ...request,
      draftHash,
      signatures: bothSignatures(),
    });
    expect(consent.content.signer).toMatchObject({ name: '张伟', relation: 'parent' });
    expect(
      await reasonOf(
        draftNotice(ctx, doctor, {
          ...request,
          signer: { ...guardian, idNumber: '110105194912310021' },
        }),
      ),
    ).toBe('representative-id-invalid');
  });

  it('only a clinician signs as the clinician', async () => {
    const { ctx, officer, visit } = await planned();
    await expect(
      signConsent(ctx, officer, {
        visitId: visit.id,
        decision: 'agreed',
        signer: { kind: 'patient' },
        draftHash: 'x',
        signatures: bothSignatures(),
      }),
    ).rejects.toBeInstanceOf(PermissionError);
  });
});

describe('enforcement: performing or billing a self-pay item', () => {
  it('is refused without a signed consent, naming the item', async () => {
    const { ctx, doctor, desk, rootCanal } = await planned();
    const error = await markPerformed(ctx, doctor, rootCanal.id).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'consent-required', values: { item: '根管治疗术' } });
    expect(await reasonOf(markBilled(ctx, desk, rootCanal.id))).toBe('consent-required');
  });

  it('is allowed for a 甲类 item without any consent', async () => {
    const { ctx, doctor, visit, items } = await chairClinic();
    const filling = await planItem(ctx, doctor, {
      visitId: visit.id,
      catalogueItemId: items[0]!.id,
      quantity: 1,
    });
    expect((await markPerformed(ctx, doctor, filling.id)).performedAt).toBe(
      '2026-11-22T01:00:00.000Z',
    );
  });

  it('is allowed once signed, in either order, and only once each', async () => {
    const { ctx, doctor, desk, rootCanal } = await signed();
    await markBilled(ctx, desk, rootCanal.id);
    const done = await markPerformed(ctx, doctor, rootCanal.id);
    expect(done).toMatchObject({ billedBy: desk.staffId, performedBy: doctor.staffId });
    expect(await reasonOf(markPerformed(ctx, doctor, rootCanal.id))).toBe('item-not-planned');
  });

  it('is refused when the patient refused', async () => {
    const { ctx, doctor, implant } = await signed('refused');
    expect(await reasonOf(markPerformed(ctx, doctor, implant.id))).toBe('consent-refused');
  });

  it('is refused again once the consent is voided', async () => {
    const { ctx, doctor, officer, consent, implant } = await signed();
    await voidConsent(ctx, officer, consent.id, '数量写错');
    expect(await reasonOf(markPerformed(ctx, doctor, implant.id))).toBe('consent-required');
  });

  it('a signed item cannot be edited; it can still be taken off the plan before it is performed', async () => {
    const { ctx, doctor, rootCanal } = await signed();
    expect(
      await reasonOf(updatePlannedItem(ctx, doctor, rootCanal.id, { ...because, quantity: 1 })),
    ).toBe('item-locked');
    expect((await cancelPlannedItem(ctx, doctor, rootCanal.id)).status).toBe('cancelled');
    expect(await reasonOf(markPerformed(ctx, doctor, rootCanal.id))).toBe('item-not-planned');
  });
});

describe('voiding and correcting a notice', () => {
  it('keeps the notice, records who and why, and the new version links to the old one', async () => {
    const { ctx, doctor, consent, visit, rootCanal, db } = await signed();
    const voided = await voidConsent(ctx, doctor, consent.id, '数量写错');
    expect(voided).toMatchObject({
      consentId: consent.id,
      reason: '数量写错',
      voidedBy: doctor.staffId,
    });
    expect(await reasonOf(voidConsent(ctx, doctor, consent.id, '再次'))).toBe('already-voided');
    expect(await reasonOf(voidConsent(ctx, doctor, consent.id, '  '))).toBe('void-reason-required');
    await updatePlannedItem(ctx, doctor, rootCanal.id, { ...because, quantity: 1 });
    const request = {
      visitId: visit.id,
      decision: 'agreed' as const,
      signer: { kind: 'patient' as const },
      previousId: consent.id,
    };
    const draft = await draftNotice(ctx, doctor, request);
    const second = await signConsent(ctx, doctor, {
      ...request,
      draftHash: draft.draftHash,
      signatures: bothSignatures(),
    });
    expect(second.content).toMatchObject({ version: 2, previous: { id: consent.id, version: 1 } });
    expect(second.content.lines[0]!.quantity).toBe(1);
    expect(await db.consents.get(consent.id)).toEqual(consent);
  });
});

describe('opening a notice re-checks it', () => {
  it('finds an untouched notice intact', async () => {
    const { ctx, officer, consent } = await signed();
    expect(await openConsent(ctx, officer, consent.id)).toMatchObject({
      intact: true,
      matchesAudit: true,
    });
  });

  it('detects a changed amount, even when the tamperer recomputed the stored hash', async () => {
    const { ctx, officer, consent, db } = await signed();
    const tampered = structuredClone(consent);
    tampered.content.lines[0]!.selfPayFen = 1;
    await db.consents.put(tampered);
    expect(await openConsent(ctx, officer, consent.id)).toMatchObject({ intact: false });
    const { consentHash } = await import('../../../shared/consents/consent');
    await db.consents.put({ ...tampered, contentHash: consentHash(tampered) });
    expect(await openConsent(ctx, officer, consent.id)).toMatchObject({
      intact: true,
      matchesAudit: false,
    });
  });

  it('a notice whose signing event a disposal wiped still opens untampered; a wiped event without its erasure proves nothing', async () => {
    const { ctx, officer, consent, db } = await signed();
    const [signing] = await db.auditEvents
      .where('entityId')
      .equals(consent.id)
      .filter((e) => e.action === 'sign')
      .toArray();
    const wiped = wipeAuditEvent(signing!)!;
    await db.auditEvents.put(wiped);
    // Wiped in the store by hand, with no erasure: the audit no longer vouches for the notice.
    expect(await openConsent(ctx, officer, consent.id)).toMatchObject({ matchesAudit: false });
    await db.erasures.put({
      key: rowClocksKey('auditEvents', wiped.id),
      table: 'auditEvents',
      entityId: wiped.id,
      hlc: wiped.hlc,
      data: { disposal: 'd-1' },
    });
    expect(await openConsent(ctx, officer, consent.id)).toMatchObject({
      intact: true,
      matchesAudit: true,
    });
  });

  it('a refused notice whose state is rewritten to signed in the store is caught, and cannot be billed', async () => {
    const { ctx, officer, doctor, desk, consent, implant, db, visit } = await signed('refused');
    await db.consents.put({ ...consent, status: 'signed' });
    expect(await openConsent(ctx, officer, consent.id)).toMatchObject({ intact: false });
    const error = await markBilled(ctx, desk, implant.id).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'consent-tampered', values: { item: '种植体植入' } });
    expect(await reasonOf(markPerformed(ctx, doctor, implant.id))).toBe('consent-tampered');
    // Lists show what the patient decided, not the rewritten field.
    const rows = await listConsents(db, officer, { from: visit.date, to: visit.date });
    expect(rows[0]!.state).toBe('refused');
  });

  it('a signed notice whose content no longer matches its hash cannot be performed or billed', async () => {
    const { ctx, doctor, desk, consent, rootCanal, db } = await signed();
    const tampered = structuredClone(consent);
    tampered.content.lines[0]!.quantity = 9;
    await db.consents.put(tampered);
    expect(await reasonOf(markBilled(ctx, desk, rootCanal.id))).toBe('consent-tampered');
    expect(await reasonOf(markPerformed(ctx, doctor, rootCanal.id))).toBe('consent-tampered');
  });

  it('a notice signed before its state was checked still verifies: its hash never covered the state field', async () => {
    const { ctx, officer, consent, db } = await signed('refused');
    const { consentHash } = await import('../../../shared/consents/consent');
    const stored = await db.consents.get(consent.id);
    // The hash as every earlier version computed it: content, strokes and time, nothing else.
    expect(stored!.contentHash).toBe(
      consentHash({
        content: consent.content,
        signatures: consent.signatures,
        signedAt: consent.signedAt,
      }),
    );
    expect(await openConsent(ctx, officer, consent.id)).toMatchObject({
      intact: true,
      matchesAudit: true,
    });
  });

  it('detects a changed signature stroke', async () => {
    const { ctx, officer, consent, db } = await signed();
    const tampered = structuredClone(consent);
    tampered.signatures.signer.strokes[0]![0] = 21;
    await db.consents.put(tampered);
    expect((await openConsent(ctx, officer, consent.id)).intact).toBe(false);
  });
});

describe('lists and the daily review', () => {
  it('lists by day and state with the signed self-pay total', async () => {
    const { ctx, db, doctor, consent } = await signed();
    const day = { from: '2026-11-22', to: '2026-11-22' };
    expect(consentTotals(await listConsents(db, doctor, day))).toMatchObject({
      count: 1,
      signed: 1,
      signedSelfPayFen: 684_810,
    });
    await voidConsent(ctx, doctor, consent.id, '数量写错');
    expect(await listConsents(db, doctor, { ...day, state: 'signed' })).toHaveLength(0);
    expect(
      consentTotals(await listConsents(db, doctor, { ...day, state: 'voided' })),
    ).toMatchObject({
      voided: 1,
      signedSelfPayFen: 0,
    });
    expect(await listConsents(db, doctor, { from: '2026-11-23', to: '2026-11-30' })).toHaveLength(
      0,
    );
  });

  it("shows the day's planned self-pay items that are still unsigned", async () => {
    const { db, officer, rootCanal, implant } = await planned();
    expect((await unsignedItemsOn(db, officer, '2026-11-22')).map((i) => i.id)).toEqual([
      rootCanal.id,
      implant.id,
    ]);
    const after = await signed();
    expect(await unsignedItemsOn(after.db, after.officer, '2026-11-22')).toEqual([]);
  });
});
