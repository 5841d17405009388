import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../shared/clock/clock';
import { createHubHandler, type HubLog } from './http-server';
import { openHubStore, type HubStore } from './hub-store';
import { createLiveChannels } from './live-channel';
import { acquireDataDirLock } from './data-dir-lock';
import type { MaintenanceOptions } from './snapshot-store';
import type { StoreHooks } from './store-core';

export type HubOptions = {
  dataDir: string;
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  postgresUrl?: string;
  tls?: { cert: Buffer; key: Buffer };
  clock: Clock;
  log: HubLog;
  heartbeatMs?: number;
  /** How often snapshots are extended and the log compacted. */
  maintenanceMs?: number;
  maintenance?: MaintenanceOptions;
  hooks?: StoreHooks;
  allowedOrigins?: readonly string[];
};

export type RunningHub = {
  url: string;
  port: number;
  store: HubStore;
  /** Stops taking requests, lets those in flight finish (a push is acknowledged or not at all), then closes. */
  close(): Promise<void>;
};

/** Starts the clinic's sync hub: one process per data folder, SQLite there or PostgreSQL. */
export const startHub = async (options: HubOptions): Promise<RunningHub> => {
  const lock = await acquireDataDirLock(options.dataDir);
  let store: HubStore;
  try {
    store = await openHubStore(
      options.postgresUrl ? { postgresUrl: options.postgresUrl } : { sqliteDir: options.dataDir },
      { clock: options.clock, hooks: options.hooks, maintenance: options.maintenance },
    );
  } catch (error) {
    await lock.release();
    throw error;
  }
  const live = createLiveChannels(store, { heartbeatMs: options.heartbeatMs ?? 15_000 });

  let maintaining: Promise<void> | null = null;
  let again = false;
  const runMaintenance = (): void => {
    if (maintaining) {
      again = true;
      return;
    }
    maintaining = store
      .maintain()
      .then((result) => {
        if (result.built + result.rewritten > 0) options.log('snapshot', { ...result });
      })
      .catch((error: unknown) =>
        options.log('maintenance-failed', { error: (error as Error)?.name ?? 'unknown' }),
      )
      .finally(() => {
        maintaining = null;
        if (again) {
          again = false;
          runMaintenance();
        }
      });
  };
  const maintenanceTimer = setInterval(runMaintenance, options.maintenanceMs ?? 60_000);
  maintenanceTimer.unref();

  const handler = createHubHandler({
    store,
    now: () => options.clock.now(),
    log: options.log,
    live,
    allowedOrigins: options.allowedOrigins,
    afterPush: runMaintenance,
  });
  let inFlight = 0;
  let idle: (() => void) | null = null;
  const listener = (
    request: Parameters<typeof handler>[0],
    response: Parameters<typeof handler>[1],
  ) => {
    inFlight++;
    response.on('close', () => {
      inFlight--;
      if (inFlight === 0) idle?.();
    });
    void handler(request, response);
  };
  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, listener)
    : createHttpServer(listener);
  server.requestTimeout = 120_000;
  // Longer than a client's idle keep-alive (undici: 4 s), so the client, not the hub, closes an
  // idle connection: no request is ever sent on a socket the hub is closing.
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  }).catch(async (error: unknown) => {
    live.stop();
    await store.close();
    await lock.release();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  const scheme = options.tls ? 'https' : 'http';
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;

  let closing: Promise<void> | null = null;
  return {
    url: `${scheme}://${host}:${port}`,
    port,
    store,
    close: () => {
      closing ??= (async () => {
        clearInterval(maintenanceTimer);
        live.stop();
        server.close();
        live.closeAll();
        server.closeIdleConnections();
        if (inFlight > 0) await new Promise<void>((resolve) => (idle = resolve));
        await maintaining;
        await store.close();
        await lock.release();
      })();
      return closing;
    },
  };
};
