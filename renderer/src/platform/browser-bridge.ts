import type {
  MenuCommand,
  PlatformBridge,
  PrintOutcome,
} from '../../../shared/bridge/platform-bridge';
import { createBrowserAuditAnchor } from './browser-audit-anchor';
import { browserBackups } from './browser-backups';
import { browserComplaintNotices } from './browser-notifications';
import type { AuditAnchor } from '../../../shared/bridge/audit-anchor';

let anchor: AuditAnchor | undefined;

/** Browser mode: the same contract as the Electron preload, served by browser APIs. */
export const browserBridge = {
  appInfo: async () => ({
    kind: 'browser' as const,
    version: __APP_VERSION__,
    platform: navigator.platform || 'web',
    deviceName: 'Browser',
  }),
  onMenuCommand: (listener: (command: MenuCommand) => void) => {
    // The desktop menu's Ctrl+L (lock) has a keyboard twin in the browser.
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        listener('lock');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  },
  setLanguage: async () => {},
  // The browser's print dialog blocks until it closes and tells the page nothing of what was
  // chosen; "Save as PDF" is one of its printers, so both buttons open it. The page's @page rule
  // carries the paper size.
  print: async (): Promise<PrintOutcome> => {
    window.print();
    return { outcome: 'browser-dialog' };
  },
  printToPdf: async (): Promise<PrintOutcome> => {
    window.print();
    return { outcome: 'browser-dialog' };
  },
  // Made on first use: it opens its own small IndexedDB for the key, settings and history.
  get backups() {
    return browserBackups();
  },
  // Made on first use, in its own small IndexedDB (platform/browser-audit-anchor.ts).
  get auditAnchor() {
    anchor ??= createBrowserAuditAnchor();
    return anchor;
  },
  complaintNotices: browserComplaintNotices,
} satisfies PlatformBridge;
