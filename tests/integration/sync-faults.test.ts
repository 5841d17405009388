import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../shared/clock/clock';
import { createRng, type Rng } from '../../shared/demo/prng';
import { residentCheckCharacter } from '../../shared/identity/id-number';
import { newId } from '../../shared/ids';
import type { PatientInput } from '../../shared/patients/patient-input';
import { createHubClient } from '../../shared/sync/hub-client';
import { openHubStore } from '../../server/hub/hub-store';
import { testBackends } from '../../server/hub/testing/backends';
import { bundleEntry, forkHub, type ChildHub } from '../../server/hub/testing/spawn-hub';
import { ClinicDb } from '../../renderer/src/db/database';
import { registerPatient, updatePatient } from '../../renderer/src/db/patients';
import { completeSetup } from '../../renderer/src/db/setup';
import { actorOf } from '../../renderer/src/db/staff';
import type { Actor, StoreContext } from '../../renderer/src/db/write';
import type { ApplyContext } from '../../renderer/src/sync/apply';
import { pairWithHub } from '../../renderer/src/sync/engine';
import { pullAll, pushOutbox } from '../../renderer/src/sync/exchange';
import { recomputeDerived } from '../../renderer/src/sync/recompute';

type Workstation = { name: string; ctx: StoreContext; apply: ApplyContext; token: string };

const idNumber = (n: number) => {
  const first17 = `11010519900307${String(n).padStart(3, '0')}`;
  return first17 + residentCheckCharacter(first17);
};

/** What the desk types for patient n: the same on every PC, so edits can be replayed anywhere. */
const inputFor = (n: number): PatientInput => ({
  name: `测试${'甲乙丙丁戊己庚辛壬癸'[n % 10]}${n}`,
  sex: n % 2 === 1 ? 'male' : 'female',
  birthDate: '1990-03-07',
  idType: 'resident',
  idNumber: idNumber(n),
  scheme: 'self-pay',
  notes: '',
});

/** One workstation's exchange; a hub that dies mid-way is just a failed exchange, tried again. */
const exchange = async (w: Workstation, url: string, fetchImpl: typeof fetch) => {
  const client = createHubClient({ url, token: w.token, fetch: fetchImpl });
  await pushOutbox(w.ctx.db, client);
  await pullAll(w.apply, client);
};

const visible = async (db: ClinicDb) => {
  const out: Record<string, unknown[]> = {};
  for (const table of ['staff', 'settings', 'patients', 'auditEvents'])
    out[table] = await db.table(table).orderBy(':id').toArray();
  return out;
};

/** The hub as a child process, bundled once for both back ends. */
let bundle = '';
beforeAll(async () => {
  bundle = await bundleEntry('hub-child');
});

