import Database from 'better-sqlite3';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { createHubClient, HubRequestError, type HubClient } from '../../shared/sync/hub-client';
import { snapshotOrder, snapshotPartOf, type SnapshotPart } from '../../shared/sync/snapshot-parts';
import { testBackends } from '../../server/hub/testing/backends';
import { startTestHub, type TestHub } from '../../server/hub/testing/test-hub';
import { startHub } from '../../server/hub/hub';
import { SQLITE_FILE } from '../../server/hub/hub-db';
import { ClinicDb } from '../../renderer/src/db/database';
import { registerPatient, searchPatients, updatePatient } from '../../renderer/src/db/patients';
import { completeSetup } from '../../renderer/src/db/setup';
import { withCheck, ZHANG_SAN } from '../../renderer/src/db/testing/patients';
import type { PatientInput } from '../../shared/patients/patient-input';
import { actorOf } from '../../renderer/src/db/staff';
import { CURSOR_KEY } from '../../renderer/src/sync/apply';
import { pairWithHub } from '../../renderer/src/sync/engine';
import { pullAll, pushOutbox } from '../../renderer/src/sync/exchange';
import { recomputeDerived } from '../../renderer/src/sync/recompute';
import { syncUp } from '../../renderer/src/sync/repush';
import { readInitialSync } from '../../renderer/src/sync/initial-state';
import {
  segmentKey,
  snapshotBatches,
  syncDown,
  type InitialProgress,
  type SnapshotBatch,
} from '../../renderer/src/sync/snapshot';
import { clock, contents, workstation, type Workstation } from './workstations';

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
  const { owner } = await completeSetup(desk.ctx, {
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
    expect(
      (await searchPatients(chair.ctx.db, actorOf(owner), 'wxm')).map((p) => p.name).sort(),
    ).toEqual(['王小明12', '王小明17', '王小明2', '王小明7']);

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
    expect((await searchPatients(chair.ctx.db, actorOf(owner), 'swk'))[0]?.name).toBe('孙悟空');
    expect(await chair.ctx.db.syncIssues.count()).toBe(0);
  });

  it('a snapshot cut in many small segments comes down in batches that run across them, and resumes inside one', async () => {
    // A hub that cut its snapshot often, as one does while a clinic's data arrive: a few lines a segment.
    hub = await startTestHub(backend, {
      clock,
      maintenance: { segmentMinEntries: 4, segmentMaxEntries: 8, activeDeviceMs: 30 * 86_400_000 },
    });
    const { desk, owner } = await clinicWithPatients(hub);
    await hub.hub.store.maintain(true);
    const chair = await workstation(hub, 'chair');
    const todo = snapshotOrder((await chair.client.snapshot()).segments);
    expect(todo.filter((s) => s.part === 'patients').length).toBeGreaterThan(3);

    const batches: SnapshotBatch[] = [];
    for await (const batch of snapshotBatches(chair.client, todo, undefined, 5))
      batches.push(batch);
    const seqs = batches.flatMap((b) => b.entries.map((e) => e.seq));
    expect(seqs).toHaveLength(todo.reduce((sum, s) => sum + s.entries, 0));
    expect(new Set(seqs).size).toBe(seqs.length);
    // Every segment is done once, in order; a batch holds one part only, and is full unless
    // that part ends with it (then nothing is left in flight: no `current`).
    expect(batches.flatMap((b) => b.done)).toEqual(todo.map(segmentKey));
    for (const batch of batches) {
      expect(new Set(batch.entries.map((e) => snapshotPartOf(e.change.table))).size).toBeLessThan(
        2,
      );
      if (batch.current) expect(batch.entries).toHaveLength(5);
    }
    // Fewer transactions than segments: 20 patients in 4 batches, not one per segment.
    const patientBatches = batches.filter((b) =>
      b.entries.some((e) => e.change.table === 'patients'),
    );
    expect(patientBatches).toHaveLength(4);

    // Interrupted after a batch that finished one segment and stopped inside the next: it goes on
    // from the line after, and brings every later line once.
    const at = batches.findIndex((b) => b.current && b.done.length > 0);
    expect(at).toBeGreaterThanOrEqual(0);
    const doneBefore = new Set(batches.slice(0, at + 1).flatMap((b) => b.done));
    const rest: number[] = [];
    for await (const batch of snapshotBatches(
      chair.client,
      todo.filter((s) => !doneBefore.has(segmentKey(s))),
      batches[at]!.current,
      5,
    ))
      rest.push(...batch.entries.map((e) => e.seq));
    expect(rest).toEqual(batches.slice(at + 1).flatMap((b) => b.entries.map((e) => e.seq)));

    // The engine itself: the network drops in the middle of the patients, then comes back.
    const net = flaky(chair.client, 4);
    await expect(syncDown(chair.apply, net.client)).rejects.toBeInstanceOf(HubRequestError);
    expect((await readInitialSync(chair.ctx.db)).partsDone).not.toContain('patients');
    net.heal();
    await syncDown(chair.apply, net.client);
    await pullAll(desk.apply, desk.client);
    expect(await contents(chair.ctx.db)).toEqual(await contents(desk.ctx.db));
    expect((await searchPatients(chair.ctx.db, actorOf(owner), 'wxm')).length).toBe(4);
    expect(await chair.ctx.db.syncIssues.count()).toBe(0);
  });

  it('a patient edited fifteen times reaches a new workstation as his current record, not as fifteen edits', async () => {
    hub = await startTestHub(backend, { clock });
    const { desk, owner } = await clinicWithPatients(hub);
    const patient = (await desk.ctx.db.patients.orderBy(':id').first())!;
    const input = { ...person(patient.name, 0), name: patient.name };
    for (let i = 0; i < 15; i++) {
      clock.advance(1_000);
      const phone = `1370000${String(i).padStart(4, '0')}`;
      await updatePatient(desk.ctx, actorOf(owner), patient.id, { ...input, phone }, '电话更正');
    }
    await pushOutbox(desk.ctx.db, desk.client);
    await pullAll(desk.apply, desk.client);
    await pullAll(desk.apply, desk.client);
    await hub.hub.store.maintain(true);

    const chair = await workstation(hub, 'chair');
    const manifest = await chair.client.snapshot();
    const patientLines = manifest.segments
      .filter((s) => s.part === 'patients')
      .reduce((sum, s) => sum + s.entries, 0);
    // 20 registrations and the edit that decides his phone now; the 14 before it are gone.
    expect(patientLines).toBe(21);
    await syncDown(chair.apply, chair.client);
    expect(await contents(chair.ctx.db)).toEqual(await contents(desk.ctx.db));
    expect((await chair.ctx.db.patients.get(patient.id))?.phone).toBe('13700000014');
    // The rows' merge bookkeeping is the desk's too: a later edit from either PC merges the same.
    expect(await chair.ctx.db.rowClocks.orderBy(':id').toArray()).toEqual(
      await desk.ctx.db.rowClocks.orderBy(':id').toArray(),
    );
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
    expect((await searchPatients(chair.ctx.db, actorOf(owner), 'zzr'))[0]?.name).toBe('周芷若');
    expect(await contents(chair.ctx.db)).toEqual(await contents(desk.ctx.db));
  });
});

