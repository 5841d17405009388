import { hubHostIpc, type HubHost } from '../../shared/bridge/hub-host';
import type { AppUrlPolicy } from './app-url';
import { handleValidated, type IpcMainLike } from './ipc';

/**
 * The hub host's channels (shared/bridge/hub-host.ts `hubHostIpc`): each answers only the app's
 * own page, and only an argument its schema accepts; status, on and off take none.
 */
export const registerHubHostIpc = (
  ipcMain: IpcMainLike,
  host: HubHost,
  isAppUrl: AppUrlPolicy['isAppUrl'],
): void => {
  const c = hubHostIpc;
  handleValidated(ipcMain, isAppUrl, c.status.channel, c.status.input, () => host.status());
  handleValidated(ipcMain, isAppUrl, c.turnOn.channel, c.turnOn.input, () => host.turnOn());
  handleValidated(ipcMain, isAppUrl, c.turnOff.channel, c.turnOff.input, () => host.turnOff());
  handleValidated(ipcMain, isAppUrl, c.createPairingCode.channel, c.createPairingCode.input, (r) =>
    host.createPairingCode(r),
  );
};
