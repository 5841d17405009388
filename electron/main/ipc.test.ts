import { describe, expect, it, vi } from 'vitest';
import { ipc } from '../../shared/bridge/platform-bridge';
import { fakeIpcMain, topFrame } from '../testing/fake-electron';
import { readAppInfo } from './app-info';
import { appSchemeUrlPolicy } from './app-url';
import { IpcRejection, registerIpcHandlers } from './ipc';

const APP = 'app://clinicdesk/index.html';
const fromApp = topFrame(`${APP}#/reception`);

const setUp = () => {
  const ipcMain = fakeIpcMain();
  const handlers = {
    appInfo: vi.fn(() =>
      readAppInfo({ version: '0.1.0', platform: 'win32', hostname: () => 'FRONT-DESK-1' }),
    ),
    setLanguage: vi.fn(),
    print: vi.fn(async () => ({ outcome: 'printed' as const })),
    printToPdf: vi.fn(async () => ({ outcome: 'saved' as const, path: '/home/desk/a.pdf' })),
  };
  registerIpcHandlers(ipcMain, handlers, appSchemeUrlPolicy.isAppUrl);
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

  it('prints and saves a PDF on the paper size asked for', async () => {
    const { ipcMain, handlers } = setUp();
    await ipcMain.invoke(ipc.print.channel, fromApp, { pageSize: 'A5' });
    await expect(
      ipcMain.invoke(ipc.printToPdf.channel, fromApp, {
        pageSize: 'A4',
        fileName: '自费项目知情同意书-王小明.pdf',
      }),
    ).resolves.toEqual({ outcome: 'saved', path: '/home/desk/a.pdf' });
    expect(handlers.print).toHaveBeenCalledWith({ pageSize: 'A5' });
    expect(handlers.printToPdf).toHaveBeenCalledWith({
      pageSize: 'A4',
      fileName: '自费项目知情同意书-王小明.pdf',
    });
  });

  it('handles exactly the bridge’s request channels', () => {
    expect(setUp().ipcMain.channels().sort()).toEqual(
      [
        ipc.appInfo.channel,
        ipc.setLanguage.channel,
        ipc.print.channel,
        ipc.printToPdf.channel,
      ].sort(),
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

  it.each([
    ['a paper size ClinicDesk does not offer', { pageSize: 'Letter', fileName: 'a.pdf' }],
    ['a path instead of a file name', { pageSize: 'A4', fileName: '../../etc/a.pdf' }],
    ['a Windows path', { pageSize: 'A4', fileName: 'C:\\Users\\a.pdf' }],
    ['a name that is not a PDF', { pageSize: 'A4', fileName: 'a.exe' }],
    ['a control character', { pageSize: 'A4', fileName: 'a\u0000.pdf' }],
    ['an extra field', { pageSize: 'A4', fileName: 'a.pdf', silent: true }],
  ])('printToPdf refuses %s without calling the handler', async (_case, request) => {
    const { ipcMain, handlers } = setUp();
    await expect(ipcMain.invoke(ipc.printToPdf.channel, fromApp, request)).rejects.toThrow(
      IpcRejection,
    );
    expect(handlers.printToPdf).not.toHaveBeenCalled();
  });

  it('print refuses options beyond the paper size', async () => {
    const { ipcMain, handlers } = setUp();
    await expect(
      ipcMain.invoke(ipc.print.channel, fromApp, { pageSize: 'A4', silent: true }),
    ).rejects.toThrow(IpcRejection);
    expect(handlers.print).not.toHaveBeenCalled();
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
