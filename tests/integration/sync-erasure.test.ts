import { afterEach, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../shared/clock/hlc';
import { testBackends } from '../../server/hub/testing/backends';
import { startTestHub, type TestHub } from '../../server/hub/testing/test-hub';
import { registerPatient, searchPatients, updatePatient } from '../../renderer/src/db/patients';
import { completeSetup } from '../../renderer/src/db/setup';
import { actorOf } from '../../renderer/src/db/staff';
import { ZHANG_SAN } from '../../renderer/src/db/testing/patients';
import { rowClocksKey } from '../../renderer/src/db/write';
import { pullAll, pushOutbox } from '../../renderer/src/sync/exchange';
import { clock, workstation, type Workstation } from './workstations';

/** Everything a PC holds of one patient: the row, its clocks, its erasure, issues kept about it. */
const heldOf = async (ws: Workstation, id: string) => ({
  row: await ws.ctx.db.patients.get(id),
  clocks: await ws.ctx.db.rowClocks.get(rowClocksKey('patients', id)),
  erasure: (await ws.ctx.db.erasures.get(rowClocksKey('patients', id)))?.data,
  issues: await ws.ctx.db.syncIssues.filter((issue) => issue.entityId === id).count(),
});

const sync = async (ws: Workstation) => {
  await pushOutbox(ws.ctx.db, ws.client);
  await pullAll(ws.apply, ws.client);
};

describe.each(testBackends())('a retention disposal through the $name hub', (backend) => {
  let hub: TestHub | undefined;
  afterEach(async () => {
    await hub?.dispose();
    hub = undefined;
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
      const archive = await hub.pairClient('档案室');
      await archive.push([
        {
          deviceSeq: 1,
          txId: 'tx-disposal-1',
          txIndex: 0,
          txSize: 1,
          table: 'patients',
          entityId: zhang.id,
          op: 'erase',
          hlc: encodeHlc({ wall: clock.now() - 30_000, counter: 0, node: archive.deviceId }),
          schemaVersion: 1,
          data: { disposal: 'd-1' },
        },
      ]);
      await sync(chair);
      const gone = { row: undefined, clocks: undefined, erasure: { disposal: 'd-1' }, issues: 0 };
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
      const log = await archive.pull(0, { limit: 1000, maxBytes: 8 * 1024 * 1024 });
      const his = log.changes.filter((e) => e.change.entityId === zhang.id);
      expect(his.map((e) => [e.change.op, e.erased ?? false])).toEqual([
        ['upsert', true],
        ['erase', false],
        ['upsert', true],
      ]);
    },
  );
});
