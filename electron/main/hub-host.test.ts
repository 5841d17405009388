import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir, type NetworkInterfaceInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hubHostStatusSchema } from '../../shared/bridge/hub-host';
import { createHubClient } from '../../shared/sync/hub-client';
import {
  createHubHost,
  HubHostError,
  lanUrls,
  type HubHostDeps,
  type HubWorkerProcess,
  type HubWorkerRequest,
} from './hub-host';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

// The worker bundled as electron/build.mjs bundles it for the utility process: CommonJS, the
// SQLite driver (a native module) left to node_modules.
let bundle = '';
beforeAll(async () => {
  const outDir = join(root, 'node_modules/.cache/clinicdesk-tests');
  await mkdir(outDir, { recursive: true });
  bundle = join(outDir, `desktop-hub-worker-${process.pid}.cjs`);
  await build({
    absWorkingDir: root,
    entryPoints: ['server/hub/hub-worker.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron', 'better-sqlite3', 'pg-native'],
    outfile: bundle,
    logLevel: 'silent',
  });
});
afterAll(async () => {
  await rm(bundle, { force: true });
});

const folders: string[] = [];
const children: ChildProcess[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill();
  for (const server of servers.splice(0)) server.close();
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

const userDataFolder = async () => {
  const folder = await mkdtemp(join(tmpdir(), 'clinicdesk-hub-host-'));
  folders.push(folder);
  return folder;
};

/** Node's fork behind the four members the host uses of Electron's UtilityProcess. */
const forkWorker = (): HubWorkerProcess & { child: ChildProcess } => {
  const child = fork(bundle, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  children.push(child);
  child.on('error', () => undefined); // a message to a process that just ended
  return {
    child,
    postMessage: (message) => child.send(message),
    on: (event, listener) => child.on(event, listener),
    once: (event, listener) => child.once(event, (code) => listener(code ?? -1)),
    kill: () => child.kill(),
  };
};

/** A PC with a loopback, a wired LAN address, a link-local one, and a VPN's shared address. */
const clinicPc = (): NodeJS.Dict<NetworkInterfaceInfo[]> => {
  const v4 = (address: string, internal = false): NetworkInterfaceInfo => ({
    address,
    netmask: '255.255.255.0',
    family: 'IPv4',
    mac: '00:00:00:00:00:00',
    internal,
    cidr: `${address}/24`,
  });
  return {
    lo: [v4('127.0.0.1', true)],
    vpn0: [v4('100.64.3.7')],
    eth0: [
      v4('192.168.1.20'),
      {
        address: 'fe80::1',
        netmask: 'ffff:ffff:ffff:ffff::',
        family: 'IPv6',
        mac: '00:00:00:00:00:00',
        internal: false,
        cidr: 'fe80::1/64',
        scopeid: 2,
      },
    ],
    wlan0: [v4('169.254.10.2')],
  };
};

const realHost = (userData: string, options: Partial<HubHostDeps> = {}) => {
  const forked: Array<HubWorkerProcess & { child: ChildProcess }> = [];
  const host = createHubHost({
    fork: () => {
      const worker = forkWorker();
      forked.push(worker);
      return worker;
    },
    userData,
    networkInterfaces: clinicPc,
    port: 0,
    ...options,
  });
  return { host, forked };
};

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

const remembered = async (userData: string) =>
  JSON.parse(await readFile(join(userData, 'hub-host.json'), 'utf8')) as unknown;

describe('this PC hosting the clinic’s sync hub, in a process of its own', () => {
  it('starts on userData/hub for the LAN, hands out pairing codes, and stops when turned off', async () => {
    const userData = await userDataFolder();
    const { host, forked } = realHost(userData);
    expect(await host.status()).toEqual({
      enabled: false,
      state: 'off',
      port: 0,
      localUrl: 'http://127.0.0.1:0',
      lanUrls: [],
      tls: false,
    });

    const on = await host.turnOn();
    expect(hubHostStatusSchema.parse(on)).toMatchObject({ enabled: true, state: 'running' });
    expect(on.port).toBeGreaterThan(0);
    expect(on.localUrl).toBe(`http://127.0.0.1:${on.port}`);
    // The LAN address first, the VPN's after it; neither loopback, link-local nor IPv6.
    expect(on.lanUrls).toEqual([`http://192.168.1.20:${on.port}`, `http://100.64.3.7:${on.port}`]);
    expect(await remembered(userData)).toEqual({ version: 1, enabled: true });

    // The owner's PC pairs with its own hub, over loopback, with a code from the worker.
    const code = await host.createPairingCode({ admin: true });
    expect(code.code).toMatch(/^[2-9A-Z]{8}$/);
    expect(code.expiresAt).toBeGreaterThan(Date.now());
    const paired = await createHubClient({ url: on.localUrl }).pair({
      code: code.code,
      deviceName: 'FRONT-DESK-1',
      clinicName: '康宁口腔',
    });
    expect(paired).toMatchObject({ admin: true, clinicName: '康宁口腔' });

    const off = await host.turnOff();
    expect(off).toMatchObject({ enabled: false, state: 'off', lanUrls: [] });
    await exited(forked[0]!.child);
    expect(await remembered(userData)).toEqual({ version: 1, enabled: false });
    await expect(fetch(`${on.localUrl}/v1/hub`)).rejects.toThrow();
    await expect(host.createPairingCode({ admin: true })).rejects.toThrow(HubHostError);
  });

  it('starts again at launch when it was on, not when it was off; quitting does not forget', async () => {
    const userData = await userDataFolder();
    const first = realHost(userData);
    await first.host.turnOn();
    await first.host.shutdown();
    await exited(first.forked[0]!.child);
    expect(await remembered(userData)).toEqual({ version: 1, enabled: true });

    const launched = realHost(userData);
    const resumed = await launched.host.resume();
    expect(resumed).toMatchObject({ enabled: true, state: 'running' });
    expect(await launched.host.createPairingCode({ admin: false })).toMatchObject({
      code: expect.stringMatching(/^[2-9A-Z]{8}$/),
    });
    await launched.host.turnOff();

    const next = realHost(userData);
    expect(await next.host.resume()).toMatchObject({ enabled: false, state: 'off' });
    expect(next.forked).toEqual([]);
  });

  it('says so when the port is taken, and remembers nothing', async () => {
    const busy = createServer();
    servers.push(busy);
    await new Promise<void>((resolve) => busy.listen(0, '0.0.0.0', resolve));
    const port = (busy.address() as { port: number }).port;
    const userData = await userDataFolder();
    const { host, forked } = realHost(userData, { port });
    expect(await host.turnOn()).toEqual({
      enabled: false,
      state: 'failed',
      port,
      localUrl: `http://127.0.0.1:${port}`,
      lanUrls: [],
      tls: false,
      failure: 'port-in-use',
    });
    await exited(forked[0]!.child);
    await expect(readFile(join(userData, 'hub-host.json'))).rejects.toThrow();
    // Once the other program is gone, turning it on again works.
    busy.close();
    expect(await host.turnOn()).toMatchObject({ enabled: true, state: 'running', port });
    await host.turnOff();
  });

  it('says so when another hub uses the data folder', async () => {
    const userData = await userDataFolder();
    const owner = realHost(userData);
    await owner.host.turnOn();
    const other = realHost(userData);
    expect(await other.host.turnOn()).toMatchObject({ state: 'failed', failure: 'locked' });
    await owner.host.turnOff();
  });

  it('notices when the hub’s process ends by itself', async () => {
    const userData = await userDataFolder();
    const { host, forked } = realHost(userData);
    await host.turnOn();
    forked[0]!.child.kill('SIGKILL');
    await exited(forked[0]!.child);
    expect(await host.status()).toMatchObject({
      enabled: true,
      state: 'failed',
      failure: 'exited',
      lanUrls: [],
    });
    // Turning it on again takes over the lock the dead process left.
    expect(await host.turnOn()).toMatchObject({ state: 'running' });
    await host.turnOff();
  });

  it('keeps the hub off when the remembered choice is unreadable', async () => {
    const userData = await userDataFolder();
    await writeFile(join(userData, 'hub-host.json'), '{ "enabled": "yes"');
    const { host, forked } = realHost(userData);
    expect(await host.resume()).toMatchObject({ enabled: false, state: 'off' });
    expect(forked).toEqual([]);
  });
});

/** A worker that receives but never answers (a hung start). */
class SilentWorker extends EventEmitter implements HubWorkerProcess {
  readonly received: HubWorkerRequest[] = [];
  killed = false;
  postMessage(message: HubWorkerRequest) {
    this.received.push(message);
  }
  kill() {
    this.killed = true;
    queueMicrotask(() => this.emit('exit', 0));
    return true;
  }
}

describe('a hub worker that misbehaves', () => {
  it('is ended when it does not answer in time, and the hub reported as not started', async () => {
    const worker = new SilentWorker();
    const host = createHubHost({
      fork: () => worker,
      userData: await userDataFolder(),
      networkInterfaces: clinicPc,
      startTimeoutMs: 50,
      requestTimeoutMs: 50,
    });
    expect(await host.turnOn()).toMatchObject({
      enabled: false,
      state: 'failed',
      failure: 'failed',
      port: 7300,
    });
    expect(worker.received).toEqual([
      { kind: 'start', dataDir: expect.stringMatching(/hub$/), host: '0.0.0.0', port: 7300 },
    ]);
    expect(worker.killed).toBe(true);
  });

  it('is a failed start when it cannot be created at all', async () => {
    const host = createHubHost({
      fork: () => {
        throw new Error('spawn ENOENT');
      },
      userData: await userDataFolder(),
      networkInterfaces: clinicPc,
    });
    expect(await host.turnOn()).toMatchObject({ state: 'failed', failure: 'failed' });
  });
});

describe('the LAN addresses', () => {
  it('lists private ranges first and drops duplicates', () => {
    const base = clinicPc();
    expect(
      lanUrls(
        { ...base, br0: base.eth0!, docker0: [{ ...base.eth0![0]!, address: '172.17.0.1' }] },
        7300,
      ),
    ).toEqual(['http://192.168.1.20:7300', 'http://172.17.0.1:7300', 'http://100.64.3.7:7300']);
    expect(lanUrls({ lo: base.lo }, 7300)).toEqual([]);
  });
});
