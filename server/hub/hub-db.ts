import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect } from 'kysely';
import pg from 'pg';
import { join } from 'node:path';

/**
 * The hub's tables, one definition for SQLite and PostgreSQL. Booleans are 0/1 integers and times
 * are milliseconds (bigint) in both, so the queries in hub-store.ts are the same on either.
 */
export type HubTables = {
  meta: {
    id: number;
    epoch: string;
    clinic_id: string | null;
    clinic_name: string | null;
    created_at: number;
    /** The last seq handed out: the log's end. */
    log_end: number;
    /** Changes up to here have their body only in the snapshot segments. */
    compacted_through: number;
    store_version: number;
  };
  devices: {
    id: string;
    name: string;
    token_hash: string;
    admin: number;
    paired_at: number;
    last_seen_at: number | null;
    acked_through: number;
    cursor: number;
    revoked_at: number | null;
  };
  pairing_codes: {
    code_hash: string;
    admin: number;
    created_at: number;
    expires_at: number;
    used_at: number | null;
  };
  log: LogRow;
  /** Changes of a transaction whose last change has not arrived yet (durable, acknowledged). */
  staged: Omit<LogRow, 'seq' | 'erased' | 'folded' | 'refused'>;
  erasures: { tbl: string; entity_id: string; seq: number; segments_done: number };
  segments: {
    id: number;
    /** Which part of the snapshot (shared/sync/snapshot-parts.ts); 'all' before parts existed. */
    part: string;
    from_seq: number;
    to_seq: number;
    entries: number;
    bytes: number;
    created_at: number;
    /** Its lines that folding has since dropped or trimmed: rewritten once they are many. */
    dead: number;
  };
  segment_chunks: { segment_id: number; idx: number; data: Buffer };
  attachments: { hash: string; size: number; data: Buffer; created_at: number };
  /** The highest (seq, hash) received of each device's audit chain (./audit-heads.ts). */
  audit_heads: { device_id: string; seq: number; hash: string };
};

export type LogRow = {
  seq: number;
  device_id: string;
  device_seq: number;
  tx_id: string;
  tx_index: number;
  tx_size: number;
  tbl: string;
  entity_id: string;
  op: string;
  /** SHA-256 of the change as pushed: a repeated device number must carry the same content. */
  hash: string;
  received_at: number;
  /** The change's JSON as served; null once compacted into the snapshot. */
  body: string | null;
  erased: number;
  /** 1 once folding dropped it from the snapshot (a later change decides all it set). */
  folded: number;
  /**
   * The hub's verdict on the change's transaction (shared/sync/verdict.ts), judged as it entered
   * the log: null when accepted, else the Refusal as JSON, the same on every row of the transaction.
   */
  refused: string | null;
};

export type HubDialect = 'sqlite' | 'postgres';
export type HubDb = { db: Kysely<HubTables>; dialect: HubDialect; close(): Promise<void> };

export const SQLITE_FILE = 'hub.sqlite';

/**
 * better-sqlite3, WAL, synchronous=FULL: a commit the hub acknowledged survives a power cut.
 * secure_delete: what SQLite frees (a wiped log body, a rewritten snapshot segment) is zeroed,
 * so an erased patient's content does not linger in a free corner of the file.
 */
