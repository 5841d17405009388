import { liveQuery } from 'dexie';
import { createHubClient, HubRequestError, type HubClient } from '../../../shared/sync/hub-client';
import type { HubStamp, PairResponse } from '../../../shared/sync/protocol';
import type { ClinicDb } from '../db/database';
import { CURSOR_KEY, type ApplyContext } from './apply';
import { readDevice } from '../db/device';
import { renumberOutbox } from '../db/outbox';
import { fetchAttachments } from './attachments';
import { syncUp } from './repush';
import { startOver } from './start-over';
import { startInitialSync } from './initial-state';
import { yieldSettings } from './join';
import { refoldRefused } from './refused';
import { syncDown, type InitialProgress } from './snapshot';

/** This device's link to the clinic's hub, kept in syncState (never in a backup). */
export type HubLink = {
  url: string;
  token: string;
  /** This device as the hub knows it. */
  hubDeviceId: string;
  clinicId: string;
  clinicName: string;
  admin: boolean;
  epoch: string;
};

export const HUB_LINK_KEY = 'hub';

export const readHubLink = async (db: ClinicDb): Promise<HubLink | undefined> =>
  (await db.syncState.get(HUB_LINK_KEY))?.value as HubLink | undefined;

/** Pairs this device with a hub by a code from `clinicdesk hub pair-code` or the owner's screen. */
export const pairWithHub = async (
  db: ClinicDb,
  input: { url: string; code: string; deviceName: string; clinicName?: string },
  fetchImpl?: typeof fetch,
): Promise<HubLink> => {
  const client = createHubClient({ url: input.url, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  const paired: PairResponse = await client.pair({
    code: input.code,
    deviceName: input.deviceName,
    ...(input.clinicName ? { clinicName: input.clinicName } : {}),
  });
  const link: HubLink = {
    url: input.url.replace(/\/+$/, ''),
    token: paired.token,
    hubDeviceId: paired.deviceId,
    clinicId: paired.clinicId,
    clinicName: paired.clinicName,
    admin: paired.admin,
    epoch: paired.hub.epoch,
  };
  // The hub numbers this device's changes from 1: what waits in the outbox is renumbered, and a
  // cursor into another clinic's or another epoch's log starts over.
  const tables = [db.syncState, db.outbox, db.deviceState, db.settings, db.rowClocks];
  await db.transaction('rw', tables, async () => {
    const before = await readHubLink(db);
    await db.syncState.put({ key: HUB_LINK_KEY, value: link });
    await renumberOutbox(db.outbox, db.deviceState);
    if (!before) {
      // Joining a clinic that already holds data: its settings win over this PC's.
      if (paired.hub.logEnd > 0) await yieldSettings(db, await deviceNode(db, link));
      await db.syncState.put({ key: CURSOR_KEY, value: 0 });
      await startInitialSync(db);
    } else if (before.clinicId !== link.clinicId || before.epoch !== link.epoch) {
      // A hub created afresh (its folder lost, or a new clinic): it gets everything this PC holds.
      await startOver(db);
    }
  });
  return link;
};

/** The node of this PC's stamps: its device id (the hub's id for it where none was made). */
const deviceNode = async (db: ClinicDb, link: HubLink): Promise<string> =>
  (await readDevice(db))?.deviceId ?? link.hubDeviceId;

export type SyncState = 'off' | 'syncing' | 'online' | 'offline' | 'error' | 'revoked';

export type SyncStatus = {
  state: SyncState;
  /** Changes of this PC the hub does not hold yet. */
  pending: number;
  /** Hub time (ms) of the last exchange that completed. */
  lastSyncAt?: number;
  /** This PC's clock minus the hub's, as last seen (ms). */
  clockOffsetMs?: number;
  /** What went wrong, in the hub's words when it gave any. */
  error?: { zh: string; en: string };
  /** While a new device takes in the clinic: how far it got. Undefined once complete. */
  initial?: InitialProgress & { startedAt: number; startedApplied: number };
};

export type SyncEngineOptions = {
  apply: ApplyContext;
  link: HubLink;
  fetch?: typeof fetch;
  onStatus?: (status: SyncStatus) => void;
  /** Waits (for backoff); injected so that tests never sleep on the wall clock. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
};

const realSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    // Poked while the exchange ran: go round again at once.
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * What an exchange does once the pull is in: own changes the log refused are folded away (rows
 * as every other PC has them), then photos are fetched, last: the records they belong to are in
 * and usable already. A refold that failed does not hold photos back; its failure is thrown
 * after them.
 */
export const afterPull = async (apply: ApplyContext, client: HubClient): Promise<void> => {
  let failed: { error: unknown } | undefined;
  try {
    await refoldRefused(apply, client);
  } catch (error) {
    failed = { error };
  }
  await fetchAttachments(apply.db, client);
  if (failed) throw failed.error;
};

const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000];
/** Even with the live channel up, a quiet exchange now and then notices what it missed. */
const IDLE_MS = 60_000;

/**
 * The device's sync loop: push the outbox, pull after the cursor, then wait until something
 * changes (a local write, the hub's live channel saying its log grew) or the backoff ends.
 * Offline is a state, not an error: work goes on locally and merges when the hub answers again.
 */
export const createSyncEngine = (options: SyncEngineOptions) => {
  const { apply, link } = options;
  const { db } = apply;
  const sleep = options.sleep ?? realSleep;
  const client: HubClient = createHubClient({
    url: link.url,
    token: link.token,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const stop = new AbortController();
  let wake: AbortController = new AbortController();
  let status: SyncStatus = { state: 'syncing', pending: 0 };
  let failures = 0;

  const publish = (next: Partial<SyncStatus>) => {
    status = { ...status, ...next };
    options.onStatus?.(status);
  };
  const seeHub = (stamp: HubStamp) => {
    publish({ clockOffsetMs: apply.clock.now() - stamp.time });
  };
  const poke = () => wake.abort();

  /** One full exchange: everything pending goes up, everything new comes down. */
  const syncOnce = async (): Promise<void> => {
    publish({ state: 'syncing' });
    await syncUp(apply, client, seeHub);
    const onHub = (stamp: HubStamp) => {
      seeHub(stamp);
      publish({ lastSyncAt: stamp.time });
    };
    await syncDown(apply, client, {
      onHub,
      onProgress: (progress) => {
        const since = status.initial ?? {
          startedAt: apply.clock.now(),
          startedApplied: progress.applied,
        };
        publish({
          initial: {
            ...progress,
            startedAt: since.startedAt,
            startedApplied: since.startedApplied,
          },
        });
      },
      onComplete: () => publish({ initial: undefined }),
    });
    await afterPull(apply, client);
    publish({ state: 'online', pending: await db.outbox.count() });
  };

  const describe = (error: unknown): Partial<SyncStatus> => {
    if (error instanceof HubRequestError) {
      if (error.status === 401 || error.reason === 'revoked')
        return {
          state: 'revoked',
          error: {
            zh: '此工作站已被移出诊所同步，请联系负责人重新配对。',
            en: "This workstation was removed from the clinic's sync. Ask the owner to pair it again.",
          },
        };
      if (error.reason === 'network')
        return {
          state: 'offline',
          error: {
            zh: '无法连接同步服务，可继续离线工作，恢复连接后自动合并。',
            en: 'The sync service cannot be reached. Keep working; changes merge by themselves once it is back.',
          },
        };
      if (error.body.message) return { state: 'error', error: error.body.message };
    }
    return {
      state: 'error',
      error: {
        zh: '同步出错，稍后自动重试。',
        en: `Sync failed and will be retried: ${String(error).slice(0, 200)}`,
      },
    };
  };

  const loop = async () => {
    while (!stop.signal.aborted) {
      wake = new AbortController();
      const signal = AbortSignal.any([wake.signal, stop.signal]);
      try {
        await syncOnce();
        failures = 0;
        await sleep(IDLE_MS, signal);
      } catch (error) {
        const next = describe(error);
        publish({ ...next, pending: await db.outbox.count().catch(() => status.pending) });
        if (next.state === 'revoked') return;
        await sleep(BACKOFF_MS[Math.min(failures++, BACKOFF_MS.length - 1)]!, signal);
      }
    }
  };

  /** The live channel only wakes the loop; reconnects with backoff while the engine runs. */
  const listen = async () => {
    let attempt = 0;
    while (!stop.signal.aborted) {
      try {
        const ended = await client.live({
          signal: stop.signal,
          onHello: () => {
            attempt = 0;
            poke();
          },
          // The log grew past what this PC holds (its own push coming back is no news).
          onLogEnd: (logEnd) =>
            void db.syncState.get(CURSOR_KEY).then((cursor) => {
              if (logEnd > ((cursor?.value as number | undefined) ?? 0)) poke();
            }, poke),
        });
        if (ended === 'revoked') {
          publish(describe(new HubRequestError(401, 'revoked', {})));
          stop.abort();
          return;
        }
      } catch {
        // offline: the loop says so; try again after a while
      }
      await sleep(BACKOFF_MS[Math.min(attempt++, BACKOFF_MS.length - 1)]!, stop.signal);
    }
  };

  // A local write lands in the outbox: push it now.
  const outboxWatch = liveQuery(() => db.outbox.count()).subscribe({
    next: (pending) => {
      publish({ pending });
      if (pending > 0) poke();
    },
    error: () => undefined,
  });

  const running = Promise.all([loop(), listen()]);

  return {
    get status() {
      return status;
    },
    /** Asks for an exchange now (after pairing, or a "sync now" click). */
    poke,
    syncOnce,
    async stop() {
      stop.abort();
      poke();
      outboxWatch.unsubscribe();
      await running;
    },
  };
};

export type SyncEngine = ReturnType<typeof createSyncEngine>;
