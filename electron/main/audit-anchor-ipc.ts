import { auditAnchorIpc, type AuditAnchor } from '../../shared/bridge/audit-anchor';
import type { AppUrlPolicy } from './app-url';
import { handleValidated, type IpcMainLike } from './ipc';

/**
 * The anchor's channels (shared/bridge/audit-anchor.ts `auditAnchorIpc`): each answers only the
 * app's own page, and only an argument its schema accepts (a store name and a chain head).
 */
export const registerAuditAnchorIpc = (
  ipcMain: IpcMainLike,
  anchor: AuditAnchor,
  isAppUrl: AppUrlPolicy['isAppUrl'],
): void => {
  const c = auditAnchorIpc;
  handleValidated(ipcMain, isAppUrl, c.record.channel, c.record.input, (input) =>
    anchor.record(input),
  );
  handleValidated(ipcMain, isAppUrl, c.read.channel, c.read.input, (input) => anchor.read(input));
};
