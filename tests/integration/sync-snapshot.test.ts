import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../shared/clock/clock';
import { newId } from '../../shared/ids';
import { createHubClient, HubRequestError, type HubClient } from '../../shared/sync/hub-client';
import { snapshotOrder, type SnapshotPart } from '../../shared/sync/snapshot-parts';
import { testBackends } from '../../server/hub/testing/backends';
import { startTestHub, type TestHub } from '../../server/hub/testing/test-hub';
import { ClinicDb } from '../../renderer/src/db/database';
import { registerPatient, searchPatients } from '../../renderer/src/db/patients';
import { completeSetup } from '../../renderer/src/db/setup';
import { withCheck, ZHANG_SAN } from '../../renderer/src/db/testing/patients';
import type { PatientInput } from '../../shared/patients/patient-input';
import { actorOf } from '../../renderer/src/db/staff';
import type { StoreContext } from '../../renderer/src/db/write';
import { CURSOR_KEY, type ApplyContext } from '../../renderer/src/sync/apply';
import { pairWithHub } from '../../renderer/src/sync/engine';
import { pullAll, pushOutbox } from '../../renderer/src/sync/exchange';
import { recomputeDerived } from '../../renderer/src/sync/recompute';
import { readInitialSync, syncDown, type InitialProgress } from '../../renderer/src/sync/snapshot';

type Workstation = { ctx: StoreContext; apply: ApplyContext; client: HubClient };

const clock = manualClock('2026-11-22T09:00:00+08:00');

const workstation = async (hub: TestHub, name: string, first = false): Promise<Workstation> => {
  const db = new ClinicDb(`snapshot-${newId()}`, { indexedDB, IDBKeyRange });
  const deviceId = `pc-${name}`;
  const ctx: StoreContext = { db, clock, deviceId };
  const { code } = await hub.hub.store.createPairingCode(first);
  const link = await pairWithHub(db, {
    url: hub.hub.url,
    code,
    deviceName: name,
    ...(first ? { clinicName: '康宁口腔诊所' } : {}),
  });
  const client = createHubClient({ url: link.url, token: link.token });
  return { ctx, apply: { db, clock, deviceId, recompute: recomputeDerived }, client };
};

/** Patient `n` of the test clinic: a man born in 19(60+n), with his own ID and phone numbers. */
const person = (name: string, n: number): PatientInput => ({
  ...ZHANG_SAN,
  name,
  birthDate: `19${60 + n}-03-07`,
  idNumber: withCheck(`11010519${60 + n}0307${String(100 + 2 * n + 1).slice(-3)}`),
  phone: `139${String(n).padStart(8, '0')}`,
  cardNumber: `A2${String(n).padStart(7, '0')}`,
});

/** The front desk of a clinic with 20 patients (each registration with its audit event). */
const clinicWithPatients = async (hub: TestHub) => {
  const desk = await workstation(hub, 'desk', true);
  const owner = await completeSetup(desk.ctx, {
    clinic: { name: '康宁口腔诊所', regionProvince: '44', regionCity: '深圳市' },
    owner: { username: 'lina', displayName: '李娜', password: 'Owner#2026' },
  });
  const names = ['张三', '李四', '王小明', '赵敏', '钱多多'];
  for (let i = 0; i < 20; i++) {
    clock.advance(1_000);
    await registerPatient(desk.ctx, actorOf(owner), person(`${names[i % names.length]}${i}`, i));
  }
  await pushOutbox(desk.ctx.db, desk.client);
  // Twice: the hub counts a device as holding the log up to the cursor it last asked from.
  await pullAll(desk.apply, desk.client);
  await pullAll(desk.apply, desk.client);
  return { desk, owner };
};

/** What a person could see: every synced table, without this device's bookkeeping. */
const contents = async (db: ClinicDb) => {
  const out: Record<string, unknown[]> = {};
  for (const table of ['staff', 'settings', 'patients', 'auditEvents'])
    out[table] = await db.table(table).orderBy(':id').toArray();
  return out;
};

/** A client whose snapshot downloads fail from the `failAt`-th on, as when the network drops. */
const flaky = (client: HubClient, failAt: number) => {
  const parts: string[] = [];
  let calls = 0;
  let manifest: Awaited<ReturnType<HubClient['snapshot']>> | undefined;
  const wrapped: HubClient = {
    ...client,
    snapshot: async () => (manifest = await client.snapshot()),
    segment: async (id) => {
      calls += 1;
      if (calls >= failAt) throw new HubRequestError(0, 'network', {});
      parts.push(manifest!.segments.find((s) => s.id === id)!.part);
      return client.segment(id);
    },
  };
  return { client: wrapped, parts, heal: () => (failAt = Infinity) };
};

