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

const decodedPath = (url: URL): string | undefined => {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
};

// Windows paths are case-insensitive, and Chromium and Node may spell the same drive or folder
// differently; a drive letter in the path is how a file URL says it is a Windows one.
const samePath = (a: string, b: string): boolean =>
  /^\/[a-z]:\//i.test(a) ? a.toLowerCase() === b.toLowerCase() : a === b;

/** The built renderer, loaded from disk: only that one file (any query or hash) is ours. */
export const fileAppUrlPolicy = (indexFileUrl: string): AppUrlPolicy => {
  const index = new URL(indexFileUrl);
  const indexPath = decodedPath(index);
  if (index.protocol !== 'file:' || indexPath === undefined) {
    throw new TypeError('the app index must be a file: URL');
  }
  return {
    startUrl: index.href,
    isAppUrl: (url) => {
      const candidate = parse(url);
      if (candidate?.protocol !== 'file:' || candidate.host !== index.host) return false;
      const path = decodedPath(candidate);
      return path !== undefined && samePath(path, indexPath);
    },
  };
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
