import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleEntry } from './testing/spawn-hub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubClient } from '../../shared/sync/hub-client';
import type { HubWorkerReply } from './hub-worker';

let bundle = '';
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clinicdesk-hub-worker-'));
  bundle = await bundleEntry('hub-worker');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const startWorker = () => {
  const child = fork(bundle, [], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  const replies: HubWorkerReply[] = [];
  child.on('message', (message: HubWorkerReply) => {
    if (message.kind !== 'log') replies.push(message);
  });
  const ask = async (request: unknown): Promise<HubWorkerReply> => {
    const before = replies.length;
    child.send(request as object);
    await expect.poll(() => replies.length, { timeout: 20_000 }).toBeGreaterThan(before);
    return replies[before]!;
  };
  return { child, ask };
};

describe('the hub in its own process, as the desktop app runs it', () => {
  it('starts on a data folder, hands out pairing codes, and stops when told', async () => {
    const worker = startWorker();
    expect(await worker.ask({ kind: 'pair-code', admin: true })).toEqual({
      kind: 'failed',
      reason: 'not-running',
    });
    const started = await worker.ask({
      kind: 'start',
      dataDir: join(dir, 'hub'),
      host: '127.0.0.1',
      port: 0,
    });
    expect(started).toMatchObject({
      kind: 'started',
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
    });
    const code = await worker.ask({ kind: 'pair-code', admin: true });
    expect(code).toMatchObject({ kind: 'pair-code', code: expect.stringMatching(/^[2-9A-Z]{8}$/) });
    const owner = createHubClient({ url: (started as { url: string }).url });
    expect(
      await owner.pair({
        code: (code as { code: string }).code,
        deviceName: '负责人',
        clinicName: '康宁口腔',
      }),
    ).toMatchObject({ admin: true });
    // a second hub on the same folder is refused
    const other = startWorker();
    expect(
      await other.ask({ kind: 'start', dataDir: join(dir, 'hub'), host: '127.0.0.1', port: 0 }),
    ).toEqual({ kind: 'failed', reason: 'locked' });
    other.child.kill();
    expect(await worker.ask({ kind: 'stop' })).toEqual({ kind: 'stopped' });
    worker.child.kill();
  });

  it('refuses a malformed request without starting anything', async () => {
    const worker = startWorker();
    expect(
      await worker.ask({ kind: 'start', dataDir: '', host: '127.0.0.1', port: 99999 }),
    ).toEqual({ kind: 'failed', reason: 'invalid-request' });
    expect(await worker.ask({ kind: 'rm -rf' })).toEqual({
      kind: 'failed',
      reason: 'invalid-request',
    });
    worker.child.kill();
  });
});
