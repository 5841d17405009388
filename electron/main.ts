import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  utilityProcess,
} from 'electron';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { backupIpc } from '../shared/bridge/backup-host';
import { complaintNoticeIpc } from '../shared/bridge/complaint-notice';
import { ipc, type MenuCommand } from '../shared/bridge/platform-bridge';
import { systemClock } from '../shared/clock/clock';
import { desktopContentSecurityPolicy } from '../shared/security/content-security-policy';
import { readAppInfo } from './main/app-info';
import { createDesktopAuditAnchor } from './main/audit-anchor';
import { registerAuditAnchorIpc } from './main/audit-anchor-ipc';
import { registerComplaintNoticeIpc } from './main/complaint-notice-ipc';
import { registerBackupIpc } from './main/backup/backup-ipc';
import type { BackupScheduler } from './main/backup/backup-scheduler';
import { createDesktopBackupHost } from './main/backup/desktop-backup-host';
import { debugEntryPoints, refusalText } from './main/debug-switches';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './main/app-protocol';
import { APP_SCHEME, appSchemeUrlPolicy, devAppUrlPolicy, resolveDevUrl } from './main/app-url';
import { createHubAccess, type DesktopHubAccess } from './main/hub-access';
import { registerHubAccessIpc } from './main/hub-access-ipc';
import { createHubHost, type DesktopHubHost } from './main/hub-host';
import { registerHubHostIpc } from './main/hub-host-ipc';
import { registerIpcHandlers } from './main/ipc';
import { buildMenuTemplate, type MenuLanguage } from './main/menu';
import { lockWithTheOs } from './main/os-lock';
import { printPage, savePageAsPdf } from './main/print';
import { hardenAllWebContents, restrictPermissions } from './main/security';
import { bringToFront } from './main/single-instance';
import { windowOptions } from './main/window-options';

const APP_ID = 'cn.clinicdesk.app';
const APP_NAME = 'ClinicDesk';

const dev = !app.isPackaged;
const devUrl = dev ? resolveDevUrl(process.env.CLINICDESK_DEV_URL) : undefined;
if (dev && process.env.CLINICDESK_DEV_URL && devUrl === undefined) {
  console.warn('CLINICDESK_DEV_URL ignored: only http://127.0.0.1 URLs are allowed');
}
// The built renderer, served as app://clinicdesk/ (see main/app-protocol.ts) rather than from
// file://, where 'self' would mean any local file and the page's origin would be "null".
const rendererRoot = join(app.getAppPath(), 'dist', 'renderer');
const policy = devUrl ? devAppUrlPolicy(devUrl) : appSchemeUrlPolicy;

let mainWindow: BrowserWindow | undefined;
let language: MenuLanguage = 'zh-CN';
let backupScheduler: BackupScheduler | undefined;
let hubHost: DesktopHubHost | undefined;

const send = (command: MenuCommand) =>
  mainWindow?.webContents.send(ipc.menuCommand.channel, command);

const theWindow = () => {
  if (!mainWindow) throw new Error('no window to print');
  return mainWindow;
};

const installMenu = () =>
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate(language, send, { platform: process.platform, dev, appName: APP_NAME }),
    ),
  );

const createWindow = async () => {
  const window = new BrowserWindow(
    windowOptions(join(app.getAppPath(), 'dist-electron', 'preload.cjs'), { devTools: dev }),
  );
  mainWindow = window;
  window.once('ready-to-show', () => window.show());
  // A page that has loaded has subscribed to "backup due"; each new page is told afresh.
  window.webContents.on('did-finish-load', () => backupScheduler?.start());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  await window.loadURL(policy.startUrl);
};

// Startup has no patient data yet: the error (usually a missing build) is safe to print. The
// person at the desk gets what to do instead.
const fail = (error: unknown) => {
  console.error('ClinicDesk failed to start:', error instanceof Error ? error.message : error);
  dialog.showErrorBox(
    'ClinicDesk 无法启动 / ClinicDesk could not start',
    '请重新安装 ClinicDesk；如仍无法启动，请联系技术支持。您的数据不受影响。\n\n' +
      'Please reinstall ClinicDesk; if it still does not start, contact support. Your data is not affected.',
  );
  app.quit();
};

/**
 * app:// serves the build, every response with the CSP header, which lets the page connect only
 * to itself and the configured sync hub. In dev the page is Vite's, whose hot reload needs inline
 * scripts: its own rules apply and app:// is not served.
 */
const serveBuiltRenderer = async (hubAccess: DesktopHubAccess) => {
  const handler = createAppProtocolHandler({
    root: rendererRoot,
    csp: () => desktopContentSecurityPolicy(hubAccess.origin()),
  });
  protocol.handle(APP_SCHEME, handler);
  // A 404 is a page, not a failed load: without this a broken install would open a blank
  // window instead of saying what to do.
  const index = await handler(new Request(appSchemeUrlPolicy.startUrl));
  if (!index.ok) throw new Error(`the built page is missing (${index.status})`);
};

