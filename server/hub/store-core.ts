import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Clock } from '../../shared/clock/clock';
import type { HubStamp } from '../../shared/sync/protocol';
import { migrate, STORE_VERSION, type HubDb, type HubDialect, type HubTables } from './hub-db';
import type { LedgerState } from './verdicts';

/** What one hub process tells its live channels: the log grew, a device was revoked. */
export type HubEvent = { kind: 'log'; logEnd: number } | { kind: 'revoked'; deviceId: string };

export type StoreHooks = {
  /** Test hook: runs inside a push transaction after seqs are taken, before the commit. */
  pushBeforeCommit?: (firstSeq: number, lastSeq: number) => Promise<void>;
};

export type StoreCore = {
  db: Kysely<HubTables>;
  dialect: HubDialect;
  clock: Clock;
  hooks: StoreHooks;
  /** Runs `fn` in one transaction; on SQLite it takes the write lock at once (BEGIN IMMEDIATE). */
  transaction<T>(fn: (trx: Kysely<HubTables>) => Promise<T>): Promise<T>;
  /** Publishes an event to every hub process on this store (NOTIFY on PostgreSQL). */
  publish(trx: Kysely<HubTables>, event: HubEvent): Promise<void>;
  events: EventEmitter<{ event: [HubEvent] }>;
  /**
   * The staff accounts as this process's log stands, to judge pushes with (./verdicts.ts): in
   * memory, built from the log by the first push after the store opens.
   */
  staff: LedgerState;
};

const CHANNEL = 'clinicdesk_hub';

export const openCore = async (
  hubDb: HubDb,
  options: { clock: Clock; hooks?: StoreHooks; postgresUrl?: string },
): Promise<StoreCore & { close(): Promise<void> }> => {
  const { db, dialect } = hubDb;
  await migrate(hubDb);
  // A hub created afresh gets a new epoch: devices that knew another one re-push and re-snapshot.
  await db
    .insertInto('meta')
    .values({
      id: 1,
      epoch: randomUUID(),
      clinic_id: null,
      clinic_name: null,
      created_at: options.clock.now(),
      log_end: 0,
      compacted_through: 0,
      store_version: STORE_VERSION,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();

  const events = new EventEmitter<{ event: [HubEvent] }>();
  events.setMaxListeners(0);
  const pending = new WeakMap<object, HubEvent[]>();

  const transaction = <T>(fn: (trx: Kysely<HubTables>) => Promise<T>): Promise<T> =>
    db.connection().execute(async (connection) => {
      await sql.raw(dialect === 'sqlite' ? 'begin immediate' : 'begin').execute(connection);
      let result: T;
      try {
        result = await fn(connection);
        await sql`commit`.execute(connection);
      } catch (error) {
        await sql`rollback`.execute(connection).catch(() => {});
        pending.delete(connection);
        throw error;
      }
      // In-process listeners hear of a change only once it is durable.
      for (const event of pending.get(connection) ?? []) events.emit('event', event);
      pending.delete(connection);
      return result;
    });

  const publish = async (trx: Kysely<HubTables>, event: HubEvent): Promise<void> => {
    const list = pending.get(trx) ?? [];
    list.push(event);
    pending.set(trx, list);
    if (dialect === 'postgres') {
      // Delivered to the other hub processes on this database when the transaction commits.
      await sql`select pg_notify(${CHANNEL}, ${JSON.stringify(event)})`.execute(trx);
    }
  };

  let listener: pg.Client | undefined;
  let closed = false;
  if (dialect === 'postgres' && options.postgresUrl) {
    const url = options.postgresUrl;
    const listen = async (): Promise<void> => {
      if (closed) return;
      const client = new pg.Client({ connectionString: url });
      client.on('error', () => {});
      client.on('end', () => {
        if (!closed) setTimeout(() => void listen().catch(() => {}), 1000).unref();
      });
      client.on('notification', (message) => {
        try {
          events.emit('event', JSON.parse(message.payload ?? '') as HubEvent);
        } catch {
          // not ours
        }
      });
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      listener = client;
    };
    await listen().catch(() => {
      setTimeout(() => void listen().catch(() => {}), 1000).unref();
    });
  }

  return {
    db,
    dialect,
    clock: options.clock,
    hooks: options.hooks ?? {},
    transaction,
    publish,
    events,
    staff: {},
    close: async () => {
      closed = true;
      await listener?.end().catch(() => {});
      await hubDb.close();
    },
  };
};

export const readMeta = (db: Kysely<HubTables>) =>
  db.selectFrom('meta').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();

export const hubStamp = async (core: StoreCore): Promise<HubStamp> => {
  const meta = await readMeta(core.db);
  return { epoch: meta.epoch, time: core.clock.now(), logEnd: meta.log_end };
};

/**
 * After an erasure, the wiped content must not survive in the store's files either. SQLite zeroes
 * what it frees (secure_delete); the checkpoint then copies the write-ahead log into the database
 * and truncates it, so no older page image keeps the content. On PostgreSQL VACUUM (never inside
 * a transaction) frees the dead row versions that still held it.
 */
export const scrubErased = async (core: StoreCore): Promise<void> => {
  if (core.dialect === 'sqlite') {
    const { rows } = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(core.db);
    // Blocked by a reader: the erasure stays pending and the next maintenance tries again.
    if (rows[0]?.busy !== 0) throw new Error('the WAL checkpoint after an erasure was blocked');
    return;
  }
  for (const table of ['log', 'staged', 'segments', 'segment_chunks'] as const)
    await sql`vacuum ${sql.table(table)}`.execute(core.db);
};

/** Inserts rows in slices that stay under SQLite's and PostgreSQL's parameter limits. */
export const insertInSlices = async <R extends Record<string, unknown>>(
  rows: readonly R[],
  insert: (slice: R[]) => Promise<unknown>,
  perSlice = 400,
): Promise<void> => {
  for (let i = 0; i < rows.length; i += perSlice) await insert(rows.slice(i, i + perSlice));
};
