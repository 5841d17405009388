import { afterEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../server/hub/testing/backends';
import { startTestHub, type TestHub } from '../../server/hub/testing/test-hub';
import { registerPatient, updatePatient } from '../../renderer/src/db/patients';
import { completeSetup } from '../../renderer/src/db/setup';
import { actorOf, setStaffActive, updateStaffProfile } from '../../renderer/src/db/staff';
import { ZHANG_SAN } from '../../renderer/src/db/testing/patients';
import { putCatalogue, signImplant } from '../../renderer/src/db/testing/consents';
import { addTeam, putPatient } from '../../renderer/src/db/testing/visits';
import { checkIn } from '../../renderer/src/db/visits';
import { pullAll, pushOutbox } from '../../renderer/src/sync/exchange';
import { refoldRefused } from '../../renderer/src/sync/refused';
import { clock, workstation, type Workstation } from './workstations';

/** One exchange as the engine runs it: push, pull, then take back what the log refused. */
const sync = async (w: Workstation) => {
  await pushOutbox(w.ctx.db, w.client);
  await pullAll(w.apply, w.client);
  await refoldRefused(w.apply, w.client);
};

/** Every table a person sees, for comparing two PCs. */
const seen = async ({ ctx }: Workstation) => {
  const out: Record<string, unknown[]> = {};
  for (const table of ['staff', 'patients', 'visits', 'plannedItems', 'consents', 'auditEvents'])
    out[table] = await ctx.db.table(table).orderBy(':id').toArray();
  return out;
};

describe.each(testBackends())('permission verdicts through the $name hub', (backend) => {
  let hub: TestHub | undefined;
  afterEach(async () => {
    await hub?.dispose();
    hub = undefined;
  });

  it('a notice signed offline after the owner took the clinician role away is refused on every PC, the author’s too', async () => {
    hub = await startTestHub(backend);
    const desk = await workstation(hub, 'desk', true);
    const { owner } = await completeSetup(desk.ctx, {
      clinic: { name: '康宁口腔诊所', regionProvince: '44', regionCity: '深圳市' },
      owner: { username: 'lina', displayName: '李娜', password: 'Owner#2026' },
    });
    const team = await addTeam(desk.ctx, actorOf(owner));
    const doctor = actorOf(team.clinician);
    const items = await putCatalogue(desk.ctx, 'cat-2026', '2026-01-01');
    const patient = await putPatient(desk.ctx);
    const visit = await checkIn(desk.ctx, actorOf(team.desk), patient.id);
    const early = await registerPatient(desk.ctx, actorOf(team.desk), ZHANG_SAN);
    await pushOutbox(desk.ctx.db, desk.client);

    const chair = await workstation(hub, 'chair');
    await putCatalogue(chair.ctx, 'cat-2026', '2026-01-01');
    await putPatient(chair.ctx);
    await sync(chair);

    // The network is down at the chair. At the desk the owner makes 陈静 a pharmacist only, and
    // that reaches the clinic's log first; meanwhile at the chair she plans an implant and the
    // patient signs its notice, with her acting as the clinician the chair still knows.
    clock.advance(60_000);
    await updateStaffProfile(desk.ctx, actorOf(owner), team.clinician.id, {
      displayName: team.clinician.displayName,
      roles: ['pharmacist'],
    });
    await sync(desk);
    clock.advance(60_000);
    const consent = await signImplant({ ctx: chair.ctx, doctor, visit, items } as never);
    expect(await chair.ctx.db.consents.get(consent.id)).toBeDefined();
    await sync(chair);
    await sync(desk);

    for (const pc of [desk, chair]) {
      expect(await pc.ctx.db.consents.get(consent.id)).toBeUndefined();
      expect(await pc.ctx.db.plannedItems.where('visitId').equals(visit.id).count()).toBe(0);
      const issues = await pc.ctx.db.syncIssues.toArray();
      expect(issues.length).toBeGreaterThan(0);
      for (const issue of issues)
        expect(issue).toMatchObject({
          kind: 'quarantined',
          refusal: { reason: 'role-not-held', actorId: doctor.staffId, role: 'clinician' },
        });
      // What was done before the change of roles stands.
      expect(await pc.ctx.db.patients.get(early.id)).toBeDefined();
    }
    expect(await seen(chair)).toEqual(await seen(desk));

    // A person deactivated while a PC was offline: their later edit is refused, not lost.
    clock.advance(60_000);
    await setStaffActive(desk.ctx, actorOf(owner), team.desk.id, false, '离职');
    await sync(desk);
    clock.advance(60_000);
    await updatePatient(
      chair.ctx,
      actorOf(team.desk),
      early.id,
      { ...ZHANG_SAN, phone: '13900000000' },
      '',
    );
    await sync(chair);
    await sync(desk);
    for (const pc of [desk, chair]) {
      expect((await pc.ctx.db.patients.get(early.id))?.phone).toBe(ZHANG_SAN.phone);
      expect(
        (await pc.ctx.db.syncIssues.toArray()).filter(
          (issue) => issue.refusal?.reason === 'inactive-actor',
        ),
      ).toHaveLength(1);
    }
    expect(await seen(chair)).toEqual(await seen(desk));
  });
});
