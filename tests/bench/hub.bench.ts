import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { encodeHlc } from '../../shared/clock/hlc';
import { demoStoreRows } from '../../shared/demo/demo-store';
import { createHubClient } from '../../shared/sync/hub-client';
import { SYNC_LIMITS, WIRE_SCHEMA_VERSION, type Change } from '../../shared/sync/protocol';
import { openHubStore, type StoreLocation } from '../../server/hub/hub-store';
import { bundleEntry, forkHub, type ChildHub } from '../../server/hub/testing/spawn-hub';
import { startThrowawayPostgres } from '../setup/postgres';
import { benchAuditRow } from '../../renderer/src/dev/sync-bench-rows';
import { collectGarbage, timed, type BenchRow, type BenchTable } from './bench-table';

export const name = 'hub';
export const description =
  'the sync hub on SQLite and PostgreSQL: ingest, pull over loopback, snapshot build and download, on a generated clinic';

/** BENCH_HUB_PATIENTS, 100,000 by default: a large single clinic with 5 years of visits. */
const patientCount = (): number => {
  const count = Number(process.env.BENCH_HUB_PATIENTS ?? '100000');
  if (!Number.isSafeInteger(count) || count < 1)
    throw new RangeError('BENCH_HUB_PATIENTS must be a positive whole number');
  return count;
};

const DEVICE = '0193a4c2-0000-7000-8000-000000000001';

/** One row change with its audit event: a transaction of two changes, as the app's write path makes them. */
const withAudit = (
  seq: number,
  table: string,
  id: string,
  set: Record<string, unknown>,
  wall: number,
): Change[] => {
  const hlc = encodeHlc({ wall, counter: 0, node: DEVICE });
  const txId = `tx-${seq + 1}`;
  return [
    {
      deviceSeq: seq + 1,
      txId,
      txIndex: 0,
      txSize: 2,
      table,
      entityId: id,
      op: 'upsert',
      hlc,
      schemaVersion: WIRE_SCHEMA_VERSION,
      data: { set },
    },
    {
      deviceSeq: seq + 2,
      txId,
      txIndex: 1,
      txSize: 2,
      table: 'auditEvents',
      entityId: `audit-${(seq + 2) / 2}`,
      op: 'insert',
      hlc,
      schemaVersion: WIRE_SCHEMA_VERSION,
      data: benchAuditRow((seq + 2) / 2, table, id, hlc),
    },
  ];
};

/**
 * The clinic as one device would push it, each row with its audit event; then every patient's
 * phone number corrected twice (the first correction is superseded: what folding drops).
 */
async function* clinicChanges(patients: number): AsyncGenerator<Change[]> {
  let seq = 0;
  let page: Change[] = [];
  const patientIds: string[] = [];
  const T0 = 1_700_000_000_000;
  for await (const { table, row } of demoStoreRows({ seed: 11, patients, endDate: '2026-11-20' })) {
    const id = String(row.id);
    if (table === 'patients') patientIds.push(id);
    page.push(...withAudit(seq, table, id, row, T0 + seq));
    seq += 2;
    if (page.length >= 1000) {
      yield page;
      page = [];
    }
  }
  for (const round of [1, 2])
    for (const [i, id] of patientIds.entries()) {
      const phone = `13${round}${String(i).padStart(8, '0')}`;
      page.push(...withAudit(seq, 'patients', id, { phone }, T0 + seq));
      seq += 2;
      if (page.length >= 1000) {
        yield page;
        page = [];
      }
    }
  if (page.length > 0) yield page;
}

/**
 * The bench builds snapshots in its own process, and better-sqlite3 holds the event loop for
 * minutes at 100,000 patients: meanwhile the hub closes the clients' idle keep-alive sockets
 * (after 5 s), and the next request, written to a closed socket before the close was read, fails
 * with EPIPE. One turn of the loop reads the closes, so the next request opens a fresh socket.
 */
const letClosedSocketsClose = () => new Promise((resolve) => setTimeout(resolve, 50));

type Backend = {
  label: string;
  location: StoreLocation;
  dataDir: string;
  postgresUrl?: string;
  dispose(): Promise<void>;
};

const measure = async (
  backend: Backend,
  pages: Change[][],
  hubBundle: string,
): Promise<BenchRow[]> => {
  // Snapshots are built on demand only: the build row below times a whole build, not whatever
  // the hub had left after building segments in the background during ingest.
  const hub = await forkHub(hubBundle, {
    dataDir: backend.dataDir,
    postgresUrl: backend.postgresUrl,
    snapshotsOnDemand: true,
  });
  try {
    return await measureOn(hub, backend, pages);
  } catch (error) {
    const state = hub.child.exitCode ?? hub.child.signalCode ?? 'still running';
    console.error(`hub (${state}) output:\n${hub.output().slice(-3000)}`);
    console.error('the request failed with', (error as Error).cause ?? error);
    throw error;
  } finally {
    // A failed measurement must not leave the hub behind, busy on its store.
    if (hub.child.exitCode === null && hub.child.signalCode === null) hub.child.kill('SIGKILL');
  }
};

