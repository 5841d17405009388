import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeIpcMain, fakeSession, fakeWebContents } from './fake-electron';

/** A stand-in for the whole `electron` module, for loading main.ts in a test. */
export const fakeElectronModule = ({ lockGranted = true } = {}) => {
  const calls: string[] = [];
  const windows: FakeBrowserWindow[] = [];
  const menus: unknown[] = [];
  const headerListeners: unknown[] = [];
  // main.ts keeps backups under userData: a real folder, thrown away with the temp dir.
  const userData = mkdtempSync(join(tmpdir(), 'clinicdesk-fake-userdata-'));

  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = Object.assign(fakeWebContents(), {
      sent: [] as unknown[][],
      send(...args: unknown[]) {
        this.sent.push(args);
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

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    getAppPath: () => '/opt/clinicdesk',
    getVersion: () => '0.1.0',
    getPath: (name: string) => (name === 'userData' ? userData : join(userData, name)),
    requestSingleInstanceLock: () => lockGranted,
    quit: () => calls.push('quit'),
    enableSandbox: () => calls.push('enableSandbox'),
    setAppUserModelId: (id: string) => calls.push(`appUserModelId ${id}`),
    setAboutPanelOptions: () => undefined,
    whenReady: () => Promise.resolve(),
  });

  const session = Object.assign(fakeSession(), {
    webRequest: { onHeadersReceived: (listener: unknown) => headerListeners.push(listener) },
  });

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
    ipcMain: fakeIpcMain(),
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => menus.push(menu),
    },
    session: { defaultSession: session },
  };
  return { module, calls, windows, menus, headerListeners, userData };
};
