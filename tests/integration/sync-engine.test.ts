import { afterEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../server/hub/testing/backends';
import { startTestHub, type TestHub } from '../../server/hub/testing/test-hub';
import { registerPatient, searchPatients, updatePatient } from '../../renderer/src/db/patients';
import { previewCheck } from '../../renderer/src/db/verifications';
import { mergePatients, survivingPatient } from '../../renderer/src/db/patient-merge';
import { voidConsent } from '../../renderer/src/db/consents';
import { cancelPlannedItem, markPerformed, planItem } from '../../renderer/src/db/planned-items';
import { completeSetup } from '../../renderer/src/db/setup';
import { ZHANG_SAN } from '../../renderer/src/db/testing/patients';
import { putCatalogue, signImplant } from '../../renderer/src/db/testing/consents';
import { addTeam, putPatient } from '../../renderer/src/db/testing/visits';
import { checkIn } from '../../renderer/src/db/visits';
import { readSetting, saveSetting } from '../../renderer/src/db/settings';
import { actorOf } from '../../renderer/src/db/staff';
import { pullAll, pushOutbox } from '../../renderer/src/sync/exchange';
import { clock, contents, workstation, type Workstation } from './workstations';

const zhangSan = ZHANG_SAN;

/** The clinic's first PC, paired as the hub's admin, with the owner set up on it. */
const deskWithOwner = async (hub: TestHub) => {
  const desk = await workstation(hub, 'desk', true);
  const { owner } = await completeSetup(desk.ctx, {
    clinic: { name: '康宁口腔诊所', regionProvince: '44', regionCity: '深圳市' },
    owner: { username: 'lina', displayName: '李娜', password: 'Owner#2026' },
  });
  return { desk, owner };
};

const sync = async (w: Workstation) => {
  await pushOutbox(w.ctx.db, w.client);
  await pullAll(w.apply, w.client);
};

describe.each(testBackends())('workstations sync through the $name hub', (backend) => {
  let hub: TestHub | undefined;
  afterEach(async () => {
    await hub?.dispose();
    hub = undefined;
  });

  it("a PC already in use joins: its patients and staff join the clinic, the clinic's settings win over its own", async () => {
    hub = await startTestHub(backend);
    const { desk, owner } = await deskWithOwner(hub);
    clock.advance(60_000);
    await saveSetting(desk.ctx, actorOf(owner), 'clinic', {
      name: '康宁口腔诊所（总店）',
      regionProvince: '44',
      regionCity: '深圳市',
    });
    await sync(desk);

    // A PC that ran on its own for a while: its own owner, a patient, settings changed later
    // than the clinic's (a newer stamp, which would win by itself).
    clock.advance(60_000);
    const branch = await workstation(hub, 'branch', false, async (ctx) => {
      const { owner: own } = await completeSetup(ctx, {
        clinic: { name: '王芳牙科', regionProvince: '11', regionCity: '北京市' },
        owner: { username: 'wangfang', displayName: '王芳', password: 'Branch#2026x' },
      });
      await registerPatient(ctx, actorOf(own), zhangSan);
      clock.advance(60_000);
      await saveSetting(ctx, actorOf(own), 'clinic', {
        name: '王芳牙科诊所',
        regionProvince: '11',
        regionCity: '北京市',
      });
      await saveSetting(ctx, actorOf(own), 'security', { lockMinutes: 15 });
    });
    await sync(branch);
    await sync(desk);
    await sync(branch);

    for (const pc of [desk, branch]) {
      expect(await readSetting(pc.ctx.db, 'clinic')).toMatchObject({
        name: '康宁口腔诊所（总店）',
      });
      expect(await readSetting(pc.ctx.db, 'security')).toEqual({ lockMinutes: 10 });
      expect((await pc.ctx.db.staff.orderBy('username').toArray()).map((s) => s.username)).toEqual([
        'lina',
        'wangfang',
      ]);
      expect((await pc.ctx.db.patients.toArray()).map((p) => p.name)).toEqual([zhangSan.name]);
      expect(await pc.ctx.db.syncIssues.count()).toBe(0);
    }
    expect(await contents(desk.ctx.db)).toEqual(await contents(branch.ctx.db));

    // Once joined, a change of the clinic's settings on that PC wins as any other would.
    clock.advance(60_000);
    await saveSetting(branch.ctx, actorOf((await branch.ctx.db.staff.get(owner.id))!), 'security', {
      lockMinutes: 5,
    });
    await sync(branch);
    await sync(desk);
    expect(await readSetting(desk.ctx.db, 'security')).toEqual({ lockMinutes: 5 });
  });

  it('offline on both PCs: a cancelled item also performed ends performed, and a notice voided twice keeps one void with the other as "also"', async () => {
    hub = await startTestHub(backend);
    const { desk, owner } = await deskWithOwner(hub);
    const team = await addTeam(desk.ctx, actorOf(owner));
    const doctor = actorOf(team.clinician);
    const items = await putCatalogue(desk.ctx, 'cat-2026', '2026-01-01');
    const patient = await putPatient(desk.ctx);
    const visit = await checkIn(desk.ctx, actorOf(team.desk), patient.id);
    const filling = await planItem(desk.ctx, doctor, {
      visitId: visit.id,
      catalogueItemId: items[0]!.id,
      quantity: 1,
    });
    const consent = await signImplant({ ctx: desk.ctx, doctor, visit, items } as never);
    await sync(desk);

    const chair = await workstation(hub, 'chair');
    // Written behind the write path on the desk (test fixtures): the chair gets its own copy.
    await putCatalogue(chair.ctx, 'cat-2026', '2026-01-01');
    await putPatient(chair.ctx);
    await sync(chair);
    expect(await chair.ctx.db.plannedItems.get(filling.id)).toMatchObject({ status: 'planned' });

    // The network is down. The desk takes the filling off the plan; the chair performs it.
    // Both void the implant's notice, for different reasons.
    clock.advance(60_000);
    await cancelPlannedItem(desk.ctx, doctor, filling.id);
    await voidConsent(desk.ctx, actorOf(owner), consent.id, '患者改期');
    clock.advance(1_000);
    await markPerformed(chair.ctx, doctor, filling.id);
    await voidConsent(chair.ctx, doctor, consent.id, '金额有误');
    await sync(chair);
    await sync(desk);
    await sync(chair);

    for (const { ctx } of [desk, chair]) {
      const item = await ctx.db.plannedItems.get(filling.id);
      expect(item).toMatchObject({ status: 'planned', performedBy: doctor.staffId });
      const voided = await ctx.db.consentVoids.get(consent.id);
      // The earliest void wins everywhere; the other is kept beside it, not lost.
      expect(voided).toMatchObject({ reason: '患者改期', voidedBy: owner.id });
      expect(voided?.also).toMatchObject([{ reason: '金额有误', voidedBy: doctor.staffId }]);
      expect(await ctx.db.syncIssues.count()).toBe(0);
    }
    for (const table of ['plannedItems', 'consentVoids', 'consents', 'visits'])
      expect(await desk.ctx.db.table(table).orderBy(':id').toArray()).toEqual(
        await chair.ctx.db.table(table).orderBy(':id').toArray(),
      );
  });

  it('the same ID number registered offline on two PCs: both flagged on both, then merged in opposite directions into one', async () => {
    hub = await startTestHub(backend);
    const { desk, owner } = await deskWithOwner(hub);
    const actor = actorOf(owner);
    await sync(desk);
    const chair = await workstation(hub, 'chair');
    await sync(chair);

    // Neither PC can see the other's registration: each check passes locally.
    const onDesk = await registerPatient(desk.ctx, actor, zhangSan);
    clock.advance(1_000);
    const onChair = await registerPatient(chair.ctx, actor, { ...zhangSan, phone: '13900001111' });
    await sync(desk);
    await sync(chair);
    await sync(desk);

    for (const { ctx } of [desk, chair]) {
      const both = await ctx.db.patients.where('idNumber').equals(zhangSan.idNumber).toArray();
      expect(both.map((p) => p.id).sort()).toEqual([onDesk.id, onChair.id].sort());
      const preview = await previewCheck(ctx, actor, both[0]!, {});
      expect(preview.flags).toContain('id-number-shared');
    }

    // Still offline from each other, the owner merges them on both PCs, in opposite directions.
    clock.advance(60_000);
    await mergePatients(desk.ctx, actor, {
      keepId: onDesk.id,
      mergeId: onChair.id,
      reason: '重复登记',
    });
    await mergePatients(chair.ctx, actor, {
      keepId: onChair.id,
      mergeId: onDesk.id,
      reason: '同一人',
    });
    await sync(desk);
    await sync(chair);
    await sync(desk);

    // Both pointers stand on both PCs; the loop resolves to the lower id, the same everywhere.
    const lower = [onDesk.id, onChair.id].sort()[0]!;
    for (const { ctx } of [desk, chair]) {
      for (const id of [onDesk.id, onChair.id]) {
        const row = (await ctx.db.patients.get(id))!;
        expect((await survivingPatient(ctx.db, row)).id).toBe(lower);
      }
      expect((await searchPatients(ctx.db, actor, 'zs')).map((p) => p.id)).toEqual([lower]);
      const survivor = (await ctx.db.patients.get(lower))!;
      expect((await previewCheck(ctx, actor, survivor, {})).flags).not.toContain(
        'id-number-shared',
      );
      expect(await ctx.db.syncIssues.count()).toBe(0);
    }
  });

  it('a patient registered on one PC is found by pinyin on the other; offline edits merge the same on both', async () => {
    hub = await startTestHub(backend);
    const { desk, owner } = await deskWithOwner(hub);
    const actor = actorOf(owner);
    const patient = await registerPatient(desk.ctx, actor, zhangSan);
    await sync(desk);
    expect(await desk.ctx.db.outbox.count()).toBe(0);

    const chair = await workstation(hub, 'chair');
    await sync(chair);
    expect((await chair.ctx.db.staff.get(owner.id))?.username).toBe('lina');
    const found = await searchPatients(chair.ctx.db, actor, 'zs');
    expect(found.map((p) => p.id)).toContain(patient.id);

    // Offline: the desk corrects the phone, the chair the name (an identity change, with reason).
    clock.advance(60_000);
    await updatePatient(desk.ctx, actor, patient.id, { ...zhangSan, phone: '13900002222' }, '');
    clock.advance(1_000);
    await updatePatient(
      chair.ctx,
      actor,
      patient.id,
      { ...zhangSan, name: '张叁' },
      '身份证上的名字是叁',
    );
    await sync(desk);
    await sync(chair);
    await sync(desk);

    const onDesk = await desk.ctx.db.patients.get(patient.id);
    expect(onDesk).toMatchObject({ name: '张叁', phone: '13900002222' });
    expect(await contents(desk.ctx.db)).toEqual(await contents(chair.ctx.db));
    expect((await searchPatients(desk.ctx.db, actor, 'zs')).map((p) => p.id)).toContain(patient.id);
    expect(await desk.ctx.db.syncIssues.count()).toBe(0);
    expect(await chair.ctx.db.syncIssues.count()).toBe(0);
  });
});
