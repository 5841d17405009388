import { sql } from 'kysely';
import type { Clock } from '../../shared/clock/clock';
import type { Change, HubStamp } from '../../shared/sync/protocol';
import { getAttachment, missingAttachments, putAttachment } from './attachment-store';
import {
  authenticate,
  createPairingCode,
  isRevoked,
  listDevices,
  pairDevice,
  revokeDevice,
} from './device-store';
import { openPostgres, openSqlite, type HubDb } from './hub-db';
import { pullChanges, pushChanges, rowHistory } from './log-store';
import {
  maintain,
  segmentChunks,
  snapshotManifest,
  type MaintenanceOptions,
} from './snapshot-store';
import { hubStamp, openCore, readMeta, type HubEvent, type StoreHooks } from './store-core';

const MAINTENANCE_LOCK = 7_300_001;

export type HubStoreOptions = {
  clock: Clock;
  hooks?: StoreHooks;
  maintenance?: MaintenanceOptions;
};

/** Where the hub keeps its log: SQLite in the data folder, or the clinic's PostgreSQL. */
export type StoreLocation = { sqliteDir: string } | { postgresUrl: string };

/** The hub's storage, the same operations on SQLite and PostgreSQL. */
export const openHubStore = async (location: StoreLocation, options: HubStoreOptions) => {
  const hubDb: HubDb =
    'sqliteDir' in location ? openSqlite(location.sqliteDir) : openPostgres(location.postgresUrl);
  const core = await openCore(hubDb, {
    clock: options.clock,
    hooks: options.hooks,
    postgresUrl: 'postgresUrl' in location ? location.postgresUrl : undefined,
  });
  // One maintenance at a time: in this process by a queue, across hub processes on one
  // PostgreSQL by an advisory lock held for its duration.
  let maintenanceQueue: Promise<unknown> = Promise.resolve();
  const maintainExclusively = (force: boolean) => {
    const run = maintenanceQueue.then(() =>
      hubDb.dialect === 'postgres'
        ? core.db.connection().execute(async (connection) => {
            await sql`select pg_advisory_lock(${MAINTENANCE_LOCK})`.execute(connection);
            try {
              return await maintain(core, options.maintenance, force);
            } finally {
              await sql`select pg_advisory_unlock(${MAINTENANCE_LOCK})`.execute(connection);
            }
          })
        : maintain(core, options.maintenance, force),
    );
    maintenanceQueue = run.catch(() => {});
    return run;
  };
  return {
    dialect: hubDb.dialect,
    stamp: (): Promise<HubStamp> => hubStamp(core),
    info: async () => {
      const meta = await readMeta(core.db);
      return {
        clinicId: meta.clinic_id,
        clinicName: meta.clinic_name,
        horizon: meta.compacted_through,
        epoch: meta.epoch,
      };
    },
    createPairingCode: (admin: boolean) => createPairingCode(core, { admin }),
    pair: (request: { code: string; deviceName: string; clinicName?: string }) =>
      pairDevice(core, request),
    authenticate: (token: string) => authenticate(core, token),
    isRevoked: (deviceId: string) => isRevoked(core, deviceId),
    listDevices: () => listDevices(core),
    revokeDevice: (deviceId: string) => revokeDevice(core, deviceId),
    push: (deviceId: string, changes: readonly Change[]) => pushChanges(core, deviceId, changes),
    pull: (deviceId: string, page: { after: number; limit: number; maxBytes: number }) =>
      pullChanges(core, deviceId, page),
    rowHistory: (table: string, entityId: string) => rowHistory(core, table, entityId),
    maintain: (force = false) => maintainExclusively(force),
    snapshotManifest: () => snapshotManifest(core),
    segmentChunks: (id: number) => segmentChunks(core, id),
    putAttachment: (hash: string, data: Buffer) => putAttachment(core, hash, data),
    getAttachment: (hash: string) => getAttachment(core, hash),
    missingAttachments: (hashes: readonly string[]) => missingAttachments(core, hashes),
    onEvent: (listener: (event: HubEvent) => void): (() => void) => {
      core.events.on('event', listener);
      return () => core.events.off('event', listener);
    },
    close: () => core.close(),
  };
};

export type HubStore = Awaited<ReturnType<typeof openHubStore>>;
