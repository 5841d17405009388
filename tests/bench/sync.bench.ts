import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoStoreRows } from '../../shared/demo/demo-store';
import { createHubClient } from '../../shared/sync/hub-client';
import { patchOf } from '../../shared/sync/merge';
import { MERGE_SPECS } from '../../shared/sync/merge-spec';
import { WIRE_SCHEMA_VERSION, type Change } from '../../shared/sync/protocol';
import { openHubStore } from '../../server/hub/hub-store';
import { bundleEntry, forkHub } from '../../server/hub/testing/spawn-hub';
import { benchAuditRow, benchHlc } from '../../renderer/src/dev/sync-bench-rows';
import { megabytes, type BenchTable } from './bench-table';
import { inFreshProfile, perSecond, withRendererServer } from './chromium-harness';
import { measurePouchReplication } from './pouch-baseline';
import { liveWanted, measureLiveLatency } from './sync-live';

export const name = 'sync';
export const description =
  "a new workstation's initial sync of the generated clinic from a real hub into real Chromium IndexedDB, beside the bulk-write floor; then a change's way from one workstation to another";

const patientCount = (): number => {
  const count = Number(process.env.BENCH_SYNC_PATIENTS ?? '100000');
  if (!Number.isSafeInteger(count) || count < 1)
    throw new RangeError('BENCH_SYNC_PATIENTS must be a positive whole number');
  return count;
};

/** The PouchDB baseline (pouch-baseline.ts) is measured unless BENCH_SYNC_POUCH=0. */
const pouchWanted = (): boolean => process.env.BENCH_SYNC_POUCH !== '0';

