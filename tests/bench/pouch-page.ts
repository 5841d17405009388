import PouchDB from 'pouchdb-browser';
import indexedDbAdapter from 'pouchdb-adapter-indexeddb';

/**
 * The page side of the PouchDB baseline (tests/bench/pouch-baseline.ts): bundled by esbuild and
 * served beside the database, so the app's renderer stays out of it. Both of PouchDB's IndexedDB
 * adapters are on board: 'idb', pouchdb-browser's default, and the newer 'indexeddb'.
 */
PouchDB.plugin(indexedDbAdapter);

const pouchReplicateTimed = async (input: {
  remote: string;
  adapter: 'idb' | 'indexeddb';
  batchSize: number;
  batchesLimit: number;
}) => {
  const started = performance.now();
  const db = new PouchDB('clinic', { adapter: input.adapter });
  const result = await PouchDB.replicate(input.remote, db, {
    batch_size: input.batchSize,
    batches_limit: input.batchesLimit,
  });
  const ms = performance.now() - started;
  return {
    records: result.docs_written,
    status: result.status,
    docCount: (await db.info()).doc_count,
    adapter: db.adapter,
    ms,
    heapBytes: (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory
      ?.usedJSHeapSize,
  };
};

export type PouchPageGlobal = {
  __clinicdeskDev: { pouchReplicateTimed: typeof pouchReplicateTimed };
};

// Named like the app's hook, which is what the bench harness waits for.
Object.assign(globalThis, { __clinicdeskDev: { pouchReplicateTimed } });
