/**
 * Just the parts of PouchDB 9 and express-pouchdb that the PouchDB baseline uses
 * (tests/bench/pouch-baseline.ts, tests/bench/pouch-page.ts). DefinitelyTyped's @types/pouchdb*
 * describe PouchDB 6 and 7 and would bring a dozen packages for a handful of calls.
 */
declare module 'pouchdb-core' {
  type PouchDoc = { _id: string; _rev?: string } & Record<string, unknown>;
  type BulkResult = { ok?: boolean; id?: string; rev?: string; error?: string; reason?: string };
  type ReplicateOptions = { batch_size?: number; batches_limit?: number };
  type ReplicateResult = { ok: boolean; status: string; docs_read: number; docs_written: number };

  class PouchDB {
    constructor(name: string, options?: { adapter?: string });
    readonly adapter: string;
    static plugin(plugin: unknown): typeof PouchDB;
    static defaults(options: { adapter?: string }): typeof PouchDB;
    static replicate(
      source: string | PouchDB,
      target: string | PouchDB,
      options?: ReplicateOptions,
    ): Promise<ReplicateResult>;
    bulkDocs(docs: PouchDoc[], options?: { new_edits?: boolean }): Promise<BulkResult[]>;
    info(): Promise<{ db_name: string; doc_count: number; update_seq: number | string }>;
    destroy(): Promise<unknown>;
  }
  export default PouchDB;
}

declare module 'pouchdb-browser' {
  import PouchDB from 'pouchdb-core';
  export default PouchDB;
}

declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}

declare module 'pouchdb-adapter-indexeddb' {
  const plugin: unknown;
  export default plugin;
}

declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}

declare module 'pouchdb-mapreduce' {
  const plugin: unknown;
  export default plugin;
}

declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}

declare module 'express-pouchdb' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  import type PouchDB from 'pouchdb-core';
  /** An express app: a request listener for node:http. */
  const expressPouchDB: (
    pouch: typeof PouchDB,
    options?: { mode?: 'fullCouchDB' | 'minimumForPouchDB'; overrideMode?: { exclude?: string[] } },
  ) => (req: IncomingMessage, res: ServerResponse) => void;
  export default expressPouchDB;
}
