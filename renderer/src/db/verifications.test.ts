import { describe, expect, it } from 'vitest';
import { PermissionError } from '../../../shared/auth/permissions';
import { verificationSchema } from '../../../shared/visits/verification';
import { setStaffActive, actorOf, updateStaffProfile } from './staff';
import { OWNER_PASSWORD, storeWithOwner, reasonOf } from './testing/store';
import { addTeam, putPatient, STAFF_PASSWORD, ZHANG } from './testing/visits';
import { dailyReview, markReviewed } from './verification-reviews';
import { recordVerification, reconfirm, type CheckInInput } from './verifications';
import { byTime, checkIn } from './visits';

const clinic = async () => {
  const store = await storeWithOwner();
  const team = await addTeam(store.ctx, store.ownerActor);
  const patient = await putPatient(store.ctx);
  const desk = actorOf(team.desk);
  const visit = await checkIn(store.ctx, desk, patient.id);
  return { ...store, ...team, patient, desk, visit };
};

/** Everything checks out: the patient's own ID, own card, and the face matches the photo. */
const allGood = (visitId: string): CheckInInput => ({
  visitId,
  documentPresented: true,
  documentNumber: ZHANG.idNumber,
  cardMethod: 'reader',
  cardNumber: ZHANG.cardNumber,
  personConfirmed: true,
  outcome: 'verified',
});

describe('the front desk verification (证、卡、人)', () => {
  it('records a clean check as verified, the visit verified and settled through the insurance', async () => {
    const { ctx, desk, visit, db } = await clinic();
    const check = await recordVerification(ctx, desk, allGood(visit.id));
    expect(check).toMatchObject({
      stage: 'check-in',
      outcome: 'verified',
      documentMatches: true,
      cardMatches: true,
      cardMethod: 'reader',
      photoShown: true,
      flags: [],
      by: desk.staffId,
    });
    expect(verificationSchema.safeParse(check).success).toBe(true);
    expect(await db.visits.get(visit.id)).toMatchObject({
      status: 'verified',
      settlement: 'insurance',
    });
    const audit = await db.auditEvents.filter((event) => event.entity === 'verification').toArray();
    expect(audit).toMatchObject([{ action: 'create', entityId: check.id, summary: '张秀英' }]);
  });

  it('offline, eligibility is recorded as not checked online and to be re-checked', async () => {
    const { ctx, desk, visit } = await clinic();
    const check = await recordVerification(ctx, desk, allGood(visit.id));
    expect(check.eligibility).toEqual({ status: 'unknown', online: false, recheckNeeded: true });
  });

  it('a number typed with spaces, lower case or in its 15-digit form still matches', async () => {
    const { ctx, desk, visit } = await clinic();
    const check = await recordVerification(ctx, desk, {
      ...allGood(visit.id),
      documentNumber: ' 110105 19491231 002x ',
      cardNumber: 'g4403 0012 345678',
      cardMethod: 'typed',
    });
    expect(check).toMatchObject({ documentMatches: true, cardMatches: true, flags: [] });
  });

  it('keeps the raw text of a scanned QR code', async () => {
    const { ctx, desk, visit } = await clinic();
    const raw = `{"cardNo":"${ZHANG.cardNumber}"}`;
    const check = await recordVerification(ctx, desk, {
      ...allGood(visit.id),
      cardMethod: 'qr',
      rawScan: raw,
    });
    expect(check).toMatchObject({ cardMethod: 'qr', rawScan: raw, cardMatches: true });
  });

  it('a card method with nothing read is recorded as no card', async () => {
    const { ctx, desk, visit } = await clinic();
    const check = await recordVerification(ctx, desk, {
      ...allGood(visit.id),
      cardMethod: 'typed',
      cardNumber: '  ',
      outcome: 'failed',
      reason: '未带医保卡',
    });
    expect(check.cardMethod).toBe('none');
    expect(check).not.toHaveProperty('cardNumberPresented');
  });

  it('refuses "verified" while a part does not check out, and says so', async () => {
    const { ctx, desk, visit } = await clinic();
    for (const input of [
      { ...allGood(visit.id), personConfirmed: false },
      { ...allGood(visit.id), documentPresented: false },
      { ...allGood(visit.id), documentNumber: undefined },
      { ...allGood(visit.id), cardNumber: 'G44030099999999' },
      { ...allGood(visit.id), cardMethod: 'none' as const },
    ]) {
      expect(await reasonOf(recordVerification(ctx, desk, input))).toBe('cannot-verify');
    }
  });

  it('a clinician cannot record the front desk check', async () => {
    const { ctx, clinician, visit } = await clinic();
    await expect(
      recordVerification(ctx, actorOf(clinician), allGood(visit.id)),
    ).rejects.toThrowError(PermissionError);
  });
});

