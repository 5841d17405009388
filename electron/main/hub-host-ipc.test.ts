import { describe, expect, it, vi } from 'vitest';
import { hubHostIpc, type HubHost, type HubHostStatus } from '../../shared/bridge/hub-host';
import { fakeIpcMain, topFrame, type FakeInvokeEvent } from '../testing/fake-electron';
import { appSchemeUrlPolicy } from './app-url';
import { registerHubHostIpc } from './hub-host-ipc';
import { IpcRejection } from './ipc';

const APP = 'app://clinicdesk/index.html';
const fromApp = topFrame(`${APP}#/sync`);
const RUNNING: HubHostStatus = {
  enabled: true,
  state: 'running',
  port: 7300,
  localUrl: 'http://127.0.0.1:7300',
  lanUrls: ['http://192.168.1.20:7300'],
  tls: false,
};

const setUp = () => {
  const ipcMain = fakeIpcMain();
  const host = {
    status: vi.fn(async () => RUNNING),
    turnOn: vi.fn(async () => RUNNING),
    turnOff: vi.fn(async (): Promise<HubHostStatus> => ({ ...RUNNING, state: 'off', lanUrls: [] })),
    createPairingCode: vi.fn(async () => ({ code: 'ABCD2345', expiresAt: 1_700_000_600_000 })),
  } satisfies HubHost;
  registerHubHostIpc(ipcMain, host, appSchemeUrlPolicy.isAppUrl);
  return { ipcMain, host };
};

const refused = async (from: FakeInvokeEvent, channel: string, ...args: unknown[]) => {
  const { ipcMain, host } = setUp();
  await expect(ipcMain.invoke(channel, from, ...args)).rejects.toThrow(IpcRejection);
  for (const handler of Object.values(host)) expect(handler).not.toHaveBeenCalled();
};

describe('hub host IPC from the ClinicDesk page', () => {
  it('handles exactly the channels of the hub host contract', () => {
    expect(setUp().ipcMain.channels().sort()).toEqual(
      Object.values(hubHostIpc)
        .map((entry) => entry.channel)
        .sort(),
    );
  });

  it('turns the hub on and off, tells its status, and asks it for a pairing code', async () => {
    const { ipcMain, host } = setUp();
    await expect(ipcMain.invoke(hubHostIpc.status.channel, fromApp)).resolves.toEqual(RUNNING);
    await expect(ipcMain.invoke(hubHostIpc.turnOn.channel, fromApp)).resolves.toEqual(RUNNING);
    await expect(ipcMain.invoke(hubHostIpc.turnOff.channel, fromApp)).resolves.toMatchObject({
      state: 'off',
    });
    await expect(
      ipcMain.invoke(hubHostIpc.createPairingCode.channel, fromApp, { admin: true }),
    ).resolves.toEqual({ code: 'ABCD2345', expiresAt: 1_700_000_600_000 });
    expect(host.createPairingCode).toHaveBeenCalledWith({ admin: true });
    expect(host.turnOn).toHaveBeenCalledOnce();
  });
});

describe('hub host IPC input that does not fit the contract', () => {
  it.each([
    ['nothing', []],
    ['no admin flag', [{}]],
    ['an admin flag that is text', [{ admin: 'yes' }]],
    ['an extra field', [{ admin: true, port: 80 }]],
    ['an extra argument', [{ admin: true }, { admin: false }]],
  ])('createPairingCode refuses %s', async (_, args) =>
    refused(fromApp, hubHostIpc.createPairingCode.channel, ...args),
  );

  it.each([
    ['a port', [{ port: 80 }]],
    ['a data folder', ['/etc']],
    ['a flag', [true]],
  ])('turnOn, turnOff and status refuse %s', async (_, args) => {
    await refused(fromApp, hubHostIpc.turnOn.channel, ...args);
    await refused(fromApp, hubHostIpc.turnOff.channel, ...args);
    await refused(fromApp, hubHostIpc.status.channel, ...args);
  });
});

describe('hub host IPC from anywhere else', () => {
  it.each([
    ['a web page', topFrame('https://example.com/')],
    ['the hub’s own address', topFrame('http://192.168.1.20:7300/')],
    ['another local file', topFrame('file:///tmp/evil.html')],
    ['a sub-frame of our page', { senderFrame: { url: APP, parent: {} } }],
    ['a frame that is gone', { senderFrame: null }],
  ])('is refused from %s', async (_, sender) => {
    await refused(sender, hubHostIpc.turnOn.channel);
    await refused(sender, hubHostIpc.createPairingCode.channel, { admin: true });
  });
});
