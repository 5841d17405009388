import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import httpAdapter from 'pouchdb-adapter-http';
import memoryAdapter from 'pouchdb-adapter-memory';
import mapReduce from 'pouchdb-mapreduce';
import replication from 'pouchdb-replication';
import { demoStoreRows } from '../../shared/demo/demo-store';
import { benchAuditRow, benchHlc } from '../../renderer/src/dev/sync-bench-rows';
import { inFreshProfile, perSecond, repoRoot } from './chromium-harness';
import type { PouchPageGlobal } from './pouch-page';

/**
 * The baseline the sync engine is held to: PouchDB 9 in the same Chromium, replicating the same
 * records from express-pouchdb over loopback. The server keeps its databases in memory
 * (pouchdb-adapter-memory, memdown), so nothing native is installed and the server's disk is not
 * what is measured; the page is pouchdb-browser bundled by esbuild, served by the same server, so
 * no CORS and no change to the app's renderer.
 */

/**
 * PouchDB's docs: batch_size defaults to 100, and for small documents raising it "will probably
 * speed replication up": 500 unless BENCH_SYNC_POUCH_BATCH says otherwise (100 measures PouchDB
 * as shipped). batches_limit stays at its default of 10 (batches held in memory).
 */
const batchSize = (): number => {
  const size = Number(process.env.BENCH_SYNC_POUCH_BATCH ?? '500');
  if (!Number.isSafeInteger(size) || size < 1)
    throw new RangeError('BENCH_SYNC_POUCH_BATCH must be a positive whole number');
  return size;
};
const BATCHES_LIMIT = 10;
/** Documents per server-side bulkDocs while filling, before anything is timed. */
const FILL_CHUNK = 2_000;

export type PouchAdapter = 'idb' | 'indexeddb';

/**
 * Which of PouchDB's IndexedDB adapters the page uses: BENCH_SYNC_POUCH_ADAPTER, 'indexeddb' by
 * default. The newer adapter replicated faster than pouchdb-browser's default 'idb' here, and the
 * faster PouchDB is the honest baseline.
 */
export const pouchAdapter = (): PouchAdapter => {
  const adapter = process.env.BENCH_SYNC_POUCH_ADAPTER ?? 'indexeddb';
  if (adapter !== 'idb' && adapter !== 'indexeddb')
    throw new RangeError(`BENCH_SYNC_POUCH_ADAPTER must be idb or indexeddb, got "${adapter}"`);
  return adapter;
};

/** A full PouchDB on memdown, as express-pouchdb expects one (it calls views, replicate, …). */
const MemoryPouchDB = PouchDB.plugin(memoryAdapter)
  .plugin(httpAdapter)
  .plugin(replication)
  .plugin(mapReduce)
  .defaults({ adapter: 'memory' });

export type PouchReplication = {
  /** What was measured, for the table: "PouchDB 9 (pouchdb-browser, indexeddb adapter) …". */
  label: string;
  adapter: string;
  records: number;
  ms: number;
  recordsPerSecond: number;
  indexedDbBytes: number;
  heapBytes: number | undefined;
};

/**
 * The same records as sync.bench.ts's clinicChanges: each demo row and its audit event, with
 * `table:id` as _id so tables cannot collide. Plain inserts (new_edits: true), so every document
 * gets its first revision just as a clinic's own PouchDB would have given it.
 */
const fillClinic = async (db: PouchDB, patients: number): Promise<number> => {
  let n = 0;
  let records = 0;
  let docs: ({ _id: string } & Record<string, unknown>)[] = [];
  const flush = async () => {
    const failed = (await db.bulkDocs(docs, { new_edits: true })).filter((r) => r.error);
    if (failed.length > 0)
      throw new Error(`PouchDB refused ${failed.length} documents: ${JSON.stringify(failed[0])}`);
    records += docs.length;
    docs = [];
  };
  for await (const { table, row } of demoStoreRows({ seed: 11, patients, endDate: '2026-11-20' })) {
    n += 1;
    const id = String(row.id);
    const audit = benchAuditRow(n, table, id, benchHlc(n));
    docs.push({ ...row, _id: `${table}:${id}` }, { ...audit, _id: `auditEvents:${audit.id}` });
    if (docs.length >= FILL_CHUNK) await flush();
  }
  if (docs.length > 0) await flush();
  return records;
};

/** pouchdb-browser, the indexeddb adapter and the timed hook as one script ("events" is npm's). */
const pageScript = async (): Promise<string> => {
  const { outputFiles } = await build({
    entryPoints: [join(repoRoot, 'tests', 'bench', 'pouch-page.ts')],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    logLevel: 'warning',
  });
  return outputFiles[0]!.text;
};

const PAGE = '<!doctype html><meta charset="utf-8"><script src="/_bench/page.js"></script>';

/**
 * Fills an express-pouchdb server on 127.0.0.1 (a free port) with the clinic, then times a fresh
 * Chromium profile's replication of it into IndexedDB, from `new PouchDB` until replicate()
 * resolves. The server runs in this process, which does nothing else while the page replicates.
 */
export const measurePouchReplication = async ({
  patients,
  adapter = pouchAdapter(),
}: {
  patients: number;
  adapter?: PouchAdapter;
}): Promise<PouchReplication> => {
  const script = await pageScript();
  // express-pouchdb's minimum for PouchDB clients (no config file or log written to the cwd),
  // otherwise as shipped: responses are compressed as the browser asks, as they would be on a LAN.
  const app = expressPouchDB(MemoryPouchDB, { mode: 'minimumForPouchDB' });
  // memdown keeps its stores by name for the whole process: a name of its own per run.
  const dbName = `clinic-${Date.now()}`;
  const db = new MemoryPouchDB(dbName);
  const server = createServer((req, res) => {
    // Names starting with "_" are never databases, so these cannot shadow one.
    if (req.url === '/_bench/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    } else if (req.url === '/_bench/page.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script);
    } else {
      app(req, res);
    }
  });
  try {
    console.error(
      `filling express-pouchdb (memory) with ${patients.toLocaleString('en-US')} patients' clinic …`,
    );
    const records = await fillClinic(db, patients);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    console.error('PouchDB replicating it into Chromium IndexedDB …');
    const { result, indexedDbBytes } = await inFreshProfile(`${origin}/_bench/`, ({ page }) =>
      page.evaluate(
        (input) =>
          (globalThis as unknown as PouchPageGlobal).__clinicdeskDev.pouchReplicateTimed(input),
        {
          remote: `${origin}/${dbName}`,
          adapter,
          batchSize: batchSize(),
          batchesLimit: BATCHES_LIMIT,
        },
      ),
    );
    if (result.status !== 'complete' || result.docCount !== records) {
      throw new Error(
        `PouchDB replicated ${result.docCount} of ${records} documents (status ${result.status})`,
      );
    }
    return {
      label: `PouchDB 9 (pouchdb-browser, ${result.adapter} adapter, batch_size ${batchSize()}) replicating from express-pouchdb (memory) over loopback`,
      adapter: result.adapter,
      records: result.records,
      ms: result.ms,
      recordsPerSecond: perSecond(result.records, result.ms),
      indexedDbBytes,
      heapBytes: result.heapBytes,
    };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await db.destroy();
  }
};
