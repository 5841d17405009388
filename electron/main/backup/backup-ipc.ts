import { backupIpc } from '../../../shared/bridge/backup-host';
import type { AppUrlPolicy } from '../app-url';
import { handleValidated, type IpcMainLike } from '../ipc';
import type { BackupHandlers } from './desktop-backup-host';

/**
 * The backup channels (shared/bridge/backup-host.ts `backupIpc`): each answers only the app's own
 * page, and only an argument its schema accepts — a write of more than 8 MiB, a session id of the
 * wrong shape, a settings object with an extra field never reach the host.
 */
export const registerBackupIpc = (
  ipcMain: IpcMainLike,
  handlers: BackupHandlers,
  isAppUrl: AppUrlPolicy['isAppUrl'],
): void => {
  const c = backupIpc;
  handleValidated(ipcMain, isAppUrl, c.status.channel, c.status.input, () => handlers.status());
  handleValidated(ipcMain, isAppUrl, c.setPassphrase.channel, c.setPassphrase.input, (p) =>
    handlers.setPassphrase(p),
  );
  handleValidated(ipcMain, isAppUrl, c.saveSettings.channel, c.saveSettings.input, (s) =>
    handlers.saveSettings(s),
  );
  handleValidated(ipcMain, isAppUrl, c.chooseFolder.channel, c.chooseFolder.input, () =>
    handlers.chooseFolder(),
  );
  handleValidated(ipcMain, isAppUrl, c.begin.channel, c.begin.input, (b) => handlers.begin(b));
  handleValidated(ipcMain, isAppUrl, c.write.channel, c.write.input, (w) => handlers.write(w));
  handleValidated(ipcMain, isAppUrl, c.finish.channel, c.finish.input, (f) => handlers.finish(f));
  handleValidated(ipcMain, isAppUrl, c.abort.channel, c.abort.input, (a) => handlers.abort(a));
  handleValidated(ipcMain, isAppUrl, c.exportTo.channel, c.exportTo.input, (e) =>
    handlers.exportTo(e),
  );
};