describe.each(testBackends())(
  'three workstations sync while the $name hub is killed at random moments',
  (backend) => {
    it('SIGKILLed 50 times: every PC converges, nothing acknowledged is lost or applied twice', async () => {
      const clock = manualClock('2026-11-22T09:00:00+08:00');
      const rng: Rng = createRng(`sync-faults-${backend.name}`);
      const created = await backend.create();
      const where = { dataDir: created.dataDir, postgresUrl: created.postgresUrl };
      let hub: ChildHub = await forkHub(bundle, where);
      const store = await openHubStore(created.location, { clock: { now: () => Date.now() } });
      const stations: Workstation[] = [];
      for (const [i, name] of ['desk', 'chair', 'office'].entries()) {
        const db = new ClinicDb(`faults-${newId()}`, { indexedDB, IDBKeyRange });
        const deviceId = `pc-${name}`;
        const { code } = await store.createPairingCode(i === 0);
        const link = await pairWithHub(db, {
          url: hub.url,
          code,
          deviceName: name,
          ...(i === 0 ? { clinicName: '康宁口腔诊所' } : {}),
        });
        stations.push({
          name,
          ctx: { db, clock, deviceId },
          apply: { db, clock, deviceId, recompute: recomputeDerived },
          token: link.token,
        });
      }
      const { owner } = await completeSetup(stations[0]!.ctx, {
        clinic: { name: '康宁口腔诊所', regionProvince: '44', regionCity: '深圳市' },
        owner: { username: 'lina', displayName: '李娜', password: 'Owner#2026' },
      });
      const actor: Actor = actorOf(owner);
      // The other PCs hold the owner's account before anyone logs in there as the owner, as a
      // login needs it; changes in the name of an account the clinic's log does not have yet are
      // refused (shared/sync/verdict.ts).
      for (const w of stations) await exchange(w, hub.url, fetch);
      const ids = new Map<number, string>();
      const inputs = new Map<number, PatientInput>();
      let next = 1;

      for (let run = 0; run < 50; run++) {
        // Offline work on each PC: register someone new, or change a known patient's phone or notes.
        for (const w of stations) {
          for (let k = rng.int(1, 3); k > 0; k--) {
            clock.advance(rng.int(1, 5_000));
            const known = [...ids.entries()].filter(([, id]) => id);
            const mine = [];
            for (const [n, id] of known) if (await w.ctx.db.patients.get(id)) mine.push(n);
            if (mine.length === 0 || rng.int(0, 3) === 0) {
              const n = next++;
              const patient = await registerPatient(w.ctx, actor, inputFor(n));
              ids.set(n, patient.id);
              inputs.set(n, inputFor(n));
            } else {
              const n = mine[rng.int(0, mine.length - 1)]!;
              const input: PatientInput = {
                ...inputs.get(n)!,
                ...(rng.int(0, 1) === 0
                  ? { phone: `139${String(rng.int(0, 99_999_999)).padStart(8, '0')}` }
                  : { notes: `${w.name} 第${run}次` }),
              };
              inputs.set(n, input);
              await updatePatient(w.ctx, actor, ids.get(n)!, input, '');
            }
          }
        }
        // All three exchange at once; the hub dies after a random number of requests.
        const killAfter = rng.int(0, 8);
        let requests = 0;
        const killing: Promise<unknown>[] = [];
        const dying: typeof fetch = (input, init) => {
          if (++requests === killAfter + 1) {
            hub.child.kill('SIGKILL');
            killing.push(hub.exited);
          }
          return fetch(input, init);
        };
        await Promise.allSettled(stations.map((w) => exchange(w, hub.url, dying)));
        if (killing.length === 0) hub.child.kill('SIGKILL');
        await hub.exited;
        hub = await forkHub(bundle, where);
      }

      // The network holds: two rounds bring everyone everything.
      for (let round = 0; round < 2; round++)
        for (const w of stations) await exchange(w, hub.url, fetch);

      const [first, ...others] = (await Promise.all(stations.map((w) => visible(w.ctx.db)))) as [
        Awaited<ReturnType<typeof visible>>,
        ...Awaited<ReturnType<typeof visible>>[],
      ];
      for (const other of others) expect(other).toEqual(first);
      expect(first!.patients).toHaveLength(ids.size);
      for (const w of stations) {
        expect(await w.ctx.db.outbox.count()).toBe(0);
        expect(await w.ctx.db.syncIssues.toArray()).toEqual([]);
      }
      // Each PC's last edit of a patient is what every PC shows (the edits were made in clock order).
      for (const [n, id] of ids) {
        const stored = first.patients!.find((p) => (p as { id: string }).id === id) as PatientInput;
        expect(stored.phone ?? '').toBe(inputs.get(n)!.phone ?? '');
        expect(stored.notes).toBe(inputs.get(n)!.notes);
      }
      // The hub's log holds every audit event exactly once: none lost, none pushed twice.
      const audits = first.auditEvents!.length;
      const client = createHubClient({ url: hub.url, token: stations[0]!.token });
      let logged = 0;
      for (let after = 0; ;) {
        const page = await client.pull(after, { limit: 5000 });
        logged += page.changes.filter((c) => c.change.table === 'auditEvents').length;
        after = page.next;
        if (!page.more) break;
      }
      expect(logged).toBe(audits);
      hub.child.kill('SIGTERM');
      await hub.exited;
      await store.close();
      await created.dispose();
    }, 600_000);
  },
);
