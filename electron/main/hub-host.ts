import { readFile } from 'node:fs/promises';
import type { NetworkInterfaceInfo } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { HubHostFailure, HubHostStatus, HubPairingCode } from '../../shared/bridge/hub-host';
import { createAtomicWriter } from './backup/atomic-file';

/** The hub's usual port (`clinicdesk hub`'s default, the Sync screen's example address). */
export const DEFAULT_HUB_PORT = 7300;
/** Every address of this PC: the clinic's other PCs reach the hub over the LAN. */
export const HUB_LISTEN_HOST = '0.0.0.0';
/** Under userData: the hub's SQLite store and its lock. */
export const HUB_DATA_FOLDER = 'hub';
/** Under userData: whether this PC hosts the hub, so that it starts again with the app. */
export const HUB_SETTINGS_FILE = 'hub-host.json';

/**
 * The requests server/hub/hub-worker.ts understands (it validates each one again). Mirrored here
 * rather than imported: the desktop's main process does not reach into the hub's code
 * (eslint.config.js); hub-host.test.ts runs this module against the real, bundled worker.
 */
export type HubWorkerRequest =
  | { kind: 'start'; dataDir: string; host: string; port: number }
  | { kind: 'pair-code'; admin: boolean }
  | { kind: 'stop' };

/** Its answers: exactly one per request, in order, with log lines in between. */
const workerReplySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('started'), url: z.string(), port: z.number().int().min(1) }),
  z.object({ kind: z.literal('pair-code'), code: z.string(), expiresAt: z.number() }),
  z.object({ kind: z.literal('stopped') }),
  z.object({ kind: z.literal('failed'), reason: z.string() }),
  z.object({ kind: z.literal('log'), event: z.string().max(100) }),
]);
type WorkerReply = z.infer<typeof workerReplySchema>;

/**
 * The part of Electron's `UtilityProcess` the host uses (in tests: a Node child process behind
 * the same four members). In the parent, a utility process's 'message' carries the value itself.
 */