/** The clinic as its first PC pushed it: each row with its audit event, one transaction of two. */
async function* clinicChanges(patients: number): AsyncGenerator<Change[]> {
  let n = 0;
  let deviceSeq = 0;
  let page: Change[] = [];
  for await (const { table, row } of demoStoreRows({ seed: 11, patients, endDate: '2026-11-20' })) {
    n += 1;
    const hlc = benchHlc(n);
    const id = String(row.id);
    const editable = MERGE_SPECS[table]?.kind === 'editable';
    const txId = `tx-${n}`;
    page.push(
      {
        deviceSeq: ++deviceSeq,
        txId,
        txIndex: 0,
        txSize: 2,
        table,
        entityId: id,
        op: editable ? 'upsert' : 'insert',
        hlc,
        schemaVersion: WIRE_SCHEMA_VERSION,
        data: editable ? patchOf(table, undefined, { ...row, hlc }) : row,
      },
      {
        deviceSeq: ++deviceSeq,
        txId,
        txIndex: 1,
        txSize: 2,
        table: 'auditEvents',
        entityId: `audit-${n}`,
        op: 'insert',
        hlc,
        schemaVersion: WIRE_SCHEMA_VERSION,
        data: benchAuditRow(n, table, id, hlc),
      },
    );
    if (page.length >= 1000) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

type DevGlobal = {
  __clinicdeskDev: {
    syncInitialTimed: (input: {
      url: string;
      code: string;
      patients: number;
      logEnd: number;
    }) => Promise<{
      applied: number;
      totalMs: number;
      completeMs: number;
      patientsReadyMs: number;
      patients: number;
      partsMs: Record<string, number>;
      heapBytes?: number;
    }>;
    floorWriteTimed: (input: {
      patients: number;
    }) => Promise<{ records: number; ms: number; msByTable: Record<string, number> }>;
  };
};

export const run = async (): Promise<BenchTable[]> => {
  const patients = patientCount();
  const dataDir = await mkdtemp(join(tmpdir(), 'clinicdesk-sync-bench-'));
  const hub = await forkHub(await bundleEntry('hub-child'), { dataDir });
  const store = await openHubStore({ sqliteDir: dataDir }, { clock: { now: () => Date.now() } });
  try {
    const writer = createHubClient({ url: hub.url });
    await writer.pair({
      code: (await store.createPairingCode(true)).code,
      deviceName: 'first PC',
      clinicName: '基准诊所',
    });
    console.error(`pushing ${patients.toLocaleString('en-US')} patients' clinic to the hub …`);
    let changes = 0;
    for await (const page of clinicChanges(patients)) {
      await writer.push(page);
      changes += page.length;
    }
    // As the hub's own maintenance would within a minute: the log, in snapshot parts.
    console.error('building the snapshot …');
    await store.maintain(true);
    const code = (await store.createPairingCode(false)).code;
    const { logEnd } = (await writer.pull(0, { limit: 1 })).hub;

    return await withRendererServer(async (url) => {
      console.error('initial sync of a new workstation in Chromium …');
      const synced = await inFreshProfile(url, ({ page }) =>
        page.evaluate(
          (input) => (globalThis as unknown as DevGlobal).__clinicdeskDev.syncInitialTimed(input),
          { url: hub.url, code, patients, logEnd },
        ),
      );
      console.error('the floor: the same records bulk-written into IndexedDB …');
      const floor = await inFreshProfile(url, ({ page }) =>
        page.evaluate(
          (input) => (globalThis as unknown as DevGlobal).__clinicdeskDev.floorWriteTimed(input),
          { patients },
        ),
      );
      const pouch = pouchWanted() ? await measurePouchReplication({ patients }) : undefined;
      // Last, on a small hub of its own (BENCH_SYNC_LIVE=0 skips it).
      const live = liveWanted() ? await measureLiveLatency(url) : undefined;
      const sync = synced.result;
      const syncRate = perSecond(sync.applied, sync.totalMs);
      const floorRate = perSecond(floor.result.records, floor.result.ms);
      const pouchNote = pouch
        ? `engine / PouchDB = ${(syncRate / pouch.recordsPerSecond).toFixed(2)} (target ≥ 3). `
        : 'PouchDB not measured (BENCH_SYNC_POUCH=0). ';
      return [
        {
          title: `initial sync of a new workstation: ${patients.toLocaleString('en-US')} patients, ${changes.toLocaleString('en-US')} changes in the hub's log`,
          rows: [
            {
              what: 'this engine, as the app runs it (pull + merge + apply, search keys recomputed)',
              records: sync.applied,
              'patient search complete s': (sync.patientsReadyMs / 1000).toFixed(1),
              'complete s': (sync.totalMs / 1000).toFixed(1),
              'records/s': Math.round(syncRate),
              'IndexedDB MB': megabytes(synced.indexedDbBytes).toFixed(0),
              'heap MB': sync.heapBytes ? megabytes(sync.heapBytes).toFixed(0) : '—',
            },
            {
              what: 'floor: bulkPut of the same records, no network, no merge',
              records: floor.result.records,
              'patient search complete s': `(${((floor.result.msByTable.patients ?? 0) / 1000).toFixed(1)})`,
              'complete s': (floor.result.ms / 1000).toFixed(1),
              'records/s': Math.round(floorRate),
              'IndexedDB MB': megabytes(floor.indexedDbBytes).toFixed(0),
              'heap MB': '—',
            },
            ...(pouch
              ? [
                  {
                    what: pouch.label,
                    records: pouch.records,
                    'patient search complete s': '—',
                    'complete s': (pouch.ms / 1000).toFixed(1),
                    'records/s': Math.round(pouch.recordsPerSecond),
                    'IndexedDB MB': megabytes(pouch.indexedDbBytes).toFixed(0),
                    'heap MB': pouch.heapBytes ? megabytes(pouch.heapBytes).toFixed(0) : '—',
                  },
                ]
              : []),
          ],
          note: `The floor's figure in brackets is the time its bulkPut of the patients alone took; by table: ${Object.entries(
            floor.result.msByTable,
          )
            .filter(([, ms]) => ms >= 1000)
            .map(([table, ms]) => `${table} ${(ms / 1000).toFixed(1)} s`)
            .join(', ')}. Snapshot parts wholly in at: ${Object.entries(sync.partsMs)
            .map(([part, ms]) => `${part} ${(ms / 1000).toFixed(1)} s`)
            .join(
              ', ',
            )}; the audit chains that came verified and the sync marked complete at ${(sync.completeMs / 1000).toFixed(1)} s. engine / floor = ${(syncRate / floorRate).toFixed(2)} (target ≥ 0.7). ${pouchNote}The new workstation takes the snapshot part by part (setup, patients, visits, history), then the log's tail.`,
        },
        ...(live ? [live] : []),
      ];
    });
  } finally {
    await store.close();
    hub.child.kill('SIGTERM');
    await hub.exited;
    await rm(dataDir, { recursive: true, force: true });
  }
};