describe.each(testBackends())('a lost $name hub', (backend) => {
  const hubs: TestHub[] = [];
  afterEach(async () => {
    for (const hub of hubs.splice(0)) await hub.dispose();
  });

  const exchange = async (w: Workstation) => {
    await syncUp(w.apply, w.client);
    await syncDown(w.apply, w.client);
  };
  /** Pairs a PC again, with a code from the new hub, and takes the link's new token. */
  const repair = async (w: Workstation, hub: TestHub, name: string, first = false) => {
    const { code } = await hub.hub.store.createPairingCode(first);
    const link = await pairWithHub(w.ctx.db, {
      url: hub.hub.url,
      code,
      deviceName: name,
      ...(first ? { clinicName: '康宁口腔诊所' } : {}),
    });
    w.client = createHubClient({ url: link.url, token: link.token });
  };

  it('the hub is rebuilt from nothing: once the PCs pair again, everything any of them held is back on it and on every PC', async () => {
    const old = await startTestHub(backend, { clock });
    hubs.push(old);
    const { desk, owner } = await clinicWithPatients(old);
    const chair = await workstation(old, 'chair');
    await exchange(chair);
    // The chair registers a patient and pushes it; then one more while the hub is already gone.
    await registerPatient(chair.ctx, actorOf(owner), person('孙悟空', 30));
    await exchange(chair);
    await exchange(desk);
    await registerPatient(chair.ctx, actorOf(owner), person('周芷若', 31));

    // The hub's folder is lost. A new hub starts empty, with a new epoch.
    const fresh = await startTestHub(backend, { clock });
    hubs.push(fresh);
    await repair(desk, fresh, 'desk', true);
    await repair(chair, fresh, 'chair');
    await exchange(desk);
    await exchange(chair);
    await exchange(desk);

    const office = await workstation(fresh, 'office');
    await exchange(office);
    const expected = await contents(desk.ctx.db);
    expect(expected.patients).toHaveLength(22);
    expect(await contents(chair.ctx.db)).toEqual(expected);
    expect(await contents(office.ctx.db)).toEqual(expected);
    expect((await searchPatients(office.ctx.db, actorOf(owner), 'zzr'))[0]?.name).toBe('周芷若');
    for (const w of [desk, chair, office]) {
      expect(await w.ctx.db.syncIssues.count()).toBe(0);
      expect(await readInitialSync(w.ctx.db)).toMatchObject({ complete: true });
    }
  });
});