describe('flags stored with the verification', () => {
  it('an ID number registered under another patient', async () => {
    const { ctx, desk, visit } = await clinic();
    await putPatient(ctx, { id: 'p-twin', name: '张小英', cardNumber: 'G44030000000001' });
    const check = await recordVerification(ctx, desk, allGood(visit.id));
    expect(check.flags).toEqual(['id-number-shared']);
  });

  it("a card that is someone else's, and not the one on file", async () => {
    const { ctx, desk, visit } = await clinic();
    await putPatient(ctx, {
      id: 'p-card-owner',
      name: '李四',
      idNumber: '110105194912310011',
      sex: 'male',
      cardNumber: 'G44030055555555',
    });
    const check = await recordVerification(ctx, desk, {
      ...allGood(visit.id),
      cardNumber: 'G44030055555555',
      outcome: 'failed',
      reason: '出示的医保卡属于他人',
    });
    expect(check.flags).toEqual(['card-number-shared', 'card-mismatch']);
    expect(check.cardMatches).toBe(false);
  });

  it('a sex that contradicts the ID number, and no photo on file', async () => {
    const { ctx, desk } = await clinic();
    const odd = await putPatient(ctx, {
      id: 'p-odd',
      idNumber: '110105194912310046',
      cardNumber: undefined,
      sex: 'male',
      photoId: undefined,
    });
    const visit = await checkIn(ctx, desk, odd.id);
    const check = await recordVerification(ctx, desk, {
      ...allGood(visit.id),
      documentNumber: odd.idNumber,
      // No card on file to compare with: the card shown is recorded, not judged.
      cardNumber: 'G44030000000046',
      cardMethod: 'typed',
    });
    expect(check.flags).toEqual(['sex-contradicts-id', 'no-photo']);
    expect(check).not.toHaveProperty('cardMatches');
    expect(check.photoShown).toBe(false);
  });

  it('a third attempt after two failures within 30 days', async () => {
    const { ctx, desk, visit, clock } = await clinic();
    const fail = { ...allGood(visit.id), outcome: 'failed' as const, reason: '人证不符' };
    expect((await recordVerification(ctx, desk, fail)).flags).toEqual([]);
    clock.advance(60_000);
    expect((await recordVerification(ctx, desk, fail)).flags).toEqual([]);
    clock.advance(60_000);
    expect((await recordVerification(ctx, desk, fail)).flags).toEqual(['repeated-failures']);
  });
});

describe('a failed verification does not block care (PRODUCT §1.6)', () => {
  it('needs a reason', async () => {
    const { ctx, desk, visit } = await clinic();
    const failed = { ...allGood(visit.id), outcome: 'failed' as const };
    expect(await reasonOf(recordVerification(ctx, desk, failed))).toBe('check-reason-required');
    expect(await reasonOf(recordVerification(ctx, desk, { ...failed, reason: '   ' }))).toBe(
      'check-reason-required',
    );
  });

  it('turns the visit to self-pay with the reason, in the audit log too', async () => {
    const { ctx, desk, visit, db } = await clinic();
    await recordVerification(ctx, desk, {
      ...allGood(visit.id),
      cardMethod: 'none',
      cardNumber: undefined,
      outcome: 'failed',
      reason: '未带医保卡',
    });
    expect(await db.visits.get(visit.id)).toMatchObject({
      status: 'failed',
      settlement: 'self-pay',
      selfPayCause: 'verification-failed',
      selfPayReason: '未带医保卡',
    });
    const change = (await db.auditEvents.where('entityId').equals(visit.id).sortBy('seq')).at(-1);
    expect(change).toMatchObject({ action: 'update', reason: '未带医保卡' });
    expect(change?.changes).toContainEqual({
      field: 'settlement',
      from: 'insurance',
      to: 'self-pay',
    });
  });
});

