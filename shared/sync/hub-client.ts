import {
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type Change,
  type DeviceInfo,
  type HubInfo,
  type HubStamp,
  type PairingCodeResponse,
  type PairResponse,
  type PullResponse,
  type PushResponse,
  type RowHistoryResponse,
  type SnapshotManifest,
  type SyncErrorBody,
  type SyncErrorReason,
} from './protocol';

/** A refusal from the hub, with its reason (what to do) and the body's details. */
export class HubRequestError extends Error {
  constructor(
    readonly status: number,
    readonly reason: SyncErrorReason | 'internal' | 'network',
    readonly body: Partial<SyncErrorBody>,
    /** What the network layer said, for a request that got no answer at all. */
    options?: { cause?: unknown },
  ) {
    super(body.message?.en ?? `hub answered ${status}`, options);
    this.name = 'HubRequestError';
  }
}

export type HubClientOptions = {
  /** e.g. http://192.168.1.20:7300 */
  url: string;
  token?: string;
  fetch?: typeof fetch;
};

/** A typed client of the hub's HTTP API, on `fetch`: the same in the app, the CLI and tests. */
export const createHubClient = (options: HubClientOptions) => {
  const base = options.url.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  let token = options.token;

  const request = async (
    method: string,
    path: string,
    body?: unknown,
    init: { signal?: AbortSignal; raw?: Uint8Array } = {},
  ): Promise<Response> => {
    const headers: Record<string, string> = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
    if (token) headers.authorization = `Bearer ${token}`;
    let payload: BodyInit | undefined;
    if (init.raw) {
      headers['content-type'] = 'application/octet-stream';
      payload = init.raw as unknown as BodyInit;
    } else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers,
        body: payload,
        signal: init.signal,
      });
    } catch (error) {
      throw new HubRequestError(
        0,
        'network',
        { message: { zh: '无法连接同步服务。', en: String(error) } },
        { cause: (error as Error)?.cause ?? error },
      );
    }
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      let parsed: Partial<SyncErrorBody> = {};
      try {
        parsed = JSON.parse(text) as Partial<SyncErrorBody>;
      } catch {
        // not JSON: keep the status
      }
      throw new HubRequestError(
        response.status,
        (parsed.error as SyncErrorReason) ?? 'internal',
        parsed,
      );
    }
    return response;
  };
  const json = async <T>(method: string, path: string, body?: unknown): Promise<T> =>
    (await (await request(method, path, body)).json()) as T;

  return {
    get token() {
      return token;
    },
    health: async (): Promise<{ ok: boolean }> => json('GET', '/health'),
    pair: async (pairing: {
      code: string;
      deviceName: string;
      clinicName?: string;
    }): Promise<PairResponse> => {
      const paired = await json<PairResponse>('POST', '/v1/pair', pairing);
      token = paired.token;
      return paired;
    },
    info: (): Promise<HubInfo> => json('GET', '/v1/hub'),
    push: (changes: readonly Change[]): Promise<PushResponse> =>
      json('POST', '/v1/push', { changes }),
    pull: (
      after: number,
      page: { limit?: number; maxBytes?: number } = {},
    ): Promise<PullResponse> => {
      const query = new URLSearchParams({ after: String(after) });
      if (page.limit) query.set('limit', String(page.limit));
      if (page.maxBytes) query.set('maxBytes', String(page.maxBytes));
      return json('GET', `/v1/changes?${query}`);
    },
    /**
     * One row's accepted history (every entry the hub holds of it, not refused, in seq order):
     * what the author's device re-applies to undo a refused transaction's change.
     */
    rowHistory: (table: string, entityId: string): Promise<RowHistoryResponse> =>
      json('GET', `/v1/rows/${encodeURIComponent(table)}/${encodeURIComponent(entityId)}`),
    createPairingCode: (admin = false): Promise<PairingCodeResponse> =>
      json('POST', '/v1/pairing-codes', { admin }),
    devices: (): Promise<{ devices: DeviceInfo[]; hub: HubStamp }> => json('GET', '/v1/devices'),
    revoke: (deviceId: string): Promise<{ revoked: string }> =>
      json('POST', `/v1/devices/${encodeURIComponent(deviceId)}/revoke`, {}),
    snapshot: (): Promise<SnapshotManifest & { hub: HubStamp }> => json('GET', '/v1/snapshot'),
    /** One snapshot segment: gzip'd NDJSON of log entries. */
    segment: async (id: number): Promise<Uint8Array> =>
      new Uint8Array(await (await request('GET', `/v1/snapshot/segments/${id}`)).arrayBuffer()),
    putAttachment: async (hash: string, bytes: Uint8Array): Promise<void> => {
      await request('PUT', `/v1/attachments/${hash}`, undefined, { raw: bytes });
    },
    getAttachment: async (hash: string): Promise<Uint8Array> =>
      new Uint8Array(await (await request('GET', `/v1/attachments/${hash}`)).arrayBuffer()),
    missingAttachments: async (hashes: readonly string[]): Promise<string[]> =>
      (await json<{ missing: string[] }>('POST', '/v1/attachments/missing', { hashes })).missing,
    /**
     * Opens the live channel; `onLogEnd` hears each new end of the log. Resolves when the stream
     * ends: `revoked` when the hub closed it because this device was revoked.
     */
    live: async (handlers: {
      onHello?: (stamp: HubStamp) => void;
      onLogEnd: (logEnd: number) => void;
      signal?: AbortSignal;
    }): Promise<'ended' | 'revoked'> => {
      const response = await request('GET', '/v1/live', undefined, { signal: handlers.signal });
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return 'ended';
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (\w+)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (event === 'revoked') return 'revoked';
            if (event === 'hello' && data) handlers.onHello?.(JSON.parse(data) as HubStamp);
            if (event === 'log' && data)
              handlers.onLogEnd((JSON.parse(data) as { logEnd: number }).logEnd);
          }
        }
      } catch (error) {
        if (handlers.signal?.aborted) return 'ended';
        throw error;
      } finally {
        reader.releaseLock();
      }
    },
  };
};

export type HubClient = ReturnType<typeof createHubClient>;