const start = async () => {
  // The sync hub the page may reach, known before the first page is served (main/hub-access.ts).
  const hubAccess = createHubAccess({
    userData: app.getPath('userData'),
    fetch: (url, init) => net.fetch(url, init),
    reload: () => mainWindow?.webContents.reload(),
    // Fixed text only; warn is the level the log keeps.
    log: (line) => console.warn(`hub access: ${line}`),
  });
  await hubAccess.load();
  if (!devUrl) await serveBuiltRenderer(hubAccess);
  restrictPermissions(session.defaultSession, policy.isAppUrl);
  registerIpcHandlers(
    ipcMain,
    {
      appInfo: () =>
        readAppInfo({ version: app.getVersion(), platform: process.platform, hostname }),
      setLanguage: (next) => {
        language = next;
        installMenu();
      },
      print: (request) => printPage(theWindow().webContents, request),
      printToPdf: (request) =>
        savePageAsPdf(
          {
            contents: theWindow().webContents,
            askWhere: (options) => dialog.showSaveDialog(theWindow(), options),
            startFolder: app.getPath('documents'),
            writeFile,
            rename,
            unlink,
          },
          request,
        ),
    },
    policy.isAppUrl,
  );
  const backups = await createDesktopBackupHost({
    userData: app.getPath('userData'),
    clock: systemClock,
    safeStorage,
    chooseFolder: (options) => dialog.showOpenDialog(theWindow(), options),
    appVersion: app.getVersion(),
    onDue: () => mainWindow?.webContents.send(backupIpc.due.channel),
    // Fixed text and counts only (see DesktopBackupDeps.log); warn is the level the log keeps.
    log: (line) => console.warn(`backup: ${line}`),
  });
  registerBackupIpc(ipcMain, backups.handlers, policy.isAppUrl);
  // The audit chains' checkpoints, kept where the page's store cannot reach them.
  registerAuditAnchorIpc(
    ipcMain,
    createDesktopAuditAnchor({ userData: app.getPath('userData'), safeStorage }),
    policy.isAppUrl,
  );
  // Complaint deadlines: the OS notification, fixed text only; a click opens the complaint.
  registerComplaintNoticeIpc(
    ipcMain,
    {
      notify: Notification.isSupported() ? (options) => new Notification(options) : undefined,
      onClick: (complaintId) => {
        bringToFront(mainWindow);
        mainWindow?.webContents.send(complaintNoticeIpc.open.channel, complaintId);
      },
    },
    policy.isAppUrl,
  );
  backupScheduler = backups.scheduler;
  // The clinic's sync hub, when this PC hosts it: a utility process on the bundled worker (its
  // better-sqlite3 is unpacked from app.asar, see electron-builder.yml).
  hubHost = createHubHost({
    fork: () =>
      utilityProcess.fork(join(app.getAppPath(), 'dist-electron', 'hub-worker.cjs'), [], {
        serviceName: 'ClinicDesk sync hub',
      }),
    userData: app.getPath('userData'),
    networkInterfaces,
    // Fixed text and the hub's event names only; warn is the level the log keeps.
    log: (line) => console.warn(`sync hub: ${line}`),
  });
  registerHubHostIpc(ipcMain, hubHost, policy.isAppUrl);
  registerHubAccessIpc(ipcMain, hubAccess, policy.isAppUrl);
  // Started again if the owner had turned it on; a failure is in its status on the Sync screen.
  void hubHost.resume();
  // The screen locked or the PC went to sleep: the app locks too, as from its menu.
  lockWithTheOs(powerMonitor, () => send('lock'));
  installMenu();
  await createWindow();
};

// A packaged app started with a debugger's switch would hand the store to whoever started it:
// it says why and stops before anything opens (main/debug-switches.ts).
const debugging = dev ? [] : debugEntryPoints(process.argv.slice(1), process.env);

if (debugging.length > 0) {
  console.error(`ClinicDesk refused to start: ${debugging.join(', ')}`);
  const { title, body } = refusalText(debugging);
  dialog.showErrorBox(title, body);
  app.exit(1);
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Before ready, as Electron requires: app:// as a standard, secure origin (main/app-protocol.ts).
  if (!devUrl) protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  app.enableSandbox();
  app.setAppUserModelId(APP_ID);
  app.setAboutPanelOptions({ applicationName: APP_NAME, applicationVersion: app.getVersion() });
  hardenAllWebContents(app, policy.isAppUrl);

  app.on('second-instance', () => bringToFront(mainWindow));
  // The hub closes its store and releases its data folder before the app goes (after a start
  // under way, if any); it starts again at the next launch if it was on.
  let hubStopped = false;
  app.on('before-quit', (event) => {
    if (hubStopped || !hubHost) return;
    event.preventDefault();
    hubStopped = true;
    void hubHost.shutdown().finally(() => app.quit());
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow().catch(fail);
  });

  app.whenReady().then(start).catch(fail);
}
