import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, type NetworkInterfaceInfo } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { bundleEntry } from '../../server/hub/testing/spawn-hub';
import { createHubHost, type DesktopHubHost } from '../../electron/main/hub-host';
import { BRIDGE_GLOBAL } from '../../shared/bridge/platform-bridge';
import { setUpClinic, test } from './fixtures';
import { shoot } from './screenshots';

/**
 * The desktop's "this PC hosts the clinic's sync service", from the Sync screen down to the hub:
 * the page gets a desktop bridge whose hub host is the main process's real one (its worker forked
 * by Node instead of Electron's utilityProcess, its IPC replaced by an exposed function).
 */

// The hub runs in a forked worker on the real clock: the pages keep the real clock too.
test.use({ pageTime: null });

let bundle = '';
test.beforeAll(async () => {
  bundle = await bundleEntry('hub-worker');
});
test.afterAll(async () => {
  await rm(bundle, { force: true });
});

const clinicLan = (): NodeJS.Dict<NetworkInterfaceInfo[]> => ({
  eth0: [
    {
      address: '192.168.1.20',
      netmask: '255.255.255.0',
      family: 'IPv4',
      mac: '00:00:00:00:00:00',
      internal: false,
      cidr: '192.168.1.20/24',
    },
  ],
});

const desktopHost = (userData: string, port: number) =>
  createHubHost({
    fork: () => {
      const child = fork(bundle, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      child.on('error', () => undefined);
      return {
        postMessage: (message) => child.send(message),
        on: (event, listener) => child.on(event, listener),
        once: (event, listener) => child.once(event, (code) => listener(code ?? -1)),
        kill: () => child.kill(),
      };
    },
    userData,
    networkInterfaces: clinicLan,
    port,
  });

/** What the Electron preload would expose, with the hub host served from this test. */
const fakeDesktop = async (page: Page, host: DesktopHubHost) => {
  await page.exposeFunction('__hubHost', (operation: string, request?: { admin: boolean }) => {
    if (operation === 'createPairingCode') return host.createPairingCode(request!);
    if (operation === 'turnOn') return host.turnOn();
    if (operation === 'turnOff') return host.turnOff();
    return host.status();
  });
  await page.addInitScript((name) => {
    const call = (operation: string, request?: unknown) =>
      (
        globalThis as unknown as { __hubHost: (o: string, r?: unknown) => Promise<never> }
      ).__hubHost(operation, request);
    const refuse = async () => {
      throw new Error('not in this test');
    };
    Object.assign(globalThis, {
      [name]: {
        appInfo: async () => ({
          kind: 'electron',
          version: 'e2e',
          platform: 'win32',
          deviceName: 'FRONT-DESK-1',
        }),
        onMenuCommand: () => () => undefined,
        setLanguage: async () => undefined,
        print: async () => ({ outcome: 'cancelled' }),
        printToPdf: async () => ({ outcome: 'cancelled' }),
        backups: {
          status: async () => ({
            passphraseSet: false,
            keyStorage: 'os-keychain',
            settings: { dailyTime: '18:30', rotation: { daily: 7, weekly: 5, monthly: 12 } },
            history: [],
          }),
          onDue: () => () => undefined,
          setPassphrase: refuse,
          saveSettings: refuse,
          chooseFolder: refuse,
          begin: refuse,
          write: refuse,
          finish: refuse,
          abort: refuse,
          exportTo: refuse,
        },
        hubHost: {
          status: () => call('status'),
          turnOn: () => call('turnOn'),
          turnOff: () => call('turnOff'),
          createPairingCode: (request: unknown) => call('createPairingCode', request),
        },
      },
    });
  }, BRIDGE_GLOBAL);
};

test('in a browser the Sync screen offers no hosting, only connecting to a hub', async ({
  page,
}) => {
  await setUpClinic(page);
  await page.goto('/#/sync');
  await expect(page.getByTestId('sync-connect-form')).toBeVisible();
  await expect(page.getByTestId('sync-host-card')).toHaveCount(0);
});

test('the owner turns this PC into the clinic’s sync service, and this PC joins it untyped', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const userData = await mkdtemp(join(tmpdir(), 'clinicdesk-e2e-host-'));
  // Another program holds the port at first.
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '0.0.0.0', resolve));
  const port = (busy.address() as { port: number }).port;
  const host = desktopHost(userData, port);
  try {
    await fakeDesktop(page, host);
    const clinic = await setUpClinic(page);
    await page.goto('/#/sync');
    const card = page.getByTestId('sync-host-card');
    await expect(card).toContainText('本机作为诊所的同步服务');
    const toggle = page.getByTestId('sync-host-switch');
    await expect(toggle).toHaveAttribute('aria-checked', 'false');

    await toggle.click();
    await expect(page.getByTestId('sync-host-error')).toContainText(
      `端口 ${port} 已被其他程序占用`,
    );
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    await expect(page.getByTestId('sync-connect-form')).toBeVisible();
    await shoot(page, 'zh-CN', '104-sync-host-port-busy');

    // The port is free again: "try again" starts it.
    await new Promise<void>((resolve) => busy.close(() => resolve()));
    await page.getByTestId('sync-host-retry').click();
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByTestId('sync-host-error')).toHaveCount(0);
    await expect(page.getByTestId('sync-host-url')).toHaveText(`http://192.168.1.20:${port}`);
    await expect(card.locator('canvas')).toBeVisible(); // the address's QR code
    await expect(page.getByTestId('sync-host-unencrypted')).toContainText('未加密');

    // This PC paired with its own hub by itself, and named the clinic on it.
    await expect(page.getByTestId('sync-host-connected')).toBeVisible();
    await expect(page.getByTestId('sync-linked')).toContainText(clinic.clinicName);
    await expect(page.getByTestId('sync-linked')).toContainText(`http://127.0.0.1:${port}`);
    await expect(page.getByTestId('sync-indicator').first()).toHaveAttribute(
      'data-state',
      'online',
    );
    expect(await host.status()).toMatchObject({ enabled: true, state: 'running' });
    await shoot(page, 'zh-CN', '103-sync-host-on');
    await page.getByText('EN', { exact: true }).click();
    await expect(card).toContainText('This PC hosts');
    await shoot(page, 'en', '103-sync-host-on');
    await page.getByText('中文', { exact: true }).click();

    // Turning it off asks first: the other workstations would stop syncing.
    await toggle.click();
    const confirm = page.getByRole('dialog');
    await expect(confirm).toContainText('关闭本机的同步服务？');
    await confirm.getByRole('button', { name: '关闭' }).click();
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    await expect(page.getByTestId('sync-host-url')).toHaveCount(0);
    expect(await host.status()).toMatchObject({ enabled: false, state: 'off' });
  } finally {
    busy.close();
    await host.shutdown();
    await rm(userData, { recursive: true, force: true });
  }
});
