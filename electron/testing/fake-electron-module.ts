import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeIpcMain, fakeSession, fakeWebContents } from './fake-electron';

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

export const BUILT_PAGE = '<!doctype html><title>ClinicDesk</title>';

/** A stand-in for the whole `electron` module, for loading main.ts in a test. */
export const fakeElectronModule = ({ lockGranted = true, isPackaged = false } = {}) => {
  const calls: string[] = [];
  const windows: FakeBrowserWindow[] = [];
  const menus: unknown[] = [];
  const utilityProcesses: FakeUtilityProcess[] = [];
  const privilegedSchemes: unknown[] = [];
  const protocolHandlers = new Map<string, ProtocolHandler>();
  const netRequests: Array<{ url: string; method?: string; body?: unknown }> = [];
  const hubAnswer = { status: 200, body: '{}' };
  let ready = false;
  // main.ts keeps backups under userData: a real folder, thrown away with the temp dir.
  const userData = mkdtempSync(join(tmpdir(), 'clinicdesk-fake-userdata-'));
  // The app folder with a built page in it, for app:// to serve.
  const appPath = mkdtempSync(join(tmpdir(), 'clinicdesk-fake-app-'));
  mkdirSync(join(appPath, 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(appPath, 'dist', 'renderer', 'index.html'), BUILT_PAGE);

  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = Object.assign(fakeWebContents(), {
      sent: [] as unknown[][],
      send(...args: unknown[]) {
        this.sent.push(args);
      },
      reload() {
        calls.push('reload');
      },
    });
    loaded: string | undefined;
    minimized = false;
    constructor(readonly options: { webPreferences?: { preload?: string } }) {
      super();
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    static getAllWindows = () => windows;
    loadFile = async (path: string) => {
      this.loaded = path;
    };
    loadURL = async (url: string) => {
      this.loaded = url;
    };
    isDestroyed = () => false;
    isMinimized = () => this.minimized;
    restore = () => calls.push('restore');
    show = () => calls.push('show');
    focus = () => calls.push('focus');
  }

  /** A utility process running the hub worker: it answers as a hub that starts and stops. */
  class FakeUtilityProcess extends EventEmitter {
    readonly received: unknown[] = [];
    constructor(
      readonly modulePath: string,
      readonly options: unknown,
    ) {
      super();
    }
    postMessage(message: { kind: string }) {
      this.received.push(message);
      const reply =
        message.kind === 'start'
          ? { kind: 'started', url: 'http://0.0.0.0:7300', port: 7300 }
          : message.kind === 'stop'
            ? { kind: 'stopped' }
            : { kind: 'pair-code', code: 'ABCD2345', expiresAt: 1_700_000_600_000 };
      queueMicrotask(() => this.emit('message', reply));
    }
    kill() {
      calls.push('kill utility process');
      queueMicrotask(() => this.emit('exit', 0));
      return true;
    }
  }

  const app = Object.assign(new EventEmitter(), {
    isPackaged,
    getAppPath: () => appPath,
    getVersion: () => '0.1.0',
    getPath: (name: string) => (name === 'userData' ? userData : join(userData, name)),
    requestSingleInstanceLock: () => lockGranted,
    quit: () => calls.push('quit'),
    exit: (code: number) => calls.push(`exit ${code}`),
    enableSandbox: () => calls.push('enableSandbox'),
    setAppUserModelId: (id: string) => calls.push(`appUserModelId ${id}`),
    setAboutPanelOptions: () => undefined,
    whenReady: () =>
      Promise.resolve().then(() => {
        ready = true;
      }),
  });

  const session = fakeSession();
  // The OS notifications main.ts showed, each clickable by a test.
  const notifications: FakeNotification[] = [];
  class FakeNotification extends EventEmitter {
    static isSupported = () => true;
    shown = false;
    constructor(readonly options: { title: string; body: string }) {
      super();
      notifications.push(this);
    }
    show = () => {
      this.shown = true;
    };
  }
  // The OS's screen lock and sleep, emitted by a test.
  const powerMonitor = new EventEmitter();

  const module = {
    app,
    dialog: {
      showErrorBox: (title: string) => calls.push(`error box ${title}`),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    },
    // Like Linux without a keyring: no key is ever written.
    safeStorage: {
      isEncryptionAvailable: () => false,
      encryptString: () => {
        throw new Error('no keychain');
      },
      decryptString: () => {
        throw new Error('no keychain');
      },
    },
    BrowserWindow: FakeBrowserWindow,
    Notification: FakeNotification,
    ipcMain: fakeIpcMain(),
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => menus.push(menu),
    },
    // Electron's rules: privileges once and before ready, handlers only after.
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        if (ready) throw new Error('registerSchemesAsPrivileged after ready');
        if (privilegedSchemes.length > 0) throw new Error('registerSchemesAsPrivileged twice');
        privilegedSchemes.push(...schemes);
      },
      handle: (scheme: string, handler: ProtocolHandler) => {
        if (!ready) throw new Error('protocol.handle before ready');
        if (protocolHandlers.has(scheme)) throw new Error(`second handler for ${scheme}:`);
        protocolHandlers.set(scheme, handler);
      },
    },
    // The hubs the main process asked: each answers a pairing request with `hubAnswer`.
    net: {
      fetch: async (url: string, init?: RequestInit) => {
        netRequests.push({ url, method: init?.method, body: init?.body });
        return new Response(hubAnswer.body, { status: hubAnswer.status });
      },
    },
    powerMonitor,
    session: { defaultSession: session },
    utilityProcess: {
      fork: (modulePath: string, _args?: string[], options?: unknown) => {
        const child = new FakeUtilityProcess(modulePath, options);
        utilityProcesses.push(child);
        return child;
      },
    },
  };
  return {
    module,
    calls,
    powerMonitor,
    windows,
    menus,
    userData,
    appPath,
    utilityProcesses,
    privilegedSchemes,
    protocolHandlers,
    netRequests,
    hubAnswer,
    notifications,
  };
};
