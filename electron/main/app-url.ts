/**
 * The one answer to "is this URL the ClinicDesk page?", used by the navigation guard, the
 * permission handlers and the IPC sender check alike.
 */
export type AppUrlPolicy = {
  /** What the window loads first. */
  readonly startUrl: string;
  isAppUrl(url: string): boolean;
};

const parse = (url: string): URL | undefined => {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
};

/** The origin the built renderer is served from, by our own protocol (see app-protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'clinicdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The built renderer on app://clinicdesk: its whole origin is ours, and nothing else is. Compared
 * by parts, not by `URL.origin`, which Node (unlike Chromium) reports as "null" for a custom
 * scheme. Chromium lower-cases the host of a standard scheme before we see it.
 */
export const appSchemeUrlPolicy: AppUrlPolicy = {
  startUrl: `${APP_ORIGIN}/index.html`,
  isAppUrl: (url) => {
    const candidate = parse(url);
    return (
      candidate?.protocol === `${APP_SCHEME}:` &&
      candidate.host === APP_HOST &&
      candidate.username === '' &&
      candidate.password === ''
    );
  },
};

/** The Vite dev server: its whole origin is ours (it serves the modules one by one). */
export const devAppUrlPolicy = (devUrl: string): AppUrlPolicy => {
  const origin = new URL(devUrl).origin;
  return { startUrl: devUrl, isAppUrl: (url) => parse(url)?.origin === origin };
};

/**
 * The dev server URL from the environment, if it is one: plain HTTP on 127.0.0.1 only, so that
 * a stray variable can never point the app at a remote site.
 */
export const resolveDevUrl = (value: string | undefined): string | undefined => {
  if (value === undefined || value === '') return undefined;
  const url = parse(value);
  if (url?.protocol !== 'http:' || url.hostname !== '127.0.0.1' || url.username || url.password) {
    return undefined;
  }
  return url.href;
};