describe("an override with the officer's own login", () => {
  const override = (visitId: string, username: string, password: string): CheckInInput => ({
    ...allGood(visitId),
    cardMethod: 'none',
    cardNumber: undefined,
    outcome: 'overridden',
    reason: '老患者，医保卡在家属处，已电话核实',
    override: { username, password },
  });

  it('a wrong password is refused and counted like a failed login', async () => {
    const { ctx, desk, visit, db } = await clinic();
    expect(await reasonOf(recordVerification(ctx, desk, override(visit.id, 'zhaomin', 'x')))).toBe(
      'override-credentials',
    );
    expect(await db.auditEvents.filter((event) => event.action === 'login-failed').count()).toBe(1);
    expect(await db.verifications.count()).toBe(0);
  });

  it('is refused after repeated wrong passwords, even with the right one', async () => {
    const { ctx, desk, visit } = await clinic();
    for (let i = 0; i < 3; i++)
      await reasonOf(recordVerification(ctx, desk, override(visit.id, 'zhaomin', 'wrong')));
    expect(
      await reasonOf(
        recordVerification(ctx, desk, override(visit.id, 'zhaomin', STAFF_PASSWORD.officer)),
      ),
    ).toBe('override-throttled');
  });

  it("the front desk's or a clinician's own login cannot override", async () => {
    const { ctx, desk, visit } = await clinic();
    expect(
      await reasonOf(
        recordVerification(ctx, desk, override(visit.id, 'wangfang', STAFF_PASSWORD.desk)),
      ),
    ).toBe('override-role');
    expect(
      await reasonOf(
        recordVerification(ctx, desk, override(visit.id, 'chenjing', STAFF_PASSWORD.clinician)),
      ),
    ).toBe('override-role');
  });

  it('a deactivated officer cannot override', async () => {
    const { ctx, desk, visit, officer, ownerActor } = await clinic();
    await setStaffActive(ctx, ownerActor, officer.id, false, '离职');
    expect(
      await reasonOf(
        recordVerification(ctx, desk, override(visit.id, 'zhaomin', STAFF_PASSWORD.officer)),
      ),
    ).toBe('override-role');
  });

  it('needs a reason too', async () => {
    const { ctx, desk, visit } = await clinic();
    const input = { ...override(visit.id, 'zhaomin', STAFF_PASSWORD.officer), reason: '' };
    expect(await reasonOf(recordVerification(ctx, desk, input))).toBe('check-reason-required');
  });

  it("the officer's or the owner's login releases the visit, and is recorded", async () => {
    const { ctx, desk, visit, officer, owner, db } = await clinic();
    await recordVerification(ctx, desk, {
      ...allGood(visit.id),
      cardMethod: 'none',
      cardNumber: undefined,
      outcome: 'failed',
      reason: '未带医保卡',
    });
    const check = await recordVerification(
      ctx,
      desk,
      override(visit.id, ' ZhaoMin ', STAFF_PASSWORD.officer),
    );
    expect(check).toMatchObject({
      outcome: 'overridden',
      overriddenBy: officer.id,
      by: desk.staffId,
    });
    expect(await db.visits.get(visit.id)).toMatchObject({
      status: 'overridden',
      settlement: 'insurance',
    });
    expect((await db.visits.get(visit.id))?.selfPayReason).toBeUndefined();
    const byOwner = await recordVerification(ctx, desk, override(visit.id, 'lina', OWNER_PASSWORD));
    expect(byOwner.overriddenBy).toBe(owner.id);
    // Checking the officer's password is not a login: no session starts for them.
    expect(await db.auditEvents.filter((event) => event.action === 'login').count()).toBe(0);
  });
});

describe('re-confirmation before treatment and at dispensing (PRODUCT §1.5)', () => {
  it("records the clinician's and the pharmacist's re-check, each with its optional note", async () => {
    const { ctx, visit, clinician, db } = await clinic();
    const doctor = actorOf(clinician);
    await reconfirm(ctx, doctor, visit.id, 'clinician');
    await reconfirm(ctx, doctor, visit.id, 'pharmacist', '  取药时核对本人  ');
    const checks = (await db.verifications.where('visitId').equals(visit.id).toArray()).sort(
      byTime,
    );
    expect(checks).toMatchObject([
      { stage: 'clinician', by: clinician.id, personConfirmed: true, outcome: 'verified' },
      { stage: 'pharmacist', note: '取药时核对本人' },
    ]);
    expect(checks[0]).not.toHaveProperty('note');
  });

  it('the front desk cannot re-confirm in the clinician’s name', async () => {
    const { ctx, desk, visit } = await clinic();
    await expect(reconfirm(ctx, desk, visit.id, 'clinician')).rejects.toThrowError(PermissionError);
  });

  it('the front desk who is also given the pharmacist role does the dispensing check, as pharmacist', async () => {
    const { ctx, ownerActor, desk: deskActor, visit, db } = await clinic();
    const deskId = deskActor.staffId;
    await expect(reconfirm(ctx, deskActor, visit.id, 'pharmacist')).rejects.toThrowError(
      PermissionError,
    );
    const dispenser = await updateStaffProfile(ctx, ownerActor, deskId, {
      displayName: '王芳',
      roles: ['front-desk', 'pharmacist'],
    });
    await reconfirm(ctx, actorOf(dispenser), visit.id, 'pharmacist');
    // Still not the clinician's check: the pharmacist role does not give that.
    await expect(reconfirm(ctx, actorOf(dispenser), visit.id, 'clinician')).rejects.toThrowError(
      PermissionError,
    );
    const events = await db.auditEvents
      .filter((event) => event.entity === 'verification')
      .toArray();
    expect(events.filter((e) => e.actorId === deskId).map((e) => e.role)).toEqual(['pharmacist']);
  });

  it('an owner who is also the dentist re-checks as the clinician, and is recorded as such', async () => {
    const { ctx, owner, ownerActor, visit, db } = await clinic();
    const dentist = await updateStaffProfile(ctx, ownerActor, owner.id, {
      displayName: owner.displayName,
      roles: ['owner', 'clinician'],
    });
    await reconfirm(ctx, actorOf(dentist), visit.id, 'clinician');
    const check = await db.auditEvents
      .filter((event) => event.entity === 'verification')
      .filter((e) => e.actorId === owner.id)
      .first();
    expect(check?.role).toBe('clinician');
  });
});

