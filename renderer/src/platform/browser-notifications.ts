import {
  complaintNoticeText,
  type ComplaintNotifier,
} from '../../../shared/bridge/complaint-notice';

export type NotificationPermissionState = 'granted' | 'denied' | 'default' | 'unsupported';

const api = (): typeof Notification | undefined =>
  typeof globalThis.Notification === 'function' ? globalThis.Notification : undefined;

/** Whether this browser lets the page show notifications (it asks once, on a person's click). */
export const browserNotificationPermission = (): NotificationPermissionState =>
  api()?.permission ?? 'unsupported';

export const requestBrowserNotificationPermission =
  async (): Promise<NotificationPermissionState> => {
    const notification = api();
    if (!notification) return 'unsupported';
    return notification.requestPermission();
  };

const openListeners = new Set<(complaintId: string) => void>();

/**
 * Browser mode: the same fixed text as the desktop's (shared/bridge/complaint-notice.ts), shown
 * by the browser's Notification API, and only when the person has allowed it.
 */
export const browserComplaintNotices: ComplaintNotifier = {
  show: async (notice) => {
    const Notice = api();
    if (!Notice || Notice.permission !== 'granted') return;
    const { title, body } = complaintNoticeText(notice);
    const shown = new Notice(title, { body, tag: `complaint-${notice.complaintId}` });
    shown.onclick = () => {
      window.focus();
      for (const listener of openListeners) listener(notice.complaintId);
      shown.close();
    };
  },
  onOpen: (listener) => {
    openListeners.add(listener);
    return () => openListeners.delete(listener);
  },
};
