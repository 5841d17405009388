import { afterEach, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../shared/clock/hlc';
import { testBackends } from '../../server/hub/testing/backends';
import { startTestHub, type TestHub } from '../../server/hub/testing/test-hub';
import { registerPatient, searchPatients, updatePatient } from '../../renderer/src/db/patients';
import { createHubClient } from '../../shared/sync/hub-client';
import { WIRE_SCHEMA_VERSION } from '../../shared/sync/protocol';
import { auditedDevice, disposalBy, erasureOf } from '../../server/hub/testing/audited-changes';
import { pairWithHub } from '../../renderer/src/sync/engine';
import { syncUp } from '../../renderer/src/sync/repush';
import { syncDown } from '../../renderer/src/sync/snapshot';
import { completeSetup } from '../../renderer/src/db/setup';
import { actorOf, addStaff, updateStaffProfile } from '../../renderer/src/db/staff';
import { refoldRefused } from '../../renderer/src/sync/refused';
import { withCheck, ZHANG_SAN } from '../../renderer/src/db/testing/patients';
import { rowClocksKey } from '../../renderer/src/db/write';
import { pullAll, pushOutbox } from '../../renderer/src/sync/exchange';
import { disposeOf } from '../../renderer/src/db/testing/disposal';
import { clock, workstation, type Workstation } from './workstations';

/** Everything a PC holds of one patient: the row, its clocks, its erasure, issues kept about it. */
const heldOf = async (ws: Workstation, id: string) => ({
  row: await ws.ctx.db.patients.get(id),
  clocks: await ws.ctx.db.rowClocks.get(rowClocksKey('patients', id)),
  erasure: (await ws.ctx.db.erasures.get(rowClocksKey('patients', id)))?.data,
  issues: await ws.ctx.db.syncIssues.filter((issue) => issue.entityId === id).count(),
});

/** The patient's row and clocks as a PC holds them, for comparing two PCs. */
const contentsOf = async (ws: Workstation, id: string) => {
  const { row, clocks } = await heldOf(ws, id);
  return { row, clocks };
};

const sync = async (ws: Workstation) => {
  await pushOutbox(ws.ctx.db, ws.client);
  await pullAll(ws.apply, ws.client);
};

describe.each(testBackends())('a retention disposal through the $name hub', (backend) => {
  let hub: TestHub | undefined;
  const rebuilt: TestHub[] = [];
  afterEach(async () => {
    await hub?.dispose();
    hub = undefined;
    for (const other of rebuilt.splice(0)) await other.dispose();
  });

  it.each([
    ['pushes its late edit first (the hub wipes it)', true],
    ['learns of the disposal first (its unsent edit is emptied)', false],
  ])(
    'removes the patient from every PC; back online, the PC that edited him offline %s',
    async (_how, pushFirst) => {
      hub = await startTestHub(backend, { clock });
      const desk = await workstation(hub, 'desk', true);
      const { owner } = await completeSetup(desk.ctx, {
        clinic: { name: '康宁口腔诊所', regionProvince: '44', regionCity: '深圳市' },
        owner: { username: 'lina', displayName: '李娜', password: 'Owner#2026' },
      });
      const lina = actorOf(owner);
      const zhang = await registerPatient(desk.ctx, lina, ZHANG_SAN);
      await sync(desk);
      const chair = await workstation(hub, 'chair');
      const office = await workstation(hub, 'office');
      await sync(chair);
      await sync(office);
      expect((await searchPatients(chair.ctx.db, lina, '张三')).map((p) => p.id)).toEqual([
        zhang.id,
      ]);

      // The desk is cut off and edits him; meanwhile the archive disposes of his record.
      clock.advance(60_000);
      await updatePatient(desk.ctx, lina, zhang.id, { ...ZHANG_SAN, phone: '13700000000' }, '');
      // The owner carries the disposal out on the office PC: its event and the erasure together.
      const disposal = await disposeOf(office.ctx, lina, 'patients', [zhang.id]);
      await sync(office);
      await sync(chair);
      const gone = {
        row: undefined,
        clocks: undefined,
        erasure: { disposal: 'd-1', auditEventId: disposal.id },
        issues: 0,
      };
      expect(await heldOf(chair, zhang.id)).toEqual(gone);

      // Back online, the desk pushes its late edit and learns of the disposal, in either order.
      clock.advance(60_000);
      if (pushFirst) await sync(desk);
      else {
        await pullAll(desk.apply, desk.client);
        expect(
          (await desk.ctx.db.outbox.filter((e) => e.entityId === zhang.id).toArray()).map(
            (e) => e.data,
          ),
        ).toEqual([null]);
        await sync(desk);
      }
      expect(await heldOf(desk, zhang.id)).toEqual(gone);
      expect(await desk.ctx.db.outbox.count()).toBe(0);
      // Neither the PC that had him nor one that pulls only now gets him back.
      await sync(chair);
      await sync(office);
      for (const ws of [desk, chair, office]) {
        expect(await heldOf(ws, zhang.id)).toEqual(gone);
        expect(await searchPatients(ws.ctx.db, lina, '张三')).toEqual([]);
      }
      // His edit reached the log without its content.
      const log = await office.client.pull(0, { limit: 1000, maxBytes: 8 * 1024 * 1024 });
      const his = log.changes.filter((e) => e.change.entityId === zhang.id);
      expect(his.map((e) => [e.change.op, e.erased ?? false])).toEqual([
        ['upsert', true],
        ['erase', false],
        ['upsert', true],
      ]);
    },
  );
  /** A clinic on `at`: the desk (its owner 李娜 set it up), a front desk account, 张三 and 李四. */
  const clinicOn = async (at: TestHub) => {
    const desk = await workstation(at, 'desk', true);
    const { owner } = await completeSetup(desk.ctx, {
      clinic: { name: '康宁口腔诊所', regionProvince: '44', regionCity: '深圳市' },
      owner: { username: 'lina', displayName: '李娜', password: 'Owner#2026' },
    });
    const lina = actorOf(owner);
    const zhao = await addStaff(desk.ctx, lina, {
      username: 'zhaomin',
      displayName: '赵敏',
      roles: ['front-desk'],
      password: 'Desk#2026zm',
    });
    const zhang = await registerPatient(desk.ctx, lina, ZHANG_SAN);
    const li = await registerPatient(desk.ctx, lina, {
      ...ZHANG_SAN,
      name: '李四',
      idNumber: withCheck('11010119900307425'),
      cardNumber: 'A10000002',
      phone: undefined,
    });
    await sync(desk);
    return { desk, lina, zhao, zhang, li };
  };
  const found = async (ws: Workstation, actor: ReturnType<typeof actorOf>, name: string) =>
    (await searchPatients(ws.ctx.db, actor, name)).map((p) => p.name);

  /** Pairing again with a rebuilt hub, and the exchange the engine then runs. */
  const rebuiltAs = (fresh: TestHub) => ({
    repair: async (ws: Workstation, name: string, first = false) => {
      const { code } = await fresh.hub.store.createPairingCode(first);
      const link = await pairWithHub(ws.ctx.db, {
        url: fresh.hub.url,
        code,
        deviceName: name,
        ...(first ? { clinicName: '康宁口腔诊所' } : {}),
      });
      ws.client = createHubClient({ url: link.url, token: link.token });
    },
    exchange: async (ws: Workstation) => {
      await syncUp(ws.apply, ws.client);
      await syncDown(ws.apply, ws.client);
      await refoldRefused(ws.apply, ws.client);
    },
  });

  it("refuses a front desk's erasure and one nobody answers for: the hub, every PC and a new PC keep the patient", async () => {
    hub = await startTestHub(backend, { clock });
    const { desk, lina, zhao, zhang } = await clinicOn(hub);
    const chair = await workstation(hub, 'chair');
    await sync(chair);

    // A front desk PC altered to dispose: the act is recorded in the front desk's role.
    clock.advance(60_000);
    const rogue = await hub.pairClient('前台二');
    const forged = auditedDevice(rogue.deviceId, { wall: clock.now() });
    const frontDesk = {
      actorId: zhao.id,
      actorName: zhao.displayName,
      role: 'front-desk' as const,
    };
    await rogue.push(forged.tx([erasureOf('patients', zhang.id)], disposalBy(frontDesk)));
    // A paired PC pushes a bare erasure, with no audit event.
    const bare = await hub.pairClient('档案室');
    await bare.push([
      {
        deviceSeq: 1,
        txId: 'tx-bare',
        txIndex: 0,
        txSize: 1,
        table: 'patients',
        entityId: zhang.id,
        op: 'erase',
        hlc: encodeHlc({ wall: clock.now(), counter: 0, node: bare.deviceId }),
        schemaVersion: WIRE_SCHEMA_VERSION,
        data: { disposal: 'd-2' },
      },
    ]);

    await sync(desk);
    await sync(chair);
    for (const ws of [desk, chair]) {
      const held = await heldOf(ws, zhang.id);
      expect(held.row?.name).toBe('张三');
      expect(held.erasure).toBeUndefined();
      expect(await found(ws, lina, '张三')).toEqual(['张三']);
      // Kept for the owner, in words: who tried what, and that nothing was erased.
      const issues = await ws.ctx.db.syncIssues.filter((i) => i.entityId === zhang.id).toArray();
      expect(issues.map((i) => [i.kind, i.refusal?.reason])).toEqual([
        ['quarantined', 'unauthorised-disposal'],
        ['quarantined', 'unauthorised-disposal'],
      ]);
    }
    // The hub wiped nothing of him.
    const log = await desk.client.pull(0, { limit: 1000, maxBytes: 8 * 1024 * 1024 });
    const his = log.changes.filter((e) => e.change.entityId === zhang.id);
    expect(his.map((e) => [e.change.op, e.erased ?? false, e.refused?.reason ?? null])).toEqual([
      ['upsert', false, null],
      ['erase', false, 'unauthorised-disposal'],
      ['erase', false, 'unauthorised-disposal'],
    ]);
    // A PC that joins now takes the snapshot, and has him.
    await hub.hub.store.maintain(true);
    const office = await workstation(hub, 'office');
    await syncDown(office.apply, office.client);
    expect((await heldOf(office, zhang.id)).row?.idNumber).toBe(ZHANG_SAN.idNumber);
    expect(await found(office, lina, '张三')).toEqual(['张三']);
  });

  it('a hub rebuilt from nothing takes the disposal back from the PC that holds it: the PCs that lagged lose the patient', async () => {
    const old = await startTestHub(backend, { clock });
    hub = old;
    const { desk, lina, zhang } = await clinicOn(old);
    const chair = await workstation(old, 'chair');
    const office = await workstation(old, 'office');
    await sync(chair);
    await sync(office);
    // Only the office hears of the disposal before the hub's folder is lost.
    clock.advance(60_000);
    const disposal = await disposeOf(office.ctx, lina, 'patients', [zhang.id]);
    await sync(office);

    const fresh = await startTestHub(backend, { clock });
    rebuilt.push(fresh);
    const { repair, exchange } = rebuiltAs(fresh);
    await repair(desk, 'desk', true);
    await repair(chair, 'chair');
    await repair(office, 'office');
    // The desk re-pushes him first; the office's erasure then wipes him; the chair's copy after
    // it is wiped on arrival.
    await exchange(desk);
    await exchange(office);
    await exchange(chair);
    await exchange(desk);
    await exchange(office);

    const log = await office.client.pull(0, { limit: 5000, maxBytes: 8 * 1024 * 1024 });
    const his = log.changes.filter((e) => e.change.entityId === zhang.id);
    expect(his.filter((e) => e.change.op === 'erase').map((e) => e.refused ?? null)).toEqual([
      null,
    ]);
    expect(his.filter((e) => e.change.op !== 'erase' && !e.erased)).toEqual([]);
    expect(his.filter((e) => e.change.op !== 'erase').length).toBeGreaterThan(0);
    // The disposal event reached the new hub once from the office, in the erasure's transaction.
    const event = log.changes.filter((e) => e.change.entityId === disposal.id);
    const erase = his.find((e) => e.change.op === 'erase')!;
    expect(event.map((e) => e.change.txId)).toEqual([erase.change.txId]);

    const late = await workstation(fresh, 'late');
    await fresh.hub.store.maintain(true);
    await exchange(late);
    const gone = {
      row: undefined,
      clocks: undefined,
      erasure: { disposal: 'd-1', auditEventId: disposal.id },
      issues: 0,
    };
    for (const ws of [desk, chair, office, late]) {
      expect(await heldOf(ws, zhang.id)).toEqual(gone);
      expect(await found(ws, lina, '李四')).toEqual(['李四']);
    }
  });
  it('takes back, on the PC that carried it out, a disposal refused because the officer had lost the role', async () => {
    hub = await startTestHub(backend, { clock });
    const { desk, lina, zhang } = await clinicOn(hub);
    const officer = await addStaff(desk.ctx, lina, {
      username: 'wangfang',
      displayName: '王芳',
      roles: ['insurance-officer'],
      password: 'Officer#2026',
    });
    await sync(desk);
    const office = await workstation(hub, 'office');
    await sync(office);
    // At the desk the owner makes 王芳 front desk only, and that reaches the clinic's log first;
    // meanwhile, offline at the office that still knows her as the officer, she disposes of 张三.
    clock.advance(60_000);
    await updateStaffProfile(desk.ctx, lina, officer.id, {
      displayName: officer.displayName,
      roles: ['front-desk'],
    });
    await sync(desk);
    await disposeOf(office.ctx, actorOf(officer), 'patients', [zhang.id]);
    expect((await heldOf(office, zhang.id)).row).toBeUndefined();

    // As the engine runs an exchange: push, pull, then take back what the log refused.
    await sync(office);
    await refoldRefused(office.apply, office.client);
    await sync(desk);
    for (const ws of [office, desk]) {
      const held = await heldOf(ws, zhang.id);
      expect([held.row?.name, held.erasure]).toEqual(['张三', undefined]);
      expect(await found(ws, lina, '张三')).toEqual(['张三']);
      const issues = await ws.ctx.db.syncIssues.filter((i) => i.entityId === zhang.id).toArray();
      expect(issues.map((i) => i.refusal?.reason)).toEqual(['role-not-held']);
    }
    expect(await contentsOf(office, zhang.id)).toEqual(await contentsOf(desk, zhang.id));
  });
  it("a rebuilt hub judges a re-pushed disposal by today's staff: refused, the PC that holds it keeps blocking the patient", async () => {
    const old = await startTestHub(backend, { clock });
    hub = old;
    const { desk, lina, zhang } = await clinicOn(old);
    const officer = await addStaff(desk.ctx, lina, {
      username: 'wangfang',
      displayName: '王芳',
      roles: ['insurance-officer'],
      password: 'Officer#2026',
    });
    await sync(desk);
    const office = await workstation(old, 'office');
    await sync(office);
    // The officer disposes of 张三, accepted; later the owner makes her front desk only. The
    // desk pushes that but has not pulled the disposal when the hub's folder is lost.
    clock.advance(60_000);
    await disposeOf(office.ctx, actorOf(officer), 'patients', [zhang.id]);
    await sync(office);
    clock.advance(60_000);
    await updateStaffProfile(desk.ctx, lina, officer.id, {
      displayName: officer.displayName,
      roles: ['front-desk'],
    });
    await pushOutbox(desk.ctx.db, desk.client);

    const fresh = await startTestHub(backend, { clock });
    rebuilt.push(fresh);
    const { repair, exchange } = rebuiltAs(fresh);
    await repair(desk, 'desk', true);
    await repair(office, 'office');
    await exchange(desk);
    await exchange(office);
    await exchange(desk);

    const log = await office.client.pull(0, { limit: 5000, maxBytes: 8 * 1024 * 1024 });
    const his = log.changes.filter((e) => e.change.entityId === zhang.id);
    expect(his.map((e) => [e.change.op, e.erased ?? false, e.refused?.reason ?? null])).toEqual([
      ['upsert', false, null],
      ['erase', false, 'role-not-held'],
    ]);
    // The office never takes back an erasure it did not just make: it still blocks him.
    const held = await heldOf(office, zhang.id);
    expect([held.row, held.erasure]).toEqual([
      undefined,
      { disposal: 'd-1', auditEventId: expect.any(String) },
    ]);
    expect(await found(office, lina, '张三')).toEqual([]);
    // The desk keeps him, and the refusal is shown to the owner.
    expect((await heldOf(desk, zhang.id)).row?.name).toBe('张三');
    const issues = await desk.ctx.db.syncIssues.filter((i) => i.entityId === zhang.id).toArray();
    expect(issues.map((i) => i.refusal?.reason)).toEqual(['role-not-held']);
  });
});
