import { z } from 'zod';
import { systemClock } from '../../shared/clock/clock';
import { DataDirLockedError } from './data-dir-lock';
import { startHub, type RunningHub } from './hub';

/**
 * The hub in a process of its own, driven by messages: in the desktop app an Electron
 * `utilityProcess` (better-sqlite3 is synchronous and would block the window in the main
 * process), in tests a Node `fork`. Every message from the parent is validated.
 */
export const hubWorkerRequestSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('start'),
      dataDir: z.string().min(1).max(4096),
      host: z.string().min(1).max(255),
      port: z.number().int().min(0).max(65_535),
      tls: z
        .object({ cert: z.string().max(65_536), key: z.string().max(65_536) })
        .strict()
        .optional(),
    })
    .strict(),
  z.object({ kind: z.literal('pair-code'), admin: z.boolean() }).strict(),
  z.object({ kind: z.literal('stop') }).strict(),
]);
export type HubWorkerRequest = z.infer<typeof hubWorkerRequestSchema>;

export type HubWorkerReply =
  | { kind: 'started'; url: string; port: number }
  | { kind: 'pair-code'; code: string; expiresAt: number }
  | { kind: 'stopped' }
  | {
      kind: 'failed';
      reason: 'locked' | 'port-in-use' | 'invalid-request' | 'not-running' | 'failed';
    }
  | { kind: 'log'; event: string; fields: Record<string, string | number | boolean> };

type Port = {
  postMessage(message: HubWorkerReply): void;
  on(event: 'message', listener: (message: unknown) => void): void;
};

/** Electron's utilityProcess gives `process.parentPort` (messages arrive as `{ data }`); Node's fork gives `process.send`. */
const parentPort = (): Port => {
  const electronPort = (
    process as unknown as {
      parentPort?: {
        postMessage(m: unknown): void;
        on(e: 'message', l: (m: { data: unknown }) => void): void;
      };
    }
  ).parentPort;
  if (electronPort) {
    return {
      postMessage: (message) => electronPort.postMessage(message),
      on: (_event, listener) => electronPort.on('message', (message) => listener(message.data)),
    };
  }
  return {
    postMessage: (message) => process.send?.(message),
    on: (_event, listener) => process.on('message', listener),
  };
};

export const runHubWorker = (port: Port = parentPort()): void => {
  let hub: RunningHub | null = null;
  const handle = async (raw: unknown): Promise<HubWorkerReply> => {
    const parsed = hubWorkerRequestSchema.safeParse(raw);
    if (!parsed.success) return { kind: 'failed', reason: 'invalid-request' };
    const request = parsed.data;
    if (request.kind === 'start') {
      if (hub) return { kind: 'started', url: hub.url, port: hub.port };
      try {
        hub = await startHub({
          dataDir: request.dataDir,
          host: request.host,
          port: request.port,
          tls: request.tls
            ? { cert: Buffer.from(request.tls.cert), key: Buffer.from(request.tls.key) }
            : undefined,
          clock: systemClock,
          log: (event, fields) => port.postMessage({ kind: 'log', event, fields: fields ?? {} }),
        });
        return { kind: 'started', url: hub.url, port: hub.port };
      } catch (error) {
        if (error instanceof DataDirLockedError) return { kind: 'failed', reason: 'locked' };
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
          return { kind: 'failed', reason: 'port-in-use' };
        return { kind: 'failed', reason: 'failed' };
      }
    }
    if (!hub) return { kind: 'failed', reason: 'not-running' };
    if (request.kind === 'pair-code') {
      const code = await hub.store.createPairingCode(request.admin);
      return { kind: 'pair-code', code: code.code, expiresAt: code.expiresAt };
    }
    await hub.close();
    hub = null;
    return { kind: 'stopped' };
  };
  // One request at a time, in the order they came.
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (message) => {
    queue = queue.then(async () => port.postMessage(await handle(message)));
  });
};

if ((process as unknown as { parentPort?: unknown }).parentPort || process.send) runHubWorker();
