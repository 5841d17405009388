import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  attachmentQuerySchema,
  entityIdSchema,
  HUB_HEADERS,
  pairingCodeRequestSchema,
  pairRequestSchema,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  pullQuerySchema,
  pushRequestSchema,
  SNAPSHOT_HEADERS,
  SYNC_LIMITS,
  tableNameSchema,
  WIRE_SCHEMA_VERSION,
  type HubInfo,
  type HubStamp,
  type PairingCodeResponse,
  type PairResponse,
  type PushResponse,
} from '../../shared/sync/protocol';
import { MERGE_SPECS } from '../../shared/sync/merge-spec';
import type { AuthenticatedDevice } from './device-store';
import { HubError, isStorageFull, isUnavailable } from './hub-error';
import type { HubStore } from './hub-store';
import { bearerToken, createPairingThrottle, parseJson, readBody, sendJson } from './http-util';
import { openLiveChannel, type LiveChannels } from './live-channel';
import { entryJson } from './snapshot-store';

/** What the hub writes to its log: events and counts, never a change's content. */
export type HubLog = (event: string, fields?: Record<string, string | number | boolean>) => void;

export type HubHandlerOptions = {
  store: HubStore;
  now: () => number;
  log: HubLog;
  live: LiveChannels;
  /** Origins a browser-mode app may call from (besides loopback pages and the desktop app). */
  allowedOrigins?: readonly string[];
  /** Called after a push took changes, so snapshots can be kept up to date. */
  afterPush?: () => void;
};

const PROTOCOL_RANGE = { min: 1, max: PROTOCOL_VERSION };
const SCHEMA_RANGE = { min: 1, max: WIRE_SCHEMA_VERSION };

const LOOPBACK_ORIGIN = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;
const APP_ORIGIN = 'app://clinicdesk';

type Route = {
  method: string;
  pattern: RegExp;
  auth: 'none' | 'device' | 'admin';
  handle: (context: RequestContext) => Promise<void>;
};

type RequestContext = {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  params: string[];
  device: AuthenticatedDevice | null;
  stamp: () => Promise<HubStamp>;
};

const checkProtocol = (request: IncomingMessage): void => {
  const version = Number(request.headers[PROTOCOL_HEADER]);
  if (!Number.isInteger(version) || version < PROTOCOL_RANGE.min) {
    throw new HubError('client-too-old', { accepts: PROTOCOL_RANGE });
  }
  if (version > PROTOCOL_RANGE.max) throw new HubError('hub-too-old', { accepts: PROTOCOL_RANGE });
};

const requireDevice = (context: RequestContext): AuthenticatedDevice => {
  if (!context.device) throw new HubError('unauthenticated');
  return context.device;
};

