import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  BRIDGE_GLOBAL,
  type AppInfo,
  type PlatformBridge,
} from '../../shared/bridge/platform-bridge';

/** The Electron binary's path, or undefined where it was never downloaded. */
const electronBinary = (): string | undefined => {
  try {
    // The `electron` package exports the binary's path, and throws when path.txt is missing.
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
};

const SKIP_REASON =
  'Electron smoke test skipped: the Electron binary is not installed; `npm start` downloads it (set ELECTRON_MIRROR where GitHub is out of reach).';
const binaryInstalled = electronBinary() !== undefined;
if (!binaryInstalled) console.warn(SKIP_REASON);

type WithBridge = Window & { [BRIDGE_GLOBAL]: PlatformBridge };
/** Undocumented in Electron's types: the preferences the renderer really got, defaults included. */
type Inspectable = { getLastWebPreferences(): Record<string, unknown> };

test.describe('the desktop app', () => {
  test.skip(!binaryInstalled, SKIP_REASON);
  // One app for both tests: a second launch would only meet the single-instance lock.
  test.describe.configure({ mode: 'serial' });

  let app: ElectronApplication;

  test.beforeAll(async () => {
    if (!existsSync('dist/renderer/index.html')) {
      throw new Error('dist/renderer/index.html is missing: run `npm run build:renderer` first');
    }
    // Cheap (esbuild), and makes sure the shell under test is the current source.
    execFileSync(process.execPath, ['electron/build.mjs'], { stdio: 'inherit' });
    app = await electron.launch({ args: ['.'] });
  });

  test.afterAll(async () => {
    await app?.close();
  });

  test('opens one window with the hardened web preferences', async () => {
    const page = await app.firstWindow();
    await expect(page).toHaveTitle(/ClinicDesk/);
    const preferences = await app.evaluate(({ BrowserWindow }) => {
      const windows = BrowserWindow.getAllWindows();
      const contents = windows[0]?.webContents as unknown as Inspectable | undefined;
      return { count: windows.length, prefs: contents?.getLastWebPreferences() };
    });
    expect(preferences.count).toBe(1);
    expect(preferences.prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  test('the page reaches the host only through the bridge', async () => {
    const page = await app.firstWindow();
    // Served from our own scheme, not file:// (where 'self' would be any local file).
    await expect.poll(() => page.url()).toMatch(/^app:\/\/clinicdesk\/index\.html/);
    const info = await page.evaluate<AppInfo, typeof BRIDGE_GLOBAL>(
      (name) => (window as unknown as WithBridge)[name].appInfo(),
      BRIDGE_GLOBAL,
    );
    expect(info.kind).toBe('electron');
    expect(info.deviceName).not.toBe('');

    const globals = await page.evaluate<Record<string, unknown>, typeof BRIDGE_GLOBAL>(
      (name) => ({
        require: typeof require,
        process: typeof process,
        bridgeKeys: Object.keys((window as unknown as WithBridge)[name]).sort(),
      }),
      BRIDGE_GLOBAL,
    );
    expect(globals).toEqual({
      require: 'undefined',
      process: 'undefined',
      bridgeKeys: [
        'appInfo',
        'backups',
        'hubHost',
        'onMenuCommand',
        'print',
        'printToPdf',
        'setLanguage',
      ],
    });
  });
});
