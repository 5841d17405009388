import { describe, expect, it, vi } from 'vitest';
import { hubAccessIpc } from '../../shared/bridge/hub-access';
import { fakeIpcMain, topFrame } from '../testing/fake-electron';
import { appSchemeUrlPolicy } from './app-url';
import { registerHubAccessIpc } from './hub-access-ipc';
import { IpcRejection } from './ipc';

const fromApp = topFrame('app://clinicdesk/index.html#/sync');
const PAIRING = { code: 'ABCD2345', deviceName: '前台' };

const setUp = () => {
  const ipcMain = fakeIpcMain();
  const access = {
    allowed: vi.fn(async () => ({ origin: null })),
    allow: vi.fn(async () => undefined),
    pair: vi.fn(async () => ({ status: 200, body: '{}' })),
  };
  registerHubAccessIpc(ipcMain, access, appSchemeUrlPolicy.isAppUrl);
  return { ipcMain, access };
};

describe('hub access IPC from the ClinicDesk page', () => {
  it('handles exactly the channels of the hub access contract', () => {
    expect(setUp().ipcMain.channels().sort()).toEqual(
      Object.values(hubAccessIpc)
        .map((entry) => entry.channel)
        .sort(),
    );
  });

  it('names the hub the page typed, as its origin, and asks it for a pairing', async () => {
    const { ipcMain, access } = setUp();
    await expect(ipcMain.invoke(hubAccessIpc.allowed.channel, fromApp)).resolves.toEqual({
      origin: null,
    });
    await ipcMain.invoke(hubAccessIpc.allow.channel, fromApp, {
      origin: 'http://192.168.1.20:7300/',
    });
    expect(access.allow).toHaveBeenCalledWith({ origin: 'http://192.168.1.20:7300' });
    await ipcMain.invoke(hubAccessIpc.allow.channel, fromApp, { origin: null });
    expect(access.allow).toHaveBeenLastCalledWith({ origin: null });
    await expect(
      ipcMain.invoke(hubAccessIpc.pair.channel, fromApp, {
        origin: 'http://127.0.0.1:7300',
        pairing: PAIRING,
      }),
    ).resolves.toEqual({ status: 200, body: '{}' });
    expect(access.pair).toHaveBeenCalledWith({ origin: 'http://127.0.0.1:7300', pairing: PAIRING });
  });

  it.each([
    ['a path', 'http://192.168.1.20:7300/v1'],
    ['credentials', 'http://owner:secret@192.168.1.20:7300'],
    ['another scheme', 'file:///C:/Windows'],
    ['javascript', 'javascript:alert(1)'],
    ['a policy break', 'http://a;connect-src *'],
    ['a wildcard', 'http://*'],
    ['a number', 7300],
  ])('refuses an origin with %s, and the main process never sees it', async (_case, origin) => {
    const { ipcMain, access } = setUp();
    await expect(ipcMain.invoke(hubAccessIpc.allow.channel, fromApp, { origin })).rejects.toThrow(
      IpcRejection,
    );
    await expect(
      ipcMain.invoke(hubAccessIpc.pair.channel, fromApp, { origin, pairing: PAIRING }),
    ).rejects.toThrow(IpcRejection);
    expect(access.allow).not.toHaveBeenCalled();
    expect(access.pair).not.toHaveBeenCalled();
  });

  it('refuses a pairing that carries more than a code and names', async () => {
    const { ipcMain, access } = setUp();
    const origin = 'http://192.168.1.20:7300';
    for (const pairing of [
      { ...PAIRING, extra: 'x' },
      { ...PAIRING, deviceName: 'x'.repeat(81) },
      { ...PAIRING, code: 'ABCD<2345>' },
    ])
      await expect(
        ipcMain.invoke(hubAccessIpc.pair.channel, fromApp, { origin, pairing }),
      ).rejects.toThrow(IpcRejection);
    await expect(
      ipcMain.invoke(hubAccessIpc.allow.channel, fromApp, { origin, extra: true }),
    ).rejects.toThrow(IpcRejection);
    expect(access.pair).not.toHaveBeenCalled();
  });

  it('answers no other page', async () => {
    const { ipcMain, access } = setUp();
    for (const from of [
      topFrame('https://example.com/'),
      topFrame('file:///C:/clinic/index.html'),
      { senderFrame: { url: 'app://clinicdesk/index.html', parent: {} } },
    ])
      await expect(
        ipcMain.invoke(hubAccessIpc.allow.channel, from, { origin: 'http://192.168.1.20:7300' }),
      ).rejects.toThrow(IpcRejection);
    expect(access.allow).not.toHaveBeenCalled();
  });
});
