import { afterEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../server/hub/testing/backends';
import { startTestHub, type TestHub } from '../../server/hub/testing/test-hub';
import { registerPatient, searchPatients, updatePatient } from '../../renderer/src/db/patients';
import { previewCheck } from '../../renderer/src/db/verifications';
import { voidConsent } from '../../renderer/src/db/consents';
import { cancelPlannedItem, markPerformed, planItem } from '../../renderer/src/db/planned-items';
import { completeSetup } from '../../renderer/src/db/setup';
import { ZHANG_SAN } from '../../renderer/src/db/testing/patients';
import { putCatalogue, signImplant } from '../../renderer/src/db/testing/consents';
import { addTeam, putPatient } from '../../renderer/src/db/testing/visits';
import { checkIn } from '../../renderer/src/db/visits';
import { actorOf } from '../../renderer/src/db/staff';
import { pullAll, pushOutbox } from '../../renderer/src/sync/exchange';
import { clock, contents, workstation, type Workstation } from './workstations';

const zhangSan = ZHANG_SAN;

/** The clinic's first PC, paired as the hub's admin, with the owner set up on it. */
const deskWithOwner = async (hub: TestHub) => {
  const desk = await workstation(hub, 'desk', true);
  const owner = await completeSetup(desk.ctx, {
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

  it('the same ID number registered offline on two PCs: both records stay, flagged at check-in on both', async () => {
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
      const preview = await previewCheck(ctx, both[0]!, {});
      expect(preview.flags).toContain('id-number-shared');
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
    const found = await searchPatients(chair.ctx.db, 'zs');
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
    expect((await searchPatients(desk.ctx.db, 'zs')).map((p) => p.id)).toContain(patient.id);
    expect(await desk.ctx.db.syncIssues.count()).toBe(0);
    expect(await chair.ctx.db.syncIssues.count()).toBe(0);
  });
});