describe('a hub restored from an older copy of its own data (SQLite)', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('PCs that saw more than it holds start over and push everything: nothing they had is lost', async () => {
    const sqlite = testBackends().find((b) => b.name === 'sqlite')!;
    const hub = await startTestHub(sqlite, { clock });
    cleanup.push(() => hub.dispose());
    const { desk, owner } = await clinicWithPatients(hub);
    const chair = await workstation(hub, 'chair');
    await syncUp(chair.apply, chair.client);
    await syncDown(chair.apply, chair.client);

    // Last night's copy of the hub's database …
    const copyDir = await mkdtemp(join(tmpdir(), 'clinicdesk-hub-copy-'));
    cleanup.push(() => rm(copyDir, { recursive: true, force: true }));
    const live = new Database(join(hub.dataDir, SQLITE_FILE), { readonly: true });
    await live.backup(join(copyDir, SQLITE_FILE));
    live.close();
    // … then a morning's work, acknowledged by the hub and seen by the chair.
    await registerPatient(desk.ctx, actorOf(owner), person('孙悟空', 30));
    await syncUp(desk.apply, desk.client);
    await syncDown(chair.apply, chair.client);
    expect(await desk.ctx.db.outbox.count()).toBe(0);

    // The hub's disk fails; the owner restores last night's copy.
    await hub.hub.close();
    const restored = await startHub({
      dataDir: copyDir,
      host: '127.0.0.1',
      port: 0,
      clock,
      log: () => undefined,
      maintenanceMs: 3_600_000,
    });
    cleanup.push(() => restored.close());
    for (const w of [desk, chair]) {
      const link = (await w.ctx.db.syncState.get('hub'))!.value as { token: string };
      w.client = createHubClient({ url: restored.url, token: link.token });
    }
    // The desk goes on working: its next change is numbered past what the hub now holds of it.
    await registerPatient(desk.ctx, actorOf(owner), person('周芷若', 31));
    for (const w of [desk, chair, desk, chair]) {
      await syncUp(w.apply, w.client);
      await syncDown(w.apply, w.client);
    }
    const { code } = await restored.store.createPairingCode(false);
    const office = new ClinicDb(`snapshot-${newId()}`, { indexedDB, IDBKeyRange });
    const link = await pairWithHub(office, { url: restored.url, code, deviceName: 'office' });
    const officeApply = { db: office, clock, deviceId: 'pc-office', recompute: recomputeDerived };
    await syncDown(officeApply, createHubClient({ url: link.url, token: link.token }));

    const expected = await contents(desk.ctx.db);
    expect(expected.patients).toHaveLength(22);
    expect(await contents(chair.ctx.db)).toEqual(expected);
    expect(await contents(office)).toEqual(expected);
    expect(await desk.ctx.db.outbox.count()).toBe(0);
  });
});
