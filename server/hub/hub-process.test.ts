import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../shared/demo/prng';
import { generateClinic } from '../../shared/demo/generate-clinic';
import { createHubClient } from '../../shared/sync/hub-client';
import { WIRE_SCHEMA_VERSION, type Change } from '../../shared/sync/protocol';
import { encodeHlc } from '../../shared/clock/hlc';
import { openHubStore } from './hub-store';
import { bundleEntry, forkHub, spawnCli } from './testing/spawn-hub';
import { makeChanges } from './testing/test-hub';

let cli = '';
let child = '';
let dir = '';
beforeAll(async () => {
  [cli, child] = await Promise.all([bundleEntry('cli'), bundleEntry('hub-child')]);
  dir = await mkdtemp(join(tmpdir(), 'clinicdesk-hub-process-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The last line a hub prints when it is ready. */
const listeningUrl = (stdout: string): string | undefined =>
  /hub listening on (https?:\/\/[^\s]+)/.exec(stdout)?.[1];

const startCliHub = async (args: string[]) => {
  const run = spawnCli(cli, ['hub', ...args]);
  await expect
    .poll(() => listeningUrl(run.stdout()) ?? run.stderr(), { timeout: 20_000 })
    .toMatch(/^https?:/);
  return { ...run, url: listeningUrl(run.stdout())! };
};

describe('clinicdesk hub, as a process', () => {
  it('runs one hub per data folder: a second one refuses and says why', async () => {
    const data = join(dir, 'single');
    const first = await startCliHub(['--data', data, '--port', '0']);
    const second = spawnCli(cli, ['hub', '--data', data, '--port', '0']);
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toContain('另一个同步服务');
    expect(second.stderr()).toContain('one hub per data folder');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.stdout()).toContain('hub stopped');
    // the lock went with it: the folder can be served again
    const again = await startCliHub(['--data', data, '--port', '0']);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });

  it('prints a first pairing code for a new clinic, and `pair-code` prints more', async () => {
    const data = join(dir, 'codes');
    const hub = await startCliHub(['--data', data, '--port', '0']);
    const code = /pairing code: ([2-9A-Z]{4}-[2-9A-Z]{4})/.exec(hub.stdout())?.[1];
    expect(code).toBeDefined();
    const owner = createHubClient({ url: hub.url });
    await owner.pair({ code: code!, deviceName: '负责人', clinicName: '康宁口腔' });
    const more = spawnCli(cli, ['hub', 'pair-code', '--data', data]);
    expect(await more.exited).toBe(0);
    const next = /pairing code: ([2-9A-Z]{4}-[2-9A-Z]{4})/.exec(more.stdout())?.[1];
    const desk = createHubClient({ url: hub.url });
    expect(await desk.pair({ code: next!, deviceName: '前台' })).toMatchObject({
      clinicName: '康宁口腔',
    });
    hub.child.kill('SIGTERM');
    await hub.exited;
  });

  it('says plainly that traffic is unencrypted on the clinic network without TLS', async () => {
    const hub = await startCliHub(['--data', join(dir, 'lan'), '--port', '0', '--host', '0.0.0.0']);
    expect(hub.stderr()).toContain('未加密');
    expect(hub.stderr()).toContain('unencrypted');
    hub.child.kill('SIGTERM');
    await hub.exited;
  });

  it('serves over TLS with --cert and --key', async () => {
    const cert = join(dir, 'hub.crt');
    const key = join(dir, 'hub.key');
    await promisify(execFile)('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ]);
    const hub = await startCliHub([
      '--data',
      join(dir, 'tls'),
      '--port',
      '0',
      '--cert',
      cert,
      '--key',
      key,
    ]);
    expect(hub.url).toMatch(/^https:/);
    expect(hub.stderr()).not.toContain('未加密');
    const ca = await readFile(cert);
    const body = await new Promise<string>((resolve, reject) => {
      get(`${hub.url}/health`, { ca }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve(text));
      }).on('error', reject);
    });
    expect(JSON.parse(body)).toMatchObject({ ok: true });
    hub.child.kill('SIGTERM');
    await hub.exited;
  });

  it('writes no patient data to its log, whatever it is sent', async () => {
    const data = join(dir, 'privacy');
    const hub = await startCliHub(['--data', data, '--port', '0']);
    const code = /pairing code: ([2-9A-Z]{4}-[2-9A-Z]{4})/.exec(hub.stdout())![1]!;
    const desk = createHubClient({ url: hub.url });
    const { deviceId } = await desk.pair({ code, deviceName: '前台', clinicName: '康宁口腔' });
    const [batch] = generateClinic({ seed: 'privacy', patients: 200, endDate: '2026-11-25' });
    const patients = batch!.patients;
    const changes: Change[] = patients.map((patient, i) => ({
      deviceSeq: i + 1,
      txId: `tx-${i + 1}`,
      txIndex: 0,
      txSize: 1,
      table: 'patients',
      entityId: patient.id,
      op: 'upsert',
      hlc: encodeHlc({ wall: 1_764_000_000_000 + i, counter: 0, node: deviceId }),
      schemaVersion: WIRE_SCHEMA_VERSION,
      data: { fields: patient },
    }));
    await desk.push(changes);
    // malformed and refused pushes that carry patient data too
    const rng = createRng('privacy-bad');
    for (const patient of patients.slice(0, 20)) {
      await fetch(`${hub.url}/v1/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${desk.token}`, 'x-clinicdesk-protocol': '1' },
        body: rng.chance(0.5)
          ? JSON.stringify({ changes: [{ name: patient.name, idNumber: patient.idNumber }] })
          : `{"${patient.name}`,
      });
    }
    await desk
      .push([{ ...changes[0]!, data: { fields: { name: patients[1]!.name } } }])
      .catch(() => {});
    hub.child.kill('SIGTERM');
    await hub.exited;
    const log = hub.stdout() + hub.stderr();
    expect(log).toContain('push');
    for (const patient of patients) {
      expect(log).not.toContain(patient.name);
      expect(log).not.toContain(patient.idNumber);
      if (patient.phone) expect(log).not.toContain(patient.phone);
    }
  });

  it('finishes a push in flight on SIGTERM before it stops', async () => {
    const dataDir = join(dir, 'graceful');
    const first = await forkHub(child, { dataDir, holdPushes: true });
    const store = await openHubStore({ sqliteDir: dataDir }, { clock: { now: () => Date.now() } });
    const code = await store.createPairingCode(true);
    await store.close();
    const desk = createHubClient({ url: first.url });
    const { deviceId } = await desk.pair({
      code: code.code,
      deviceName: '前台',
      clinicName: '康宁口腔',
    });
    const inPush = new Promise((resolve) => first.child.once('message', resolve));
    const push = desk.push(makeChanges(deviceId, 1, 50, { txSize: 2 }));
    await inPush;
    first.child.kill('SIGTERM');
    first.child.send('continue');
    expect(await push).toMatchObject({ ackedThrough: 50 });
    expect(await first.exited).toBe(0);
    const second = await forkHub(child, { dataDir });
    const again = createHubClient({ url: second.url, token: desk.token });
    expect((await again.pull(0, { limit: 100 })).changes).toHaveLength(50);
    second.child.kill('SIGTERM');
    await second.exited;
  });
});