/** The hub's HTTP API (docs/sync-protocol.md): one handler for plain HTTP and TLS servers. */
export const createHubHandler = (options: HubHandlerOptions) => {
  const { store, log, live } = options;
  const throttle = createPairingThrottle(options.now);
  const smallBody = (request: IncomingMessage) =>
    readBody(request, SYNC_LIMITS.smallBodyMaxBytes, { maxBytes: SYNC_LIMITS.smallBodyMaxBytes });

  const routes: Route[] = [
    {
      method: 'GET',
      pattern: /^\/v1\/hub$/,
      auth: 'device',
      handle: async ({ response, stamp }) => {
        const [info, manifest] = await Promise.all([
          store.info(),
          store.snapshotManifest().catch(() => null),
        ]);
        sendJson(response, 200, {
          clinicId: info.clinicId ?? '',
          clinicName: info.clinicName ?? '',
          horizon: info.horizon,
          snapshotSeq: manifest?.seq ?? 0,
          protocol: PROTOCOL_RANGE,
          schema: SCHEMA_RANGE,
          limits: SYNC_LIMITS,
          hub: await stamp(),
        } satisfies HubInfo);
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/push$/,
      auth: 'device',
      handle: async (context) => {
        const device = requireDevice(context);
        const limits = {
          maxChanges: SYNC_LIMITS.pushMaxChanges,
          maxBytes: SYNC_LIMITS.pushMaxBytes,
        };
        const body = await readBody(context.request, SYNC_LIMITS.pushMaxBytes, limits);
        let count = 0;
        try {
          count =
            (JSON.parse(body.toString('utf8')) as { changes?: unknown[] }).changes?.length ?? 0;
        } catch {
          // parseJson says why below
        }
        if (count > SYNC_LIMITS.pushMaxChanges) throw new HubError('too-large', { limits });
        const { changes } = parseJson(body, pushRequestSchema);
        for (const change of changes) {
          if (change.schemaVersion > SCHEMA_RANGE.max)
            throw new HubError('hub-too-old', { accepts: SCHEMA_RANGE });
        }
        const outcome = await store.push(device.id, changes);
        log('push', {
          device: device.id,
          changes: changes.length,
          accepted: outcome.accepted,
          logEnd: outcome.logEnd,
        });
        if (outcome.accepted > 0) options.afterPush?.();
        sendJson(context.response, 200, {
          ackedThrough: outcome.ackedThrough,
          accepted: outcome.accepted,
          duplicates: outcome.duplicates,
          hub: await context.stamp(),
        } satisfies PushResponse);
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/changes$/,
      auth: 'device',
      handle: async (context) => {
        const device = requireDevice(context);
        const parsed = pullQuerySchema.safeParse(Object.fromEntries(context.url.searchParams));
        if (!parsed.success) throw new HubError('malformed', { detail: 'after, limit, maxBytes' });
        const page = await store.pull(device.id, parsed.data);
        const hub = await context.stamp();
        // Assembled from the stored JSON: the hub never parses a change's content to serve it.
        const changes = page.rows.map(entryJson).join(',');
        sendJson(
          context.response,
          200,
          `{"changes":[${changes}],"next":${page.next},"more":${page.more},"hub":${JSON.stringify(hub)}}`,
        );
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/rows\/([^/]+)\/([^/]+)$/,
      auth: 'device',
      handle: async (context) => {
        requireDevice(context);
        const [table, entityId] = context.params.map((param) => {
          try {
            return decodeURIComponent(param);
          } catch {
            return '';
          }
        });
        // The same names a change may carry, of a table the clinic syncs (not a device's own).
        const kind = MERGE_SPECS[table!]?.kind;
        if (
          !tableNameSchema.safeParse(table).success ||
          !entityIdSchema.safeParse(entityId).success ||
          kind === undefined ||
          kind === 'local'
        )
          throw new HubError('malformed', { detail: 'table (a synced one) and entity id' });
        const rows = await store.rowHistory(table!, entityId!);
        const hub = await context.stamp();
        sendJson(
          context.response,
          200,
          `{"entries":[${rows.map(entryJson).join(',')}],"hub":${JSON.stringify(hub)}}`,
        );
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/live$/,
      auth: 'device',
      handle: async (context) => {
        const device = requireDevice(context);
        await openLiveChannel(live, device.id, context.response, await context.stamp());
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/snapshot$/,
      auth: 'device',
      handle: async ({ response, stamp }) => {
        const manifest = await store.snapshotManifest();
        response.setHeader(SNAPSHOT_HEADERS.seq, String(manifest.seq));
        response.setHeader(SNAPSHOT_HEADERS.format, manifest.format);
        sendJson(response, 200, { ...manifest, hub: await stamp() });
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/snapshot\/segments\/(\d{1,12})$/,
      auth: 'device',
      handle: async ({ response, params, stamp }) => {
        const chunks = store.segmentChunks(Number(params[0]));
        const first = await chunks.next();
        await stamp();
        response.writeHead(200, {
          'content-type': 'application/gzip',
          'cache-control': 'no-store',
        });
        if (!first.done) response.write(first.value);
        for await (const chunk of chunks) {
          if (!response.write(chunk))
            await new Promise((resolve) => response.once('drain', resolve));
        }
        response.end();
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/pair$/,
      auth: 'none',
      handle: async ({ request, response, stamp }) => {
        const address = request.socket.remoteAddress ?? 'unknown';
        throttle.check(address);
        const pairing = parseJson(await smallBody(request), pairRequestSchema);
        let paired;
        try {
          paired = await store.pair(pairing);
        } catch (error) {
          if (error instanceof HubError && error.reason === 'wrong-code') {
            throttle.fail(address);
            log('pair-refused', { address });
          }
          throw error;
        }
        log('paired', { device: paired.deviceId, admin: paired.admin });
        sendJson(response, 200, { ...paired, hub: await stamp() } satisfies PairResponse);
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/pairing-codes$/,
      auth: 'admin',
      handle: async ({ request, response, stamp, device }) => {
        const { admin } = parseJson(await smallBody(request), pairingCodeRequestSchema);
        const code = await store.createPairingCode(admin);
        log('pairing-code', { by: device!.id, admin });
        sendJson(response, 200, { ...code, hub: await stamp() } satisfies PairingCodeResponse);
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/devices$/,
      auth: 'admin',
      handle: async ({ response, stamp }) => {
        sendJson(response, 200, { devices: await store.listDevices(), hub: await stamp() });
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/devices\/([0-9a-f-]{36})\/revoke$/,
      auth: 'admin',
      handle: async ({ response, params, stamp, device }) => {
        await store.revokeDevice(params[0]!);
        log('revoked', { device: params[0]!, by: device!.id });
        sendJson(response, 200, { revoked: params[0], hub: await stamp() });
      },
    },
    {
      method: 'PUT',
      pattern: /^\/v1\/attachments\/([0-9a-f]{64})$/,
      auth: 'device',
      handle: async ({ request, response, params, stamp }) => {
        const limits = { maxBytes: SYNC_LIMITS.attachmentMaxBytes };
        const data = await readBody(request, SYNC_LIMITS.attachmentMaxBytes, limits);
        const result = await store.putAttachment(params[0]!, data);
        sendJson(response, result === 'stored' ? 201 : 200, {
          hash: params[0],
          result,
          hub: await stamp(),
        });
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/attachments\/([0-9a-f]{64})$/,
      auth: 'device',
      handle: async ({ response, params, stamp }) => {
        const data = await store.getAttachment(params[0]!);
        await stamp();
        response.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': data.length,
          'cache-control': 'no-store',
        });
        response.end(data);
      },
    },
    {
      method: 'HEAD',
      pattern: /^\/v1\/attachments\/([0-9a-f]{64})$/,
      auth: 'device',
      handle: async ({ response, params, stamp }) => {
        const missing = await store.missingAttachments([params[0]!]);
        await stamp();
        response.writeHead(missing.length > 0 ? 404 : 200).end();
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/attachments\/missing$/,
      auth: 'device',
      handle: async ({ request, response, stamp }) => {
        const limits = { maxBytes: 128 * 1024 };
        const { hashes } = parseJson(
          await readBody(request, limits.maxBytes, limits),
          attachmentQuerySchema,
        );
        sendJson(response, 200, {
          missing: await store.missingAttachments(hashes),
          hub: await stamp(),
        });
      },
    },
  ];

  const corsHeaders = (request: IncomingMessage, response: ServerResponse): void => {
    const origin = request.headers.origin;
    if (!origin) return;
    const allowed =
      LOOPBACK_ORIGIN.test(origin) ||
      origin === APP_ORIGIN ||
      (options.allowedOrigins ?? []).includes(origin);
    if (!allowed) return;
    response.setHeader('access-control-allow-origin', origin);
    response.setHeader('vary', 'Origin');
    response.setHeader(
      'access-control-expose-headers',
      [...Object.values(HUB_HEADERS), ...Object.values(SNAPSHOT_HEADERS)].join(', '),
    );
  };

  const stampHeaders = (response: ServerResponse, stamp: HubStamp): void => {
    if (response.headersSent) return;
    response.setHeader(HUB_HEADERS.epoch, stamp.epoch);
    response.setHeader(HUB_HEADERS.time, String(stamp.time));
    response.setHeader(HUB_HEADERS.logEnd, String(stamp.logEnd));
  };

  const fail = async (context: RequestContext, error: unknown): Promise<void> => {
    const { response } = context;
    let hubError: HubError;
    if (error instanceof HubError) hubError = error;
    else if (isStorageFull(error)) hubError = new HubError('storage-full');
    else if (isUnavailable(error)) hubError = new HubError('unavailable');
    else {
      // The error's text may quote stored values: log only what kind of failure it was.
      log('internal-error', {
        path: context.url.pathname,
        error: (error as Error)?.name ?? 'unknown',
        code: String((error as { code?: unknown })?.code ?? ''),
      });
      if (!response.headersSent) sendJson(response, 500, { error: 'internal' });
      else response.destroy();
      return;
    }
    // Refusals are reported in the hub's log too (a conflicting duplicate may be tampering),
    // by reason and device only.
    log('refused', {
      path: context.url.pathname,
      reason: hubError.reason,
      ...(context.device ? { device: context.device.id } : {}),
      ...(typeof hubError.details.deviceSeq === 'number'
        ? { deviceSeq: hubError.details.deviceSeq }
        : {}),
    });
    if (response.headersSent) {
      response.destroy();
      return;
    }
    // Only a device that proved its token hears where the log ends: a caller without one (or
    // with a revoked one) learns nothing about the clinic's log, not even that it has one.
    const stamp =
      hubError.reason === 'unavailable' || !context.device
        ? undefined
        : await context.stamp().catch(() => undefined);
    if (stamp) stampHeaders(response, stamp);
    if (hubError.reason === 'rate-limited') {
      response.setHeader('retry-after', String(hubError.details.retryAfterSeconds ?? 60));
    }
    if (hubError.reason === 'too-large' || hubError.reason === 'malformed')
      response.setHeader('connection', 'close');
    sendJson(response, hubError.status, {
      error: hubError.reason,
      message: hubError.sentence,
      ...hubError.details,
      ...(stamp ? { hub: stamp } : {}),
    });
  };

  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://hub.invalid');
    let cachedStamp: Promise<HubStamp> | undefined;
    const context: RequestContext = {
      request,
      response,
      url,
      params: [],
      device: null,
      stamp: () => {
        cachedStamp ??= store.stamp().then((stamp) => {
          stampHeaders(response, stamp);
          return stamp;
        });
        return cachedStamp;
      },
    };
    try {
      corsHeaders(request, response);
      if (request.method === 'OPTIONS') {
        response.writeHead(204, {
          'access-control-allow-methods': 'GET, POST, PUT, HEAD, OPTIONS',
          'access-control-allow-headers': `authorization, content-type, ${PROTOCOL_HEADER}`,
          'access-control-max-age': '600',
        });
        response.end();
        return;
      }
      if (url.pathname === '/health' && request.method === 'GET') {
        sendJson(response, 200, { ok: true, protocol: PROTOCOL_RANGE });
        return;
      }
      const route = routes.find((r) => r.method === request.method && r.pattern.test(url.pathname));
      if (!route) throw new HubError('not-found');
      checkProtocol(request);
      context.params = route.pattern.exec(url.pathname)!.slice(1);
      if (route.auth !== 'none') {
        context.device = await store.authenticate(bearerToken(request));
        if (route.auth === 'admin' && !context.device.admin) throw new HubError('not-admin');
      }
      await route.handle(context);
    } catch (error) {
      await fail(context, error);
    }
  };
};