describe("the insurance officer's daily review (PRODUCT §7.4)", () => {
  it('lists the failures, overrides and flagged checks of the day, reviewed or not', async () => {
    const { ctx, desk, visit, officer, db, patient } = await clinic();
    const clean = await recordVerification(ctx, desk, allGood(visit.id));
    const failed = await recordVerification(ctx, desk, {
      ...allGood(visit.id),
      outcome: 'failed',
      reason: '人证不符',
    });
    const noPhoto = await putPatient(ctx, {
      id: 'p-nophoto',
      idNumber: '110105194912310046',
      cardNumber: 'G44030000000048',
      photoId: undefined,
    });
    const second = await checkIn(ctx, desk, noPhoto.id);
    const flagged = await recordVerification(ctx, desk, {
      ...allGood(second.id),
      documentNumber: noPhoto.idNumber,
      cardNumber: noPhoto.cardNumber,
    });
    const overridden = await recordVerification(ctx, desk, {
      ...allGood(second.id),
      outcome: 'overridden',
      reason: '负责人认识本人',
      override: { username: 'zhaomin', password: STAFF_PASSWORD.officer },
    });

    const items = await dailyReview(db, actorOf(officer), '2026-11-22');
    expect(items.map((i) => i.check.id)).toEqual([failed.id, flagged.id, overridden.id]);
    expect(items.map((i) => i.check.id)).not.toContain(clean.id);
    expect(items[0]?.patient?.name).toBe(patient.name);
    expect(items.every((i) => i.review === undefined)).toBe(true);

    const officerActor = actorOf(officer);
    await markReviewed(ctx, officerActor, failed.id);
    const after = await dailyReview(db, actorOf(officer), '2026-11-22');
    expect(after[0]?.review).toMatchObject({ reviewedBy: officer.id });
    expect(after[1]?.review).toBeUndefined();
    expect(await reasonOf(markReviewed(ctx, officerActor, failed.id))).toBe('already-reviewed');
    const event = await db.auditEvents.filter((event) => event.action === 'review').first();
    expect(event).toMatchObject({ entity: 'verification', entityId: failed.id });
  });

  it('the front desk cannot mark checks reviewed', async () => {
    const { ctx, desk, visit } = await clinic();
    const failed = await recordVerification(ctx, desk, {
      ...allGood(visit.id),
      outcome: 'failed',
      reason: '人证不符',
    });
    await expect(markReviewed(ctx, desk, failed.id)).rejects.toThrowError(PermissionError);
  });
});

describe('the daily review is read by its reviewers', () => {
  it('the front desk and the clinician are refused it; the officer reads it', async () => {
    const { ctx, db, desk, visit, officer, clinician } = await clinic();
    await recordVerification(ctx, desk, {
      visitId: visit.id,
      documentPresented: false,
      cardMethod: 'none',
      personConfirmed: false,
      outcome: 'failed',
      reason: '未带身份证',
    });
    for (const reader of [desk, actorOf(clinician)])
      await expect(dailyReview(db, reader, '2026-11-22')).rejects.toBeInstanceOf(PermissionError);
    expect(await dailyReview(db, actorOf(officer), '2026-11-22')).toHaveLength(1);
  });
});
