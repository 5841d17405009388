import { z } from 'zod';
import type { AuditAnchor } from './audit-anchor';
import type { BackupHost } from './backup-host';
import type { ComplaintNotifier } from './complaint-notice';
import type { HubAccess } from './hub-access';
import type { HubHost } from './hub-host';

/**
 * The one contract between the renderer and its host. The Electron preload and the browser
 * fallback both `satisfies PlatformBridge`, so they cannot drift apart. The renderer reaches the
 * host only through this object, never through `window.*`.
 */
export const appInfoSchema = z.object({
  kind: z.enum(['electron', 'browser']),
  version: z.string(),
  platform: z.string(),
  /** A name a person recognises in the audit log: the PC's host name, or "Browser". */
  deviceName: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** Commands the desktop menu sends to the page (the page decides what they mean). */
export const menuCommandSchema = z.enum(['lock', 'logout', 'open-settings', 'open-audit']);
export type MenuCommand = z.infer<typeof menuCommandSchema>;

export const languageChangeSchema = z.enum(['zh-CN', 'en']);

/** The paper a document is printed on; the page's `@page` rule uses the same size. */
export const paperSizeSchema = z.enum(['A4', 'A5']);
export type PaperSize = z.infer<typeof paperSizeSchema>;

export const printRequestSchema = z.object({ pageSize: paperSizeSchema }).strict();
export type PrintRequest = z.infer<typeof printRequestSchema>;

/**
 * A PDF of the current page. `fileName` is only the suggestion the save dialog starts with: no
 * folders, no control characters; the person picks where it goes.
 */
export const pdfRequestSchema = z
  .object({
    pageSize: paperSizeSchema,
    fileName: z
      .string()
      .min(1)
      .max(120)
      .refine(
        (name) =>
          name.endsWith('.pdf') && ![...name].some((c) => c < ' ' || '\\/:*?"<>|'.includes(c)),
        'a file name, not a path',
      ),
  })
  .strict();
export type PdfRequest = z.infer<typeof pdfRequestSchema>;

/**
 * How printing ended. 'browser-dialog': the browser's own print dialog took over, where "Save as
 * PDF" is one of the printers; the page cannot know what the person chose.
 */
export const printOutcomeSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('printed') }),
  z.object({ outcome: z.literal('saved'), path: z.string() }),
  z.object({ outcome: z.literal('cancelled') }),
  z.object({ outcome: z.literal('browser-dialog') }),
]);
export type PrintOutcome = z.infer<typeof printOutcomeSchema>;

export type PlatformBridge = {
  /** Backups: the key, the files, the schedule and the history (./backup-host.ts). */
  backups: BackupHost;
  /** Keeps the audit chains' signed checkpoints outside the clinic's store (./audit-anchor.ts). */
  auditAnchor: AuditAnchor;
  /** The desktop only: this PC hosts the clinic's sync service (./hub-host.ts). */
  hubHost?: HubHost;
  /** The desktop only: which sync hub the page's policy lets it reach (./hub-access.ts). */
  hubAccess?: HubAccess;
  /** Complaint deadline notifications: the OS's on the desktop, the browser's when allowed. */
  complaintNotices?: ComplaintNotifier;
  appInfo(): Promise<AppInfo>;
  /** Subscribe to menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Tell the host the UI language so that its menus follow. */
  setLanguage(language: z.infer<typeof languageChangeSchema>): Promise<void>;
  /** Print the current page on paper of this size, through the system's print dialog. */
  print(request: PrintRequest): Promise<PrintOutcome>;
  /** Save the current page as a PDF: a save dialog on the desktop, the print dialog in a browser. */
  printToPdf(request: PdfRequest): Promise<PrintOutcome>;
};

/** IPC channel names, and the zod schema each handler validates its argument with. */
export const ipc = {
  appInfo: { channel: 'clinicdesk:app-info', input: z.undefined() },
  setLanguage: { channel: 'clinicdesk:set-language', input: languageChangeSchema },
  menuCommand: { channel: 'clinicdesk:menu-command', input: menuCommandSchema },
  print: { channel: 'clinicdesk:print', input: printRequestSchema },
  printToPdf: { channel: 'clinicdesk:print-to-pdf', input: pdfRequestSchema },
} as const;

/** The global name the preload exposes the bridge under. */
export const BRIDGE_GLOBAL = 'clinicdesk';
