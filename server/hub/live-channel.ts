import type { ServerResponse } from 'node:http';
import type { HubStamp } from '../../shared/sync/protocol';
import type { HubStore } from './hub-store';

/**
 * The live channel (server-sent events) says only "the log now ends at seq N": a device then
 * pulls. It carries no data, so a missed event costs at most one poll interval.
 */
export type LiveChannels = {
  open: Map<ServerResponse, string>;
  closeAll(): void;
  stop(): void;
};

export const createLiveChannels = (
  store: HubStore,
  options: { heartbeatMs: number; onError?: () => void },
): LiveChannels => {
  const open = new Map<ServerResponse, string>();
  const told = new WeakMap<ServerResponse, number>();
  const send = (response: ServerResponse, text: string) => {
    if (!response.writableEnded) response.write(text);
  };
  const revoke = (response: ServerResponse) => {
    send(response, 'event: revoked\ndata: {}\n\n');
    response.end();
    open.delete(response);
  };
  const unsubscribe = store.onEvent((event) => {
    for (const [response, deviceId] of open) {
      if (event.kind === 'log') {
        // The same end may be heard twice (this process, then PostgreSQL's NOTIFY): say it once.
        if (event.logEnd <= (told.get(response) ?? -1)) continue;
        told.set(response, event.logEnd);
        send(response, `event: log\ndata: {"logEnd":${event.logEnd}}\n\n`);
      } else if (event.deviceId === deviceId) revoke(response);
    }
  });
  // Heartbeats keep proxies from closing a quiet stream; each also re-checks the token, so a
  // revocation made by another hub process on the same PostgreSQL closes the channel too.
  const timer = setInterval(() => {
    for (const [response, deviceId] of open) {
      send(response, ': ping\n\n');
      void store
        .isRevoked(deviceId)
        .then((revoked) => {
          if (revoked) revoke(response);
        })
        .catch(() => options.onError?.());
    }
  }, options.heartbeatMs);
  timer.unref();
  return {
    open,
    closeAll() {
      for (const response of open.keys()) response.end();
      open.clear();
    },
    stop() {
      clearInterval(timer);
      unsubscribe();
    },
  };
};

export const openLiveChannel = async (
  channels: LiveChannels,
  deviceId: string,
  response: ServerResponse,
  stamp: HubStamp,
): Promise<void> => {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  response.write(`event: hello\ndata: ${JSON.stringify(stamp)}\n\n`);
  channels.open.set(response, deviceId);
  response.on('close', () => channels.open.delete(response));
};
