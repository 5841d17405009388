import { hubAccessIpc } from '../../shared/bridge/hub-access';
import type { AppUrlPolicy } from './app-url';
import type { DesktopHubAccess } from './hub-access';
import { handleValidated, type IpcMainLike } from './ipc';

/**
 * The hub access channels (shared/bridge/hub-access.ts `hubAccessIpc`): each answers only the
 * app's own page, and only an origin that is http(s) with a host and port and nothing more.
 */
export const registerHubAccessIpc = (
  ipcMain: IpcMainLike,
  access: Pick<DesktopHubAccess, 'allowed' | 'allow' | 'pair'>,
  isAppUrl: AppUrlPolicy['isAppUrl'],
): void => {
  const c = hubAccessIpc;
  handleValidated(ipcMain, isAppUrl, c.allowed.channel, c.allowed.input, () => access.allowed());
  handleValidated(ipcMain, isAppUrl, c.allow.channel, c.allow.input, (input) =>
    access.allow(input),
  );
  handleValidated(ipcMain, isAppUrl, c.pair.channel, c.pair.input, (input) => access.pair(input));
};
