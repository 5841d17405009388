import { describe, expect, it } from 'vitest';
import { windowOptions } from './window-options';

describe('the main window', () => {
  it('keeps the page away from Node and the web', () => {
    expect(windowOptions('/app/dist-electron/preload.cjs').webPreferences).toMatchObject({
      preload: '/app/dist-electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
  });

  it('opens hidden at 1280×800, never smaller than 1024×700', () => {
    expect(windowOptions('/p.cjs')).toMatchObject({
      title: 'ClinicDesk',
      width: 1280,
      height: 800,
      minWidth: 1024,
      minHeight: 700,
      show: false,
    });
  });

  it('has DevTools only when asked (unpackaged builds)', () => {
    expect(windowOptions('/p.cjs', { devTools: true }).webPreferences?.devTools).toBe(true);
  });
});