describe.each(testBackends())('a new workstation joins through the $name hub', (backend) => {
  let hub: TestHub | undefined;
  afterEach(async () => {
    await hub?.dispose();
    hub = undefined;
  });

  it('takes the snapshot part by part, patients before history, resumes after a drop, and ends like the desk', async () => {
    hub = await startTestHub(backend, { clock });
    const { desk, owner } = await clinicWithPatients(hub);
    await hub.hub.store.maintain(true);
    // Compacted: the log's early bodies are gone, only the snapshot holds them.
    expect((await hub.hub.store.info()).horizon).toBeGreaterThan(0);
    // Written after the snapshot: this comes from the log's tail.
    clock.advance(60_000);
    await registerPatient(desk.ctx, actorOf(owner), person('孙悟空', 30));
    await pushOutbox(desk.ctx.db, desk.client);

    const chair = await workstation(hub, 'chair');
    const manifest = await chair.client.snapshot();
    const order = snapshotOrder(manifest.segments).map((s) => s.part);
    expect(order).toEqual(['setup', 'patients', 'history']);

    const progress: InitialProgress[] = [];
    const net = flaky(chair.client, 3);
    const first = await syncDown(chair.apply, net.client, {
      onProgress: (p) => progress.push(p),
    }).catch((error: unknown) => error);
    expect(first).toBeInstanceOf(HubRequestError);
    // The setup and the patients are in: search works while the history is still to come.
    expect(net.parts).toEqual(['setup', 'patients']);
    const halfway = await readInitialSync(chair.ctx.db);
    // (the clinic has no visits yet: that part is vacuously in)
    expect(halfway).toMatchObject({
      complete: false,
      partsDone: ['setup', 'patients', 'visits'],
    });
    expect(await chair.ctx.db.patients.count()).toBe(20);
    expect(await chair.ctx.db.auditEvents.count()).toBe(0);
    expect((await chair.ctx.db.syncState.get(CURSOR_KEY))?.value).toBe(0);
    expect((await searchPatients(chair.ctx.db, 'wxm')).map((p) => p.name).sort()).toEqual([
      '王小明12',
      '王小明17',
      '王小明2',
      '王小明7',
    ]);

    net.heal();
    let completed = false;
    await syncDown(chair.apply, net.client, {
      onProgress: (p) => progress.push(p),
      onComplete: () => (completed = true),
    });
    // Only what was missing was fetched again.
    expect(net.parts).toEqual(['setup', 'patients', 'history']);
    expect(completed).toBe(true);
    expect(await readInitialSync(chair.ctx.db)).toMatchObject({ complete: true });
    const last = progress.at(-1)!;
    expect(last.applied).toBe(last.total);
    expect(progress.every((p, i) => i === 0 || p.applied >= progress[i - 1]!.applied)).toBe(true);

    await pullAll(desk.apply, desk.client);
    expect(await contents(chair.ctx.db)).toEqual(await contents(desk.ctx.db));
    expect((await searchPatients(chair.ctx.db, 'swk'))[0]?.name).toBe('孙悟空');
    expect(await chair.ctx.db.syncIssues.count()).toBe(0);
  });

  it('a workstation away past the horizon takes the snapshot again and catches up', async () => {
    hub = await startTestHub(backend, { clock });
    const { desk, owner } = await clinicWithPatients(hub);
    const chair = await workstation(hub, 'chair');
    await syncDown(chair.apply, chair.client);
    expect(await readInitialSync(chair.ctx.db)).toMatchObject({ complete: true });

    // The chair PC stays off for six weeks; the desk works on, and the hub compacts its log.
    clock.advance(42 * 24 * 3600_000);
    await registerPatient(desk.ctx, actorOf(owner), person('周芷若', 31));
    await pushOutbox(desk.ctx.db, desk.client);
    await pullAll(desk.apply, desk.client);
    await pullAll(desk.apply, desk.client);
    await hub.hub.store.maintain(true);
    const cursor = (await chair.ctx.db.syncState.get(CURSOR_KEY))?.value as number;
    expect((await hub.hub.store.info()).horizon).toBeGreaterThan(cursor);

    const parts: SnapshotPart[] = [];
    await syncDown(chair.apply, chair.client, {
      onProgress: (p) => parts.push(...p.partsDone.filter((part) => !parts.includes(part))),
    });
    expect(await readInitialSync(chair.ctx.db)).toMatchObject({ complete: true });
    expect((await searchPatients(chair.ctx.db, 'zzr'))[0]?.name).toBe('周芷若');
    expect(await contents(chair.ctx.db)).toEqual(await contents(desk.ctx.db));
  });
});
