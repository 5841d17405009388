import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  desktopContentSecurityPolicy,
  hubOriginSchema,
} from '../../shared/security/content-security-policy';
import {
  APP_SCHEME_PRIVILEGES,
  contentTypeFor,
  createAppProtocolHandler,
  fileInside,
} from './app-protocol';

const INDEX = '<!doctype html><title>ClinicDesk</title>';
const SCRIPT = 'export const answer = 42;';
const SECRET = 'the clinic owner password';

let folder: string;
let root: string;
let serve: ReturnType<typeof createAppProtocolHandler>;
const NO_HUB_POLICY = desktopContentSecurityPolicy(null);
let policy = NO_HUB_POLICY;

const get = (url: string) => serve(new Request(url));
const text = async (url: string) => (await get(url)).text();

beforeAll(async () => {
  // A built renderer next to a file that must never be served.
  folder = await mkdtemp(join(tmpdir(), 'clinicdesk-app-protocol-'));
  root = join(folder, 'renderer');
  await mkdir(join(root, 'assets', 'fonts'), { recursive: true });
  await writeFile(join(root, 'index.html'), INDEX);
  await writeFile(join(root, 'assets', 'index-DfKJV1tE.js'), SCRIPT);
  await writeFile(join(root, 'assets', 'index-CASaYD9p.css'), 'body { margin: 0 }');
  await writeFile(join(root, 'assets', 'fonts', 'noto-sans-sc-400.woff2'), new Uint8Array([1, 2]));
  await writeFile(join(root, 'assets', '电子病历.json'), '{}');
  await writeFile(join(folder, 'secret.txt'), SECRET);
  await writeFile(join(folder, 'renderer-secret.txt'), SECRET);
  serve = createAppProtocolHandler({ root, csp: () => policy });
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('app:// serving the built renderer', () => {
  it('serves the index for / and by name, with the CSP header', async () => {
    for (const url of ['app://clinicdesk/', 'app://clinicdesk', 'app://clinicdesk/index.html']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(NO_HUB_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toBe(INDEX);
    }
  });

  it('serves nested assets with the type a browser needs', async () => {
    const script = await get('app://clinicdesk/assets/index-DfKJV1tE.js');
    expect(script.status).toBe(200);
    // A module script with any other type is refused by Chromium.
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe(SCRIPT);

    const css = await get('app://clinicdesk/assets/index-CASaYD9p.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');

    const font = await get('app://clinicdesk/assets/fonts/noto-sans-sc-400.woff2');
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect(new Uint8Array(await font.arrayBuffer())).toEqual(new Uint8Array([1, 2]));
  });

  it('ignores the query and the hash, and decodes names', async () => {
    expect(await text('app://clinicdesk/index.html?v=2#/patients')).toBe(INDEX);
    const encoded = await get(`app://clinicdesk/assets/${encodeURIComponent('电子病历')}.json`);
    expect(encoded.status).toBe(200);
    expect(encoded.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('answers HEAD without a body and refuses writes', async () => {
    const head = await serve(new Request('app://clinicdesk/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    const post = await serve(new Request('app://clinicdesk/index.html', { method: 'POST' }));
    expect(post.status).toBe(405);
  });

  it('says 404 for a file that is not there, and for a folder', async () => {
    expect((await get('app://clinicdesk/missing.js')).status).toBe(404);
    expect((await get('app://clinicdesk/assets')).status).toBe(404);
    expect((await get('app://clinicdesk/assets/')).status).toBe(403);
  });

  it('serves nothing for another host, a port or a user name', async () => {
    for (const url of [
      'app://other/index.html',
      'app://clinicdesk.evil.example/index.html',
      'app://clinicdesk:8080/index.html',
      'app://user:pw@clinicdesk/index.html',
    ]) {
      // A plain request: Node's Request, unlike Chromium, refuses to hold credentials.
      const response = await serve({ url, method: 'GET' });
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toBe(INDEX);
    }
  });

  it('never climbs out of the folder, however the path is spelled', async () => {
    const escapes = [
      // Plain dots are folded by URL parsing first: what is left is looked up inside the root.
      'app://clinicdesk/../secret.txt',
      'app://clinicdesk/assets/../../secret.txt',
      'app://clinicdesk/%2e%2e/secret.txt',
      'app://clinicdesk/.%2E/.%2E/secret.txt',
      // An encoded slash or backslash keeps the dots inside one segment: refused there.
      'app://clinicdesk/%2e%2e%2fsecret.txt',
      'app://clinicdesk/..%2Fsecret.txt',
      'app://clinicdesk/..%5Csecret.txt',
      'app://clinicdesk/assets/..%5C..%5Csecret.txt',
      'app://clinicdesk/..\\secret.txt',
      // A sibling folder whose name starts like the root's.
      'app://clinicdesk/..%2Frenderer-secret.txt',
      // Absolute paths, of either platform.
      `app://clinicdesk/${encodeURIComponent(join(folder, 'secret.txt'))}`,
      `app://clinicdesk/${join(folder, 'secret.txt')}`,
      'app://clinicdesk//etc/passwd',
      'app://clinicdesk/%2Fetc%2Fpasswd',
      'app://clinicdesk/C:/Windows/win.ini',
      'app://clinicdesk/C%3A%5CWindows%5Cwin.ini',
      // NUL, which some file APIs would cut the path at.
      'app://clinicdesk/index.html%00.png',
      // A device name on Windows, whatever the folder.
      'app://clinicdesk/assets/CON',
      'app://clinicdesk/nul.js',
      // Not decodable at all.
      'app://clinicdesk/%E0%A4%A',
    ];
    for (const url of escapes) {
      const response = await get(url);
      expect([403, 404], url).toContain(response.status);
      expect(await response.text(), url).not.toBe(SECRET);
    }
    expect((await get('app://clinicdesk/%2e%2e%2fsecret.txt')).status).toBe(403);
    expect((await get('app://clinicdesk/..%5Csecret.txt')).status).toBe(403);
    expect((await get('app://clinicdesk/index.html%00.png')).status).toBe(403);
  });

  it('sends the policy of the hub configured since, from the next load on', async () => {
    const hub = hubOriginSchema.parse('http://192.168.1.20:7300');
    policy = desktopContentSecurityPolicy(hub);
    try {
      const header = (await get('app://clinicdesk/')).headers.get('content-security-policy');
      expect(header).toContain("connect-src 'self' http://192.168.1.20:7300;");
    } finally {
      policy = NO_HUB_POLICY;
    }
  });

  it('keeps the CSP header on refusals too', async () => {
    for (const url of ['app://clinicdesk/missing.js', 'app://clinicdesk/%2e%2e%2fsecret.txt']) {
      expect((await get(url)).headers.get('content-security-policy')).toBe(NO_HUB_POLICY);
    }
  });
});

describe('the path rules', () => {
  it('map a path to a file inside the root or to nothing', () => {
    expect(fileInside('/srv/renderer', '/')).toBe('/srv/renderer/index.html');
    expect(fileInside('/srv/renderer', '/assets/a.js')).toBe('/srv/renderer/assets/a.js');
    expect(fileInside('/srv/renderer', '/..')).toBeUndefined();
    expect(fileInside('/srv/renderer', '/assets/../../etc/passwd')).toBeUndefined();
    expect(fileInside('/srv/renderer', '/./index.html')).toBeUndefined();
    expect(fileInside('/srv/renderer', 'index.html')).toBeUndefined();
    expect(fileInside('/srv/renderer', '/a/%2e%2e/%2e%2e/b')).toBeUndefined();
  });
});

describe('the types the build emits', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['a.svg', 'image/svg+xml'],
    ['a.PNG', 'image/png'],
    ['a.woff2', 'font/woff2'],
    ['a.woff', 'font/woff'],
    ['a.json', 'application/json; charset=utf-8'],
    ['favicon.ico', 'image/x-icon'],
    ['a.wasm', 'application/wasm'],
    ['a.js.map', 'application/json; charset=utf-8'],
    ['LICENSE', 'application/octet-stream'],
  ])('%s is sent as %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });
});

describe('the privileges of app://', () => {
  it('are those of a standard, secure origin that can fetch, and no more', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
  });
});