export const openSqlite = (dataDir: string): HubDb => {
  const database = new Database(join(dataDir, SQLITE_FILE));
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('secure_delete = ON');
  database.pragma('busy_timeout = 10000');
  database.pragma('foreign_keys = ON');
  const db = new Kysely<HubTables>({ dialect: new SqliteDialect({ database }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
};

const INT8_OID = 20;

/** A pool on the clinic's PostgreSQL; bigint columns come back as numbers (seq < 2^53). */
export const openPostgres = (url: string, options: { max?: number } = {}): HubDb => {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 8,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === INT8_OID
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // A client that loses its server (restart, cut connection) must not crash the hub: an idle one
  // reports on the pool, one in use on itself; its query fails and the push is not acknowledged.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<HubTables>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
};

/**
 * 2: snapshot segments are kept in parts (setup, patients, visits, history).
 * 3: editable rows' histories are folded (log.folded, segments.dead).
 * 4: each transaction's permission verdict is kept with its changes (log.refused).
 */
export const STORE_VERSION = 4;

/** Creates the tables on first start; later versions add migrations here. */
export const migrate = async ({ db, dialect }: HubDb): Promise<void> => {
  const blob = dialect === 'postgres' ? 'bytea' : 'blob';
  const schema = db.schema;
  await schema
    .createTable('meta')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('epoch', 'text', (c) => c.notNull())
    .addColumn('clinic_id', 'text')
    .addColumn('clinic_name', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('log_end', 'bigint', (c) => c.notNull())
    .addColumn('compacted_through', 'bigint', (c) => c.notNull())
    .addColumn('store_version', 'integer', (c) => c.notNull())
    .execute();
  await schema
    .createTable('devices')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('admin', 'integer', (c) => c.notNull())
    .addColumn('paired_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint')
    .addColumn('acked_through', 'bigint', (c) => c.notNull())
    .addColumn('cursor', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();
  await schema
    .createTable('pairing_codes')
    .ifNotExists()
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('admin', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  const changeColumns = <T extends Parameters<typeof schema.createTable>[0]>(name: T) =>
    schema
      .createTable(name)
      .ifNotExists()
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('device_seq', 'bigint', (c) => c.notNull())
      .addColumn('tx_id', 'text', (c) => c.notNull())
      .addColumn('tx_index', 'integer', (c) => c.notNull())
      .addColumn('tx_size', 'integer', (c) => c.notNull())
      .addColumn('tbl', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('op', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull());
  await changeColumns('log')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('body', 'text')
    .addColumn('erased', 'integer', (c) => c.notNull())
    .addColumn('folded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('refused', 'text')
    .addUniqueConstraint('log_device_seq', ['device_id', 'device_seq'])
    .execute();
  await schema
    .createIndex('log_entity')
    .ifNotExists()
    .on('log')
    .columns(['tbl', 'entity_id'])
    .execute();
  await changeColumns('staged')
    .addColumn('body', 'text')
    .addPrimaryKeyConstraint('staged_pk', ['device_id', 'device_seq'])
    .execute();
  await schema
    .createTable('erasures')
    .ifNotExists()
    .addColumn('tbl', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('segments_done', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('erasures_pk', ['tbl', 'entity_id'])
    .execute();
  await schema
    .createTable('segments')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('part', 'text', (c) => c.notNull().defaultTo('all'))
    .addColumn('from_seq', 'bigint', (c) => c.notNull())
    .addColumn('to_seq', 'bigint', (c) => c.notNull())
    .addColumn('entries', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('dead', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await schema
    .createTable('segment_chunks')
    .ifNotExists()
    .addColumn('segment_id', 'integer', (c) => c.notNull())
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('data', sql.raw(blob), (c) => c.notNull())
    .addPrimaryKeyConstraint('segment_chunks_pk', ['segment_id', 'idx'])
    .execute();
  await schema
    .createTable('attachments')
    .ifNotExists()
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('data', sql.raw(blob), (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // Created here for new and older stores alike; an older store's heads start at its next push.
  await schema
    .createTable('audit_heads')
    .ifNotExists()
    .addColumn('device_id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await upgrade(db);
};

/**
 * Brings a hub store written by an earlier version up to this one, step by step, in one
 * transaction (both SQLite and PostgreSQL change tables transactionally): a hub stopped or
 * failing half-way leaves the store as it was, never with some columns added and its version
 * not raised, which no later start could upgrade again.
 */
const upgrade = (store: Kysely<HubTables>): Promise<void> =>
  store.transaction().execute(async (db) => {
    const meta = await db.selectFrom('meta').select('store_version').executeTakeFirst();
    // A store created just now gets this version when its meta row is written.
    if (!meta) return;
    if (meta.store_version < 2) {
      await db.schema
        .alterTable('segments')
        .addColumn('part', 'text', (c) => c.notNull().defaultTo('all'))
        .execute();
    }
    if (meta.store_version < 3) {
      await db.schema
        .alterTable('log')
        .addColumn('folded', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('segments')
        .addColumn('dead', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    }
    if (meta.store_version < 4) {
      // The changes logged before verdicts existed were all applied by every device: accepted.
      await db.schema.alterTable('log').addColumn('refused', 'text').execute();
    }
    if (meta.store_version < STORE_VERSION)
      await db
        .updateTable('meta')
        .set({ store_version: STORE_VERSION })
        .where('id', '=', 1)
        .execute();
  });