export type HubWorkerProcess = {
  postMessage(message: HubWorkerRequest): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  once(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
};

export type HubHostDeps = {
  /** Starts the bundled hub worker in a process of its own: `utilityProcess.fork` on the desktop. */
  fork: () => HubWorkerProcess;
  /** Electron's userData folder. */
  userData: string;
  /** `os.networkInterfaces`: where the LAN reaches this PC. */
  networkInterfaces: () => NodeJS.Dict<NetworkInterfaceInfo[]>;
  /** Fixed text and the hub's event names only, never what a request carried. */
  log?: (line: string) => void;
  /** Default 7300; 0 (tests): any free port. userData/hub-host.json may name another. */
  port?: number;
  /** How long the hub may take to open its store and listen; default 60 s. */
  startTimeoutMs?: number;
  /** How long a pairing code or a clean stop may take; default 15 s. */
  requestTimeoutMs?: number;
};

export class HubHostError extends Error {
  constructor(readonly reason: 'not-running' | 'failed' | 'exited' | 'timeout') {
    super(`sync hub: ${reason}`);
    this.name = 'HubHostError';
  }
}

const settingsSchema = z.object({
  version: z.literal(1),
  enabled: z.boolean(),
  /** Absent: DEFAULT_HUB_PORT. Only support edits it, when another program holds 7300. */
  port: z.number().int().min(1).max(65_535).optional(),
});
type Settings = z.infer<typeof settingsSchema>;

const PRIVATE_LAN = [/^192\.168\./, /^10\./, /^172\.(1[6-9]|2\d|3[01])\./];

/**
 * The hub's address for each non-internal IPv4 address of this PC, the usual private LAN ranges
 * first. Link-local addresses (169.254.x.x, no DHCP answer) are left out: no other PC uses them.
 */
export const lanUrls = (interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>, port: number) => {
  const addresses = new Set<string>();
  for (const entries of Object.values(interfaces)) {
    for (const entry of entries ?? []) {
      // Node 18.0–18.3 said 4 instead of 'IPv4'.
      const ipv4 = entry.family === 'IPv4' || (entry.family as unknown) === 4;
      if (ipv4 && !entry.internal && !entry.address.startsWith('169.254.'))
        addresses.add(entry.address);
    }
  }
  const rank = (address: string) => (PRIVATE_LAN.some((range) => range.test(address)) ? 0 : 1);
  return [...addresses]
    .sort((a, b) => rank(a) - rank(b))
    .slice(0, 16)
    .map((address) => `http://${address}:${port}`);
};

type Worker = {
  /** Sends one request and waits for its answer; rejects when the worker ends or times out. */
  ask(request: HubWorkerRequest, timeoutMs: number): Promise<WorkerReply>;
  /** Ends the process and waits (a bounded time) until it has. */
  end(timeoutMs: number): Promise<void>;
};

const startWorker = (deps: HubHostDeps, onExit: () => void): Worker => {
  const child = deps.fork();
  type Pending = { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void };
  const pending: Pending[] = [];
  const forget = (entry: Pending) => {
    const index = pending.indexOf(entry);
    if (index >= 0) pending.splice(index, 1);
  };
  let exited = false;
  let markExited: () => void = () => undefined;
  const exitedPromise = new Promise<void>((resolve) => (markExited = resolve));

  child.on('message', (raw) => {
    const parsed = workerReplySchema.safeParse(raw);
    if (parsed.success && parsed.data.kind === 'log') {
      deps.log?.(`event ${parsed.data.event}`);
      return;
    }
    // Anything else answers the oldest request; an answer of the wrong shape is a failure.
    pending.shift()?.resolve(parsed.success ? parsed.data : { kind: 'failed', reason: 'failed' });
  });
  child.once('exit', () => {
    exited = true;
    for (const waiting of pending.splice(0)) waiting.reject(new HubHostError('exited'));
    markExited();
    onExit();
  });

  const ask = (request: HubWorkerRequest, timeoutMs: number) =>
    new Promise<WorkerReply>((resolve, reject) => {
      if (exited) {
        reject(new HubHostError('exited'));
        return;
      }
      // A worker that does not answer is of no further use: later answers would not pair up.
      const timer = setTimeout(() => {
        forget(entry);
        reject(new HubHostError('timeout'));
        child.kill();
      }, timeoutMs);
      const entry: Pending = {
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      pending.push(entry);
      try {
        child.postMessage(request);
      } catch {
        forget(entry);
        entry.reject(new HubHostError('failed'));
      }
    });

  const end = async (timeoutMs: number) => {
    if (!exited) child.kill();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      exitedPromise,
      new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
  };

  return { ask, end };
};

/**
 * This PC as the clinic's sync hub. The hub runs in a process of its own (better-sqlite3 is
 * synchronous and would stall the window in the main process) on userData/hub, on port 7300 of
 * every address. The owner's choice is remembered in userData/hub-host.json: `resume` at launch
 * starts the hub again, `shutdown` at quit stops it without forgetting. One operation at a time;
 * `status` waits for the one under way.
 */
export const createHubHost = (deps: HubHostDeps) => {
  const settingsFile = join(deps.userData, HUB_SETTINGS_FILE);
  const dataDir = join(deps.userData, HUB_DATA_FOLDER);
  const startTimeoutMs = deps.startTimeoutMs ?? 60_000;
  const requestTimeoutMs = deps.requestTimeoutMs ?? 15_000;
  const writeAtomically = createAtomicWriter();

  let settings: Settings | undefined;
  type Running = { worker: Worker; port: number; stopping: boolean };
  let running: Running | null = null;
  let failure: HubHostFailure | undefined;

  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  /** A missing or damaged file: the hub stays off until the owner turns it on. */
  const loadSettings = async (): Promise<Settings> => {
    if (settings) return settings;
    try {
      const parsed = settingsSchema.safeParse(JSON.parse(await readFile(settingsFile, 'utf8')));
      settings = parsed.success ? parsed.data : { version: 1, enabled: false };
    } catch {
      settings = { version: 1, enabled: false };
    }
    return settings;
  };

  const remember = async (enabled: boolean) => {
    const current = await loadSettings();
    settings = { ...current, enabled };
    try {
      await writeAtomically(settingsFile, `${JSON.stringify(settings, null, 2)}\n`);
    } catch {
      deps.log?.('the choice could not be saved');
    }
  };

  const snapshot = (): HubHostStatus => {
    const port = running?.port ?? settings?.port ?? deps.port ?? DEFAULT_HUB_PORT;
    let urls: string[] = [];
    if (running) {
      try {
        urls = lanUrls(deps.networkInterfaces(), port);
      } catch {
        urls = [];
      }
    }
    return {
      enabled: settings?.enabled ?? false,
      state: running ? 'running' : failure ? 'failed' : 'off',
      port,
      localUrl: `http://127.0.0.1:${port}`,
      lanUrls: urls,
      tls: false,
      ...(!running && failure ? { failure } : {}),
    };
  };

  const start = async (): Promise<void> => {
    if (running) return;
    failure = undefined;
    const port = (await loadSettings()).port ?? deps.port ?? DEFAULT_HUB_PORT;
    const entry: Running = { worker: undefined as unknown as Worker, port, stopping: false };
    try {
      entry.worker = startWorker(deps, () => {
        if (running !== entry || entry.stopping) return;
        running = null;
        failure = 'exited';
        deps.log?.('its process ended by itself');
      });
    } catch {
      failure = 'failed';
      deps.log?.('its process could not be created');
      return;
    }
    let reply: WorkerReply;
    try {
      reply = await entry.worker.ask(
        { kind: 'start', dataDir, host: HUB_LISTEN_HOST, port },
        startTimeoutMs,
      );
    } catch {
      reply = { kind: 'failed', reason: 'failed' };
    }
    if (reply.kind === 'started') {
      entry.port = reply.port;
      running = entry;
      deps.log?.('started');
      return;
    }
    failure =
      reply.kind === 'failed' && (reply.reason === 'port-in-use' || reply.reason === 'locked')
        ? reply.reason
        : 'failed';
    deps.log?.(`did not start: ${failure}`);
    entry.stopping = true;
    await entry.worker.end(requestTimeoutMs);
  };

  /** A clean stop (the store closed, the lock released), then the process ends. */
  const stop = async (): Promise<void> => {
    const entry = running;
    running = null;
    if (!entry) return;
    entry.stopping = true;
    try {
      await entry.worker.ask({ kind: 'stop' }, requestTimeoutMs);
    } catch {
      deps.log?.('did not stop cleanly');
    }
    await entry.worker.end(requestTimeoutMs);
    deps.log?.('stopped');
  };

  return {
    status: () =>
      serial(async () => {
        await loadSettings();
        return snapshot();
      }),

    turnOn: () =>
      serial(async () => {
        await start();
        if (running && !settings?.enabled) await remember(true);
        return snapshot();
      }),

    turnOff: () =>
      serial(async () => {
        await remember(false);
        failure = undefined;
        await stop();
        return snapshot();
      }),

    createPairingCode: ({ admin }: { admin: boolean }) =>
      serial(async (): Promise<HubPairingCode> => {
        if (!running) throw new HubHostError('not-running');
        const reply = await running.worker.ask({ kind: 'pair-code', admin }, requestTimeoutMs);
        if (reply.kind !== 'pair-code')
          throw new HubHostError(
            reply.kind === 'failed' && reply.reason === 'not-running' ? 'not-running' : 'failed',
          );
        return { code: reply.code, expiresAt: reply.expiresAt };
      }),

    /** At launch: the hub starts again when the owner had turned it on. */
    resume: () =>
      serial(async () => {
        if ((await loadSettings()).enabled) await start();
        return snapshot();
      }),

    /** At quit: stops the hub, and it starts again at the next launch if it was on. */
    shutdown: () => serial(stop),

    isRunning: () => running !== null,
  };
};

export type DesktopHubHost = ReturnType<typeof createHubHost>;
