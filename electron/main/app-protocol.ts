import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-url';

/**
 * app:// as Chromium must know it before the app is ready (Electron's protocol docs and
 * CustomScheme structure). Only what the page needs:
 * - standard: relative URLs resolve (the build uses base './'), the origin is app://clinicdesk
 *   rather than opaque, and web storage (IndexedDB, localStorage) works at all;
 * - secure: a secure context, like https, so the camera (getUserMedia) and crypto.subtle stay
 *   available;
 * - supportFetchAPI: the page may fetch its own files.
 * Left off on purpose: bypassCSP (the policy must hold), corsEnabled (would let other origins
 * read our files), allowServiceWorkers and stream (nothing uses them).
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

/** The types the renderer build emits; anything else goes out as opaque bytes. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  // Module scripts are refused unless served with a JavaScript type.
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export const contentTypeFor = (file: string): string =>
  CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';

// A path segment that names a file or folder and nothing else: no climbing, no separators of any
// platform, no drive letters or streams (':'), no control characters (NUL among them), and none
// of the names Windows keeps for devices whatever the folder.
const SEPARATORS_AND_DRIVES = /[\\/:]/;
const hasControlCharacter = (text: string): boolean =>
  [...text].some((character) => character.charCodeAt(0) < 0x20 || character === '\u007f');
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d|conin\$|conout\$)(\..*)?$/i;
const isSafeSegment = (segment: string): boolean =>
  segment !== '' &&
  segment !== '.' &&
  segment !== '..' &&
  !SEPARATORS_AND_DRIVES.test(segment) &&
  !hasControlCharacter(segment) &&
  !WINDOWS_DEVICE.test(segment);

/** Where `pathname` points inside `root`, or undefined if it points anywhere else. */
export const fileInside = (root: string, pathname: string): string | undefined => {
  if (pathname === '/' || pathname === '') return resolve(root, 'index.html');
  if (!pathname.startsWith('/')) return undefined;
  let segments: string[];
  try {
    // Decoded one segment at a time, so that an encoded slash (%2F) stays inside its segment and
    // is refused there.
    segments = pathname.slice(1).split('/').map(decodeURIComponent);
  } catch {
    return undefined;
  }
  if (!segments.every(isSafeSegment)) return undefined;
  const file = resolve(root, ...segments);
  // Belt and braces: whatever the rules above missed, the result is checked against the root.
  const inside = relative(root, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    return undefined;
  }
  return file;
};

const STATUS_TEXT = { 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed' } as const;

export type AppProtocolOptions = {
  /** The built renderer folder (dist/renderer); nothing outside it is ever served. */
  readonly root: string;
  /**
   * The Content-Security-Policy every response carries, asked afresh for each: after the hub
   * address changes, the reloaded page gets the new policy (shared/security/content-security-policy.ts).
   */
  readonly csp: () => string;
};

/** The part of a request the handler reads: a real `Request` in the app. */
export type AppRequest = Pick<Request, 'url' | 'method'>;

/**
 * The app:// handler for `protocol.handle`: the built renderer's files, read from disk (Node's
 * fs reads inside app.asar in Electron). The policy is sent as a header because webRequest's
 * header hooks do not run for custom protocols; the header also governs workers the page starts,
 * which the <meta> in index.html cannot.
 */
export const createAppProtocolHandler = ({ root, csp }: AppProtocolOptions) => {
  const base = resolve(root);
  const answer = (status: number, body: BodyInit | null, type: string) =>
    new Response(body, {
      status,
      headers: {
        'Content-Type': type,
        'Content-Security-Policy': csp(),
        'X-Content-Type-Options': 'nosniff',
      },
    });
  const refuse = (status: keyof typeof STATUS_TEXT) =>
    answer(status, STATUS_TEXT[status], 'text/plain; charset=utf-8');

  return async (request: AppRequest): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refuse(404);
    }
    // Another host, a port or a user name is not our page: there is nothing there.
    if (
      url.protocol !== `${APP_SCHEME}:` ||
      url.host !== APP_HOST ||
      url.username !== '' ||
      url.password !== ''
    ) {
      return refuse(404);
    }
    const file = fileInside(base, url.pathname);
    if (file === undefined) return refuse(403);
    let body: Uint8Array<ArrayBuffer>;
    try {
      // readFile's Buffer sits on a plain ArrayBuffer, never a SharedArrayBuffer.
      body = (await readFile(file)) as Uint8Array<ArrayBuffer>;
    } catch {
      // Missing, a folder, unreadable: nothing to serve.
      return refuse(404);
    }
    return answer(200, request.method === 'HEAD' ? null : body, contentTypeFor(file));
  };
};
