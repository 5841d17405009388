import { describe, expect, it, vi } from 'vitest';
import type { HubAccess, HubPairingAnswer } from '../../../shared/bridge/hub-access';
import { hubOriginSchema } from '../../../shared/security/content-security-policy';
import { createHubClient, HubRequestError } from '../../../shared/sync/hub-client';
import { hubOriginOf, keepHubAllowed, pairingFetch } from './hub-access';

const PAIRED = {
  deviceId: 'd1',
  token: 'secret-token',
  clinicId: 'c1',
  clinicName: '康宁诊所',
  admin: false,
  hub: { epoch: 'e1', time: 1_700_000_000_000, logEnd: 0 },
};

const fakeAccess = (origin: string | null, answer?: HubPairingAnswer) =>
  ({
    allowed: vi.fn(async () => ({
      origin: origin === null ? null : hubOriginSchema.parse(origin),
    })),
    allow: vi.fn(async () => undefined),
    pair: vi.fn(async () => answer ?? { status: 200, body: JSON.stringify(PAIRED) }),
  }) satisfies HubAccess;

describe('pairing from the desktop, whose page may not reach the new hub yet', () => {
  it('asks the main process to pair, and reads the hub’s answer as its own', async () => {
    const access = fakeAccess(null);
    const client = createHubClient({
      url: 'http://192.168.1.20:7300/',
      fetch: pairingFetch(access),
    });
    await expect(client.pair({ code: 'ABCD2345', deviceName: '前台' })).resolves.toEqual(PAIRED);
    expect(access.pair).toHaveBeenCalledWith({
      origin: 'http://192.168.1.20:7300',
      pairing: { code: 'ABCD2345', deviceName: '前台' },
    });
  });

  it('passes on the hub’s refusal, in its words', async () => {
    const refusal = {
      error: 'wrong-code',
      message: { zh: '配对码无效或已过期。', en: 'The pairing code is not valid.' },
    };
    const client = createHubClient({
      url: 'http://192.168.1.20:7300',
      fetch: pairingFetch(fakeAccess(null, { status: 403, body: JSON.stringify(refusal) })),
    });
    const error = await client.pair({ code: 'ABCD2345', deviceName: '前台' }).catch((e) => e);
    expect(error).toBeInstanceOf(HubRequestError);
    expect(error).toMatchObject({ status: 403, reason: 'wrong-code', body: refusal });
  });

  it('says the hub cannot be reached when the main process could not ask it', async () => {
    const access = fakeAccess(null);
    access.pair.mockRejectedValue(new Error('hub pairing request: unreachable'));
    const client = createHubClient({
      url: 'http://192.168.1.20:7300',
      fetch: pairingFetch(access),
    });
    await expect(client.pair({ code: 'ABCD2345', deviceName: '前台' })).rejects.toMatchObject({
      reason: 'network',
    });
  });

  it('carries no other request', async () => {
    const access = fakeAccess(null);
    const client = createHubClient({
      url: 'http://192.168.1.20:7300',
      token: 't',
      fetch: pairingFetch(access),
    });
    await expect(client.pull(0)).rejects.toMatchObject({ reason: 'network' });
    await expect(client.push([])).rejects.toMatchObject({ reason: 'network' });
    expect(access.pair).not.toHaveBeenCalled();
  });
});

describe('keeping the page’s hub in step with the store’s link', () => {
  it('names the linked hub when the page’s policy does not', async () => {
    const access = fakeAccess(null);
    await keepHubAllowed(access, 'http://192.168.1.20:7300');
    expect(access.allow).toHaveBeenCalledWith({ origin: 'http://192.168.1.20:7300' });
  });

  it('moves to the new hub when the PC is paired elsewhere', async () => {
    const access = fakeAccess('http://192.168.1.20:7300');
    await keepHubAllowed(access, 'http://127.0.0.1:7300');
    expect(access.allow).toHaveBeenCalledWith({ origin: 'http://127.0.0.1:7300' });
  });

  it('leaves things be when the policy names the linked hub already, so the page reloads once', async () => {
    const access = fakeAccess('http://192.168.1.20:7300');
    await keepHubAllowed(access, 'http://192.168.1.20:7300');
    await keepHubAllowed(fakeAccess(null), null);
    expect(access.allow).not.toHaveBeenCalled();
  });

  it('names none once the store has no link', async () => {
    const access = fakeAccess('http://192.168.1.20:7300');
    await keepHubAllowed(access, null);
    expect(access.allow).toHaveBeenCalledWith({ origin: null });
  });

  it('reads a link’s origin as the main process does', () => {
    expect(hubOriginOf('HTTP://192.168.1.20:7300')).toBe('http://192.168.1.20:7300');
    expect(hubOriginOf('https://hub.example.cn:443')).toBe('https://hub.example.cn');
    expect(hubOriginOf('not a url')).toBeNull();
    expect(hubOriginOf(null)).toBeNull();
  });
});
