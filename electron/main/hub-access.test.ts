import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hubOriginSchema } from '../../shared/security/content-security-policy';
import { PROTOCOL_HEADER } from '../../shared/sync/protocol';
import {
  createHubAccess,
  HUB_ACCESS_FILE,
  HubAccessError,
  PAIRINGS_PER_MINUTE,
  type HubAccessDeps,
} from './hub-access';

const hub = (text: string) => hubOriginSchema.parse(text);
const PAIRING = { code: 'ABCD2345', deviceName: '前台' };

let userData: string;
beforeEach(async () => {
  userData = await mkdtemp(join(tmpdir(), 'clinicdesk-hub-access-'));
});
afterEach(async () => {
  await rm(userData, { recursive: true, force: true });
});

type Fetch = HubAccessDeps['fetch'];

const setUp = (
  fetch: Fetch = vi.fn(async () => new Response('{}')),
  now = () => 1_700_000_000_000,
) => {
  const reload = vi.fn();
  const log = vi.fn();
  const access = createHubAccess({ userData, fetch, reload, now, log });
  return { access, reload, fetch, log };
};

describe('the hub the desktop page may connect to', () => {
  it('is none on a new install', async () => {
    const { access } = setUp();
    await access.load();
    expect(access.origin()).toBeNull();
    await expect(access.allowed()).resolves.toEqual({ origin: null });
  });

  it('is remembered for the next launch, and the page reloads under the new policy at once', async () => {
    const first = setUp();
    await first.access.load();
    await first.access.allow({ origin: hub('http://192.168.1.20:7300') });
    expect(first.access.origin()).toBe('http://192.168.1.20:7300');
    expect(first.reload).toHaveBeenCalledOnce();

    const next = setUp();
    await next.access.load();
    expect(next.access.origin()).toBe('http://192.168.1.20:7300');
    expect(next.reload).not.toHaveBeenCalled();
  });

  it('does not reload the page when the hub is the one it already names', async () => {
    const { access, reload } = setUp();
    await access.load();
    await access.allow({ origin: hub('http://192.168.1.20:7300') });
    await access.allow({ origin: hub('http://192.168.1.20:7300') });
    expect(reload).toHaveBeenCalledOnce();
  });

  it('changes to another hub, and to none once this PC is unpaired', async () => {
    const { access, reload } = setUp();
    await access.load();
    await access.allow({ origin: hub('http://192.168.1.20:7300') });
    await access.allow({ origin: hub('http://192.168.1.30:7300') });
    expect(access.origin()).toBe('http://192.168.1.30:7300');
    await access.allow({ origin: null });
    expect(access.origin()).toBeNull();
    // Nothing to reach any more: the page goes on, and its next load is closed to the old hub.
    expect(reload).toHaveBeenCalledTimes(2);
    expect(JSON.parse(await readFile(join(userData, HUB_ACCESS_FILE), 'utf8'))).toEqual({
      version: 1,
      origin: null,
    });
  });

  it.each([
    ['a broken file', '{ "version": 1, "origin": '],
    ['an address with a path', '{ "version": 1, "origin": "http://192.168.1.20:7300/x" }'],
    ['an address that would break the policy', `{ "version": 1, "origin": "http://a;b" }`],
    ['another version', '{ "version": 2, "origin": "http://192.168.1.20:7300" }'],
  ])('names no hub after %s in its file', async (_case, text) => {
    await writeFile(join(userData, HUB_ACCESS_FILE), text);
    const { access } = setUp();
    await access.load();
    expect(access.origin()).toBeNull();
  });

  it('still uses the new hub in this launch when it cannot be saved', async () => {
    const { access, reload, log } = setUp();
    await access.load();
    await rm(userData, { recursive: true, force: true });
    await access.allow({ origin: hub('http://192.168.1.20:7300') });
    expect(access.origin()).toBe('http://192.168.1.20:7300');
    expect(reload).toHaveBeenCalledOnce();
    expect(log).toHaveBeenCalledWith('the hub address could not be saved');
  });
});

describe('the pairing request the main process makes for the page', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  });
  const listen = async (handler: Parameters<typeof createServer>[1]) => {
    server = createServer(handler);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return hub(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  };

  it('posts the code to the hub’s pairing path, and hands back its answer as it came', async () => {
    const seen: { method?: string; url?: string; protocol?: string; body?: string } = {};
    const origin = await listen((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        Object.assign(seen, {
          method: request.method,
          url: request.url,
          protocol: request.headers[PROTOCOL_HEADER],
          body,
        });
        response.writeHead(409, { 'content-type': 'application/json' });
        response.end('{"error":"code-used"}');
      });
    });
    const { access } = setUp(fetch);
    await expect(access.pair({ origin, pairing: PAIRING })).resolves.toEqual({
      status: 409,
      body: '{"error":"code-used"}',
    });
    expect(seen).toEqual({
      method: 'POST',
      url: '/v1/pair',
      protocol: '1',
      body: JSON.stringify(PAIRING),
    });
    // Asking for a pairing does not let the page reach the hub: only its link does.
    expect(access.origin()).toBeNull();
  });

  it('does not follow a redirect to another host', async () => {
    const origin = await listen((_request, response) => {
      response.writeHead(307, { location: 'http://192.0.2.1:7300/v1/pair' });
      response.end();
    });
    const { access } = setUp(fetch);
    await expect(access.pair({ origin, pairing: PAIRING })).rejects.toThrow(
      new HubAccessError('unreachable'),
    );
  });

  it('refuses an answer far larger than any pairing answer', async () => {
    const origin = await listen((_request, response) => response.end('x'.repeat(200_000)));
    const { access } = setUp(fetch);
    await expect(access.pair({ origin, pairing: PAIRING })).rejects.toThrow(
      new HubAccessError('too-large'),
    );
  });

  it('says the hub is unreachable in fixed words, never with its address', async () => {
    const { access } = setUp(
      vi.fn(async () => {
        throw new TypeError('connect ECONNREFUSED 192.168.1.20:7300');
      }),
    );
    const error = await access
      .pair({ origin: hub('http://192.168.1.20:7300'), pairing: PAIRING })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HubAccessError);
    expect(String((error as Error).stack)).not.toContain('192.168');
  });

  it('makes one request at a time, and only a few in a minute', async () => {
    let minute = 0;
    let answer: (response: Response) => void = () => undefined;
    const fetch = vi.fn(
      () =>
        new Promise<Response>((resolve) => {
          answer = resolve;
        }),
    );
    const { access } = setUp(fetch, () => 1_700_000_000_000 + minute * 60_000);
    const origin = hub('http://192.168.1.20:7300');
    const first = access.pair({ origin, pairing: PAIRING });
    await expect(access.pair({ origin, pairing: PAIRING })).rejects.toThrow(
      new HubAccessError('busy'),
    );
    answer(new Response('{}'));
    await first;
    for (let i = 1; i < PAIRINGS_PER_MINUTE; i++) {
      const next = access.pair({ origin, pairing: PAIRING });
      answer(new Response('{}'));
      await next;
    }
    await expect(access.pair({ origin, pairing: PAIRING })).rejects.toThrow(
      new HubAccessError('too-many'),
    );
    minute = 1;
    const later = access.pair({ origin, pairing: PAIRING });
    answer(new Response('{}'));
    await expect(later).resolves.toEqual({ status: 200, body: '{}' });
    expect(fetch).toHaveBeenCalledTimes(PAIRINGS_PER_MINUTE + 1);
  });
});
