import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rm } from 'node:fs/promises';
import { backupIpc } from '../shared/bridge/backup-host';
import { ipc } from '../shared/bridge/platform-bridge';
import { topFrame } from './testing/fake-electron';
import { fakeElectronModule } from './testing/fake-electron-module';

const INDEX = '/opt/clinicdesk/dist/renderer/index.html';

const launch = async (options?: { lockGranted: boolean }) => {
  const fake = fakeElectronModule(options);
  vi.doMock('electron', () => fake.module);
  await import('./main');
  return fake;
};

const started = async () => {
  const fake = await launch();
  await vi.waitFor(() => expect(fake.windows[0]?.loaded).toBeDefined());
  return fake;
};

const labels = (menu: unknown) => (menu as MenuItemConstructorOptions[]).map((item) => item.label);

describe('the desktop shell starting up', () => {
  beforeEach(() => {
    vi.resetModules();
    vi.stubEnv('CLINICDESK_DEV_URL', '');
  });
  afterEach(() => {
    vi.doUnmock('electron');
    vi.unstubAllEnvs();
  });

  it('opens one hardened window on the built page, shown when ready', async () => {
    const { windows, calls } = await started();
    const [window] = windows;
    expect(windows).toHaveLength(1);
    expect(window?.options.webPreferences).toMatchObject({
      preload: '/opt/clinicdesk/dist-electron/preload.cjs',
      sandbox: true,
      contextIsolation: true,
    });
    expect(window?.loaded).toBe(INDEX);
    expect(calls).toContain('enableSandbox');
    window?.emit('ready-to-show');
    expect(calls).toContain('show');
  });

  it('hardens the window it created and its session', async () => {
    const { windows, module, headerListeners } = await started();
    const contents = windows[0]?.webContents;
    expect(contents?.windowOpen()).toEqual({ action: 'deny' });
    expect(contents?.attempt('will-navigate', 'https://example.com')).toBe(true);
    expect(contents?.attempt('will-navigate', `file://${INDEX}`)).toBe(false);
    expect(
      module.session.defaultSession.request('media', {
        requestingUrl: `file://${INDEX}`,
        mediaTypes: ['video'],
      }),
    ).toBe(true);
    expect(headerListeners).toHaveLength(1);
  });

  it('answers the page, and switches the menu when the page changes language', async () => {
    const { module, menus } = await started();
    const fromPage = topFrame(`file://${INDEX}`);
    await expect(module.ipcMain.invoke(ipc.appInfo.channel, fromPage)).resolves.toMatchObject({
      kind: 'electron',
      version: '0.1.0',
    });
    expect(labels(menus.at(-1))).toContain('文件');
    await module.ipcMain.invoke(ipc.setLanguage.channel, fromPage, 'en');
    expect(labels(menus.at(-1))).toContain('File');
  });

  it('sends menu commands to the page', async () => {
    const { windows, menus } = await started();
    const file = (menus.at(-1) as MenuItemConstructorOptions[])[0];
    const lock = (file?.submenu as MenuItemConstructorOptions[]).find((item) => item.id === 'lock');
    (lock?.click as () => void)();
    expect(windows[0]?.webContents.sent).toEqual([[ipc.menuCommand.channel, 'lock']]);
  });

  it('serves the backup channels, and tells a loaded page when a backup is due', async () => {
    const { module, windows, userData } = await started();
    const fromPage = topFrame(`file://${INDEX}`);
    await expect(module.ipcMain.invoke(backupIpc.status.channel, fromPage)).resolves.toMatchObject({
      passphraseSet: false,
      keyStorage: 'this-session',
      history: [],
    });
    // A new install has never backed up: the page is told once it has loaded and subscribed.
    expect(windows[0]?.webContents.sent).toEqual([]);
    windows[0]?.webContents.emit('did-finish-load');
    expect(windows[0]?.webContents.sent).toEqual([[backupIpc.due.channel]]);
    await rm(userData, { recursive: true, force: true });
  });

  it('brings the running window forward when launched a second time', async () => {
    const { module, windows, calls } = await started();
    windows[0]!.minimized = true;
    calls.length = 0;
    module.app.emit('second-instance');
    expect(calls).toEqual(['restore', 'show', 'focus']);
  });

  it('loads the dev server only from 127.0.0.1', async () => {
    vi.stubEnv('CLINICDESK_DEV_URL', 'http://127.0.0.1:5173');
    const { windows } = await started();
    expect(windows[0]?.loaded).toBe('http://127.0.0.1:5173/');
  });

  it('ignores a dev URL that points elsewhere', async () => {
    vi.stubEnv('CLINICDESK_DEV_URL', 'https://example.com');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { windows } = await started();
    expect(windows[0]?.loaded).toBe(INDEX);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  it('tells the person at the desk, in Chinese first, when the page cannot load', async () => {
    const fake = fakeElectronModule();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.doMock('electron', () => ({
      ...fake.module,
      BrowserWindow: class extends fake.module.BrowserWindow {
        override loadFile = () => Promise.reject(new Error('ERR_FILE_NOT_FOUND (-6)'));
      },
    }));
    await import('./main');
    await vi.waitFor(() => expect(fake.calls).toContain('quit'));
    expect(fake.calls).toContain('error box ClinicDesk 无法启动 / ClinicDesk could not start');
    expect(error).toHaveBeenCalledWith('ClinicDesk failed to start:', 'ERR_FILE_NOT_FOUND (-6)');
    error.mockRestore();
  });

  it('quits at once when another ClinicDesk is already running', async () => {
    const { calls, windows } = await launch({ lockGranted: false });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls).toEqual(['quit']);
    expect(windows).toHaveLength(0);
  });
});
