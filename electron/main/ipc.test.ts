import { describe, expect, it, vi } from 'vitest';
import { ipc } from '../../shared/bridge/platform-bridge';
import { fakeIpcMain, topFrame } from '../testing/fake-electron';
import { readAppInfo } from './app-info';
import { fileAppUrlPolicy } from './app-url';
import { IpcRejection, registerIpcHandlers } from './ipc';

const APP = 'file:///opt/ClinicDesk/resources/app.asar/dist/renderer/index.html';
const fromApp = topFrame(`${APP}#/reception`);

const setUp = () => {
  const ipcMain = fakeIpcMain();
  const handlers = {
    appInfo: vi.fn(() =>
      readAppInfo({ version: '0.1.0', platform: 'win32', hostname: () => 'FRONT-DESK-1' }),
    ),
    setLanguage: vi.fn(),
  };
  registerIpcHandlers(ipcMain, handlers, fileAppUrlPolicy(APP).isAppUrl);
  return { ipcMain, handlers };
};

describe('IPC from the ClinicDesk page', () => {
  it('answers appInfo for the desktop app', async () => {
    const { ipcMain } = setUp();
    await expect(ipcMain.invoke(ipc.appInfo.channel, fromApp)).resolves.toEqual({
      kind: 'electron',
      version: '0.1.0',
      platform: 'win32',
      deviceName: 'FRONT-DESK-1',
    });
  });

  it('passes a valid language on to the menu', async () => {
    const { ipcMain, handlers } = setUp();
    await ipcMain.invoke(ipc.setLanguage.channel, fromApp, 'en');
    expect(handlers.setLanguage).toHaveBeenCalledWith('en');
  });

  it('handles exactly the bridge’s request channels', () => {
    expect(setUp().ipcMain.channels().sort()).toEqual(
      [ipc.appInfo.channel, ipc.setLanguage.channel].sort(),
    );
  });
});

describe('IPC input that does not fit the contract', () => {
  const huge = 'x'.repeat(1_000_000);

  it.each([
    ['a language ClinicDesk does not speak', ['fr']],
    ['an object', [{ language: 'en' }]],
    ['a huge string', [huge]],
    ['nothing', []],
    ['an extra argument', ['en', 'zh-CN']],
  ])('setLanguage refuses %s without calling the handler', async (_case, args) => {
    const { ipcMain, handlers } = setUp();
    const answer = ipcMain.invoke(ipc.setLanguage.channel, fromApp, ...args);
    await expect(answer).rejects.toThrow(IpcRejection);
    await expect(answer).rejects.toThrow(
      'clinicdesk:set-language refused: the argument is not valid',
    );
    expect(handlers.setLanguage).not.toHaveBeenCalled();
  });

  it('appInfo refuses any argument', async () => {
    const { ipcMain, handlers } = setUp();
    await expect(ipcMain.invoke(ipc.appInfo.channel, fromApp, 'patients')).rejects.toThrow(
      IpcRejection,
    );
    expect(handlers.appInfo).not.toHaveBeenCalled();
  });

  it('never echoes the payload nor carries a stack', async () => {
    const { ipcMain } = setUp();
    const error: unknown = await ipcMain
      .invoke(ipc.setLanguage.channel, fromApp, '张三 110101199003077777')
      .catch((rejected: unknown) => rejected);
    expect(error).toBeInstanceOf(IpcRejection);
    const { message, stack } = error as IpcRejection;
    expect(message).not.toContain('张三');
    expect(stack).toBe(`IpcRejection: ${message}`);
  });
});

describe('IPC from anywhere else', () => {
  it.each([
    ['a web page', topFrame('https://example.com/')],
    ['another local file', topFrame('file:///tmp/evil.html')],
    ['a frame that is gone', { senderFrame: null }],
    ['a sub-frame, even of our page', { senderFrame: { url: APP, parent: {} } }],
  ])('is refused when it comes from %s', async (_case, sender) => {
    const { ipcMain, handlers } = setUp();
    await expect(ipcMain.invoke(ipc.setLanguage.channel, sender, 'en')).rejects.toThrow(
      'refused: the request did not come from the ClinicDesk page',
    );
    await expect(ipcMain.invoke(ipc.appInfo.channel, sender)).rejects.toThrow(IpcRejection);
    expect(handlers.setLanguage).not.toHaveBeenCalled();
    expect(handlers.appInfo).not.toHaveBeenCalled();
  });
});

describe('the device name in appInfo', () => {
  it('falls back to a recognisable name when the PC has none', () => {
    expect(readAppInfo({ version: '1', platform: 'linux', hostname: () => ' ' }).deviceName).toBe(
      'ClinicDesk PC',
    );
  });
});
