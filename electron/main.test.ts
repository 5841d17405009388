import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { backupIpc } from '../shared/bridge/backup-host';
import { complaintNoticeIpc } from '../shared/bridge/complaint-notice';
import { hubAccessIpc } from '../shared/bridge/hub-access';
import { hubHostIpc } from '../shared/bridge/hub-host';
import { ipc } from '../shared/bridge/platform-bridge';
import { desktopContentSecurityPolicy } from '../shared/security/content-security-policy';
import { topFrame } from './testing/fake-electron';
import { BUILT_PAGE, fakeElectronModule } from './testing/fake-electron-module';

const APP_PAGE = 'app://clinicdesk/index.html';

// Every fake's temp folders, removed after each test.
let fakes: Array<ReturnType<typeof fakeElectronModule>> = [];
type LaunchOptions = { lockGranted?: boolean; isPackaged?: boolean };

const fakeElectron = (options?: LaunchOptions) => {
  const fake = fakeElectronModule(options);
  fakes.push(fake);
  return fake;
};

const launch = async (options?: LaunchOptions) => {
  const fake = fakeElectron(options);
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
  afterEach(async () => {
    vi.doUnmock('electron');
    vi.unstubAllEnvs();
    await Promise.all(
      fakes
        .flatMap((fake) => [fake.userData, fake.appPath])
        .map((folder) => rm(folder, { recursive: true, force: true })),
    );
    fakes = [];
  });

  it('opens one hardened window on the built page, shown when ready', async () => {
    const { windows, calls, appPath } = await started();
    const [window] = windows;
    expect(windows).toHaveLength(1);
    expect(window?.options.webPreferences).toMatchObject({
      preload: join(appPath, 'dist-electron', 'preload.cjs'),
      sandbox: true,
      contextIsolation: true,
    });
    expect(window?.loaded).toBe(APP_PAGE);
    expect(calls).toContain('enableSandbox');
    window?.emit('ready-to-show');
    expect(calls).toContain('show');
  });

  it('serves the built page as app://clinicdesk, registered as privileged before ready', async () => {
    const { privilegedSchemes, protocolHandlers, appPath } = await started();
    // The fake throws, as Electron does, if this came after ready or handle() before it.
    expect(privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    const serve = protocolHandlers.get('app')!;
    const index = await serve(new Request('app://clinicdesk/'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    // A new install names no sync hub: the page connects to itself only.
    expect(index.headers.get('content-security-policy')).toBe(desktopContentSecurityPolicy(null));
    expect(await index.text()).toBe(BUILT_PAGE);
    // The app folder itself, beside the build, is out of reach.
    await writeFile(join(appPath, 'package.json'), '{}');
    const outside = await serve(new Request('app://clinicdesk/%2e%2e%2f%2e%2e%2fpackage.json'));
    expect(outside.status).toBe(403);
  });

  it('lets the page reach the hub it pairs with, from its next load on and at the next launch', async () => {
    const fake = await started();
    const fromPage = topFrame(APP_PAGE);
    const connectSrc = async () =>
      (await fake.protocolHandlers.get('app')!(new Request('app://clinicdesk/'))).headers
        .get('content-security-policy')
        ?.split('; ')
        .find((directive) => directive.startsWith('connect-src'));
    expect(await connectSrc()).toBe("connect-src 'self'");

    // The page's policy does not name the hub yet: the main process asks it for the pairing.
    await expect(
      fake.module.ipcMain.invoke(hubAccessIpc.pair.channel, fromPage, {
        origin: 'http://192.168.1.20:7300',
        pairing: { code: 'ABCD2345', deviceName: '前台' },
      }),
    ).resolves.toEqual({ status: 200, body: '{}' });
    expect(fake.netRequests).toMatchObject([
      { url: 'http://192.168.1.20:7300/v1/pair', method: 'POST' },
    ]);
    expect(await connectSrc()).toBe("connect-src 'self'");

    // Paired: the page names its hub and is loaded again under a policy that allows it.
    await fake.module.ipcMain.invoke(hubAccessIpc.allow.channel, fromPage, {
      origin: 'http://192.168.1.20:7300',
    });
    expect(fake.calls).toContain('reload');
    expect(await connectSrc()).toBe("connect-src 'self' http://192.168.1.20:7300");

    vi.resetModules();
    const next = fakeElectron();
    await writeFile(
      join(next.userData, 'hub-access.json'),
      await readFile(join(fake.userData, 'hub-access.json'), 'utf8'),
    );
    vi.doMock('electron', () => next.module);
    await import('./main');
    await vi.waitFor(() => expect(next.windows[0]?.loaded).toBe(APP_PAGE));
    const first = await next.protocolHandlers.get('app')!(new Request(APP_PAGE));
    expect(first.headers.get('content-security-policy')).toContain(
      "connect-src 'self' http://192.168.1.20:7300;",
    );
  });

  it('hardens the window it created and its session', async () => {
    const { windows, module } = await started();
    const contents = windows[0]?.webContents;
    expect(contents?.windowOpen()).toEqual({ action: 'deny' });
    expect(contents?.attempt('will-navigate', 'https://example.com')).toBe(true);
    expect(contents?.attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents?.attempt('will-navigate', `${APP_PAGE}#/patients`)).toBe(false);
    expect(
      module.session.defaultSession.request('media', {
        requestingUrl: APP_PAGE,
        mediaTypes: ['video'],
      }),
    ).toBe(true);
    expect(
      module.session.defaultSession.request('media', {
        requestingUrl: 'file:///opt/clinicdesk/dist/renderer/index.html',
        mediaTypes: ['video'],
      }),
    ).toBe(false);
  });

  it('answers the page, and switches the menu when the page changes language', async () => {
    const { module, menus } = await started();
    const fromPage = topFrame(APP_PAGE);
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

  it('locks the page when the screen locks or the PC goes to sleep', async () => {
    const { windows, powerMonitor } = await started();
    powerMonitor.emit('lock-screen');
    powerMonitor.emit('suspend');
    expect(windows[0]?.webContents.sent).toEqual([
      [ipc.menuCommand.channel, 'lock'],
      [ipc.menuCommand.channel, 'lock'],
    ]);
  });

  it('serves the backup channels, and tells a loaded page when a backup is due', async () => {
    const { module, windows, userData } = await started();
    const fromPage = topFrame(APP_PAGE);
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

  it('shows a complaint notice from the OS, and its click brings the window to the complaint', async () => {
    const { module, windows, notifications, calls, userData } = await started();
    await module.ipcMain.invoke(complaintNoticeIpc.show.channel, topFrame(APP_PAGE), {
      complaintId: 'c1',
      level: 'overdue',
      deadline: 'first-contact',
      category: 'waiting',
      dueAt: '2026-11-26T02:00:00.000Z',
      language: 'en',
    });
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({
      shown: true,
      options: { title: 'A complaint is overdue' },
    });
    notifications[0]!.emit('click');
    expect(calls).toContain('focus');
    expect(windows[0]?.webContents.sent).toContainEqual([complaintNoticeIpc.open.channel, 'c1']);
    await rm(userData, { recursive: true, force: true });
  });

  it('hosts no sync hub until the owner turns it on', async () => {
    const { module, utilityProcesses, userData } = await started();
    const fromPage = topFrame(APP_PAGE);
    await expect(module.ipcMain.invoke(hubHostIpc.status.channel, fromPage)).resolves.toMatchObject(
      { enabled: false, state: 'off', port: 7300, lanUrls: [] },
    );
    expect(utilityProcesses).toEqual([]);
    await rm(userData, { recursive: true, force: true });
  });

  it('starts the sync hub again at launch when it was on, and stops it before quitting', async () => {
    const fake = fakeElectron();
    await writeFile(join(fake.userData, 'hub-host.json'), '{ "version": 1, "enabled": true }');
    vi.doMock('electron', () => fake.module);
    await import('./main');
    await vi.waitFor(() => expect(fake.utilityProcesses[0]?.received).toHaveLength(1));
    const hub = fake.utilityProcesses[0]!;
    expect(hub.modulePath).toBe(join(fake.appPath, 'dist-electron', 'hub-worker.cjs'));
    expect(hub.received).toEqual([
      { kind: 'start', dataDir: join(fake.userData, 'hub'), host: '0.0.0.0', port: 7300 },
    ]);
    const fromPage = topFrame(APP_PAGE);
    await expect(
      fake.module.ipcMain.invoke(hubHostIpc.status.channel, fromPage),
    ).resolves.toMatchObject({
      enabled: true,
      state: 'running',
      localUrl: 'http://127.0.0.1:7300',
    });

    const preventDefault = vi.fn();
    fake.module.app.emit('before-quit', { preventDefault });
    expect(preventDefault).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(fake.calls).toContain('quit'));
    expect(hub.received.at(-1)).toEqual({ kind: 'stop' });
    expect(fake.calls).toContain('kill utility process');
    // The quit that follows is not held up again.
    fake.module.app.emit('before-quit', { preventDefault });
    expect(preventDefault).toHaveBeenCalledOnce();
    await rm(fake.userData, { recursive: true, force: true });
  });

  it('brings the running window forward when launched a second time', async () => {
    const { module, windows, calls } = await started();
    windows[0]!.minimized = true;
    calls.length = 0;
    module.app.emit('second-instance');
    expect(calls).toEqual(['restore', 'show', 'focus']);
  });

  it('loads the dev server only from 127.0.0.1, and then serves no app://', async () => {
    vi.stubEnv('CLINICDESK_DEV_URL', 'http://127.0.0.1:5173');
    const { windows, privilegedSchemes, protocolHandlers } = await started();
    expect(windows[0]?.loaded).toBe('http://127.0.0.1:5173/');
    expect(privilegedSchemes).toEqual([]);
    expect(protocolHandlers.size).toBe(0);
  });

  it('ignores a dev URL that points elsewhere', async () => {
    vi.stubEnv('CLINICDESK_DEV_URL', 'https://example.com');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { windows } = await started();
    expect(windows[0]?.loaded).toBe(APP_PAGE);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  it('tells the person at the desk, in Chinese first, when the page cannot load', async () => {
    const fake = fakeElectron();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.doMock('electron', () => ({
      ...fake.module,
      BrowserWindow: class extends fake.module.BrowserWindow {
        override loadURL = () => Promise.reject(new Error('ERR_FAILED (-2)'));
      },
    }));
    await import('./main');
    await vi.waitFor(() => expect(fake.calls).toContain('quit'));
    expect(fake.calls).toContain('error box ClinicDesk 无法启动 / ClinicDesk could not start');
    expect(error).toHaveBeenCalledWith('ClinicDesk failed to start:', 'ERR_FAILED (-2)');
    error.mockRestore();
  });

  it('says so too when the built page is missing, instead of opening a blank window', async () => {
    const fake = fakeElectron();
    await rm(join(fake.appPath, 'dist', 'renderer', 'index.html'));
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.doMock('electron', () => fake.module);
    await import('./main');
    await vi.waitFor(() => expect(fake.calls).toContain('quit'));
    expect(fake.calls).toContain('error box ClinicDesk 无法启动 / ClinicDesk could not start');
    expect(error).toHaveBeenCalledWith(
      'ClinicDesk failed to start:',
      'the built page is missing (404)',
    );
    expect(fake.windows).toHaveLength(0);
    error.mockRestore();
  });

  describe('started with a debugger switch', () => {
    const argv = process.argv;
    afterEach(() => {
      process.argv = argv;
    });

    it('refuses to start when packaged, and says why before anything opens', async () => {
      process.argv = [...argv, '--remote-debugging-port=9222'];
      const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const { calls, windows, privilegedSchemes } = await launch({ isPackaged: true });
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(calls).toEqual([
        'error box ClinicDesk 拒绝以调试方式启动 / ClinicDesk will not start in debugging mode',
        'exit 1',
      ]);
      expect(windows).toHaveLength(0);
      expect(privilegedSchemes).toEqual([]);
      expect(error).toHaveBeenCalledWith('ClinicDesk refused to start: --remote-debugging-port');
      error.mockRestore();
    });

    it('refuses ELECTRON_RUN_AS_NODE too, were its fuse ever left on', async () => {
      vi.stubEnv('ELECTRON_RUN_AS_NODE', '1');
      const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const { calls, windows } = await launch({ isPackaged: true });
      expect(calls).toContain('exit 1');
      expect(windows).toHaveLength(0);
      error.mockRestore();
    });

    it('lets a developer debug the unpackaged app', async () => {
      process.argv = [...argv, '--inspect'];
      const { windows } = await started();
      expect(windows).toHaveLength(1);
    });
  });

  it('quits at once when another ClinicDesk is already running', async () => {
    const { calls, windows } = await launch({ lockGranted: false });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls).toEqual(['quit']);
    expect(windows).toHaveLength(0);
  });
});