const measureOn = async (
  hub: ChildHub,
  backend: Backend,
  pages: Change[][],
): Promise<BenchRow[]> => {
  const store = await openHubStore(backend.location, { clock: { now: () => Date.now() } });
  const codes = [await store.createPairingCode(true), await store.createPairingCode(false)];
  const writer = createHubClient({ url: hub.url });
  await writer.pair({
    code: codes[0]!.code,
    deviceName: 'bench writer',
    clinicName: 'bench clinic',
  });
  const reader = createHubClient({ url: hub.url });
  await reader.pair({ code: codes[1]!.code, deviceName: 'bench reader' });
  const rows: BenchRow[] = [];

  // Generated before the clock starts: the bench measures the hub, not the demo generator.
  const changes = pages.reduce((sum, page) => sum + page.length, 0);
  const bytes = pages.reduce((sum, page) => sum + JSON.stringify(page).length, 0);
  const ingest = await timed(async () => {
    for (const page of pages) await writer.push(page);
  });
  rows.push({
    step: 'ingest (push pages of 1000; no snapshot building meanwhile)',
    records: changes,
    seconds: ingest.ms / 1000,
    'records/s': changes / (ingest.ms / 1000),
    MB: bytes / 1e6,
  });

  collectGarbage();
  let pulled = 0;
  const pull = await timed(async () => {
    for (let after = 0; ;) {
      const page = await reader.pull(after, {
        limit: SYNC_LIMITS.pullMaxLimit,
        maxBytes: SYNC_LIMITS.pullMaxBytes,
      });
      pulled += page.changes.length;
      after = page.next;
      if (!page.more) break;
    }
  });
  rows.push({
    step: 'pull over loopback (+ JSON.parse)',
    records: pulled,
    seconds: pull.ms / 1000,
    'records/s': pulled / (pull.ms / 1000),
  });

  const prebuilt = await store.snapshotManifest().then(
    () => true,
    () => false,
  );
  if (prebuilt) throw new Error('the hub built snapshot segments during ingest');
  const build = await timed(() => store.maintain(true));
  await letClosedSocketsClose();
  rows.push({
    step: 'snapshot build (whole log, from nothing)',
    records: changes,
    seconds: build.ms / 1000,
    'records/s': changes / (build.ms / 1000),
  });

  const download = async (step: string) => {
    let lines = 0;
    let gz = 0;
    const took = await timed(async () => {
      const manifest = await reader.snapshot();
      for (const segment of manifest.segments) {
        const bytesOfSegment = await reader.segment(segment.id);
        gz += bytesOfSegment.length;
        const text = gunzipSync(bytesOfSegment).toString('utf8');
        for (const line of text.split('\n')) if (line) lines += JSON.parse(line) ? 1 : 0;
      }
    });
    rows.push({
      step,
      records: lines,
      seconds: took.ms / 1000,
      'records/s': lines / (took.ms / 1000),
      MB: gz / 1e6,
    });
  };
  await download('snapshot download (+ gunzip, parse)');

  // Both devices now hold the whole log: compaction folds each row's history.
  for (const client of [writer, reader]) {
    const end = (await client.info()).hub.logEnd;
    await client.pull(end);
  }
  collectGarbage();
  const fold = await timed(() => store.maintain(true));
  await letClosedSocketsClose();
  rows.push({
    step: 'compaction (fold edited rows, rewrite segments)',
    records: changes,
    seconds: fold.ms / 1000,
    'records/s': changes / (fold.ms / 1000),
  });
  await download('snapshot download after folding');

  await store.close();
  hub.child.kill('SIGTERM');
  await hub.exited;
  return rows.map((row) => ({ store: backend.label, ...row }));
};

export const run = async (): Promise<BenchTable[]> => {
  const patients = patientCount();
  const hubBundle = await bundleEntry('hub-child');
  const rows: BenchRow[] = [];
  // Generated before any connection opens: the generator holds the event loop for minutes, and
  // the bench measures the hub, not the demo generator.
  const pages: Change[][] = [];
  for await (const page of clinicChanges(patients)) pages.push(page);
  const dir = await mkdtemp(join(tmpdir(), 'clinicdesk-hub-bench-'));
  try {
    rows.push(
      ...(await measure(
        { label: 'SQLite', location: { sqliteDir: dir }, dataDir: dir, dispose: async () => {} },
        pages,
        hubBundle,
      )),
    );
    const postgres = await startThrowawayPostgres();
    if (postgres) {
      try {
        const admin = new pg.Client({ connectionString: postgres.server.adminUrl });
        await admin.connect();
        await admin.query('CREATE DATABASE hub_bench');
        await admin.end();
        const url = postgres.server.adminUrl.replace(/\/postgres$/, '/hub_bench');
        const pgDir = await mkdtemp(join(tmpdir(), 'clinicdesk-hub-bench-pg-'));
        rows.push(
          ...(await measure(
            {
              label: 'PostgreSQL',
              location: { postgresUrl: url },
              dataDir: pgDir,
              postgresUrl: url,
              dispose: async () => {},
            },
            pages,
            hubBundle,
          )),
        );
        await rm(pgDir, { recursive: true, force: true });
      } finally {
        await postgres.stop();
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return [
    {
      title: `Sync hub, ${patients.toLocaleString('en-US')} patients with 5 years of visits, each row with its audit event`,
      rows,
      note: 'The hub runs in its own process; one client pushes, another pulls, over 127.0.0.1. PostgreSQL is a throwaway local cluster (fsync on).',
    },
  ];
};
