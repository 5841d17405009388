import type { BrowserWindowConstructorOptions } from 'electron';

export type WindowOptionsSettings = {
  /** Only unpackaged builds get DevTools: in a clinic they are a way round every rule. */
  devTools?: boolean;
};

export const windowOptions = (
  preloadPath: string,
  { devTools = false }: WindowOptionsSettings = {},
): BrowserWindowConstructorOptions => ({
  title: 'ClinicDesk',
  width: 1280,
  height: 800,
  minWidth: 1024,
  minHeight: 700,
  // Shown on ready-to-show, so that nobody sees a white flash or half-drawn page.
  show: false,
  backgroundColor: '#ffffff',
  webPreferences: {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    webviewTag: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  },
});
