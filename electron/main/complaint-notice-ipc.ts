import {
  complaintNoticeIpc,
  complaintNoticeText,
  type ComplaintNotice,
} from '../../shared/bridge/complaint-notice';
import type { AppUrlPolicy } from './app-url';
import { handleValidated, type IpcMainLike } from './ipc';

/** The part of Electron's `Notification` the handler uses. */
export type NotificationLike = {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
};

export type ComplaintNoticeDeps = {
  /** `new Notification(options)`; undefined where the OS has no notifications. */
  notify?: (options: { title: string; body: string; silent: boolean }) => NotificationLike;
  /** The notification was clicked: bring the window forward and tell the page which one. */
  onClick: (complaintId: string) => void;
};

/**
 * The complaint deadline notification (shared/bridge/complaint-notice.ts): only the app's page
 * may ask, only with a notice its schema accepts, and the text is composed here from fixed words:
 * no name or phone number can reach the OS notification centre or the log.
 */
export const registerComplaintNoticeIpc = (
  ipcMain: IpcMainLike,
  deps: ComplaintNoticeDeps,
  isAppUrl: AppUrlPolicy['isAppUrl'],
): void => {
  const c = complaintNoticeIpc.show;
  handleValidated(ipcMain, isAppUrl, c.channel, c.input, (notice: ComplaintNotice) => {
    if (!deps.notify) return;
    const notification = deps.notify({ ...complaintNoticeText(notice), silent: false });
    notification.on('click', () => deps.onClick(notice.complaintId));
    notification.show();
  });
};
