import { z } from 'zod';

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

export type PlatformBridge = {
  appInfo(): Promise<AppInfo>;
  /** Subscribe to menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Tell the host the UI language so that its menus follow. */
  setLanguage(language: z.infer<typeof languageChangeSchema>): Promise<void>;
};

/** IPC channel names, and the zod schema each handler validates its argument with. */
export const ipc = {
  appInfo: { channel: 'clinicdesk:app-info', input: z.undefined() },
  setLanguage: { channel: 'clinicdesk:set-language', input: languageChangeSchema },
  menuCommand: { channel: 'clinicdesk:menu-command', input: menuCommandSchema },
} as const;

/** The global name the preload exposes the bridge under. */
export const BRIDGE_GLOBAL = 'clinicdesk';
