import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  desktopContentSecurityPolicy,
  hubOriginSchema,
} from './content-security-policy';

const directive = (policy: string, name: string) =>
  policy
    .split('; ')
    .find((d) => d.startsWith(`${name} `))
    ?.split(' ')
    .slice(1);

const PAGE = 'app://clinicdesk';

/**
 * Whether a policy's connect-src lets the page at app://clinicdesk reach `url`, by the kinds of
 * source these policies use: 'self', a scheme ("http:") and an exact origin (CSP3 §6.7.2).
 */
const connects = (policy: string, url: string): boolean => {
  const target = new URL(url);
  return (directive(policy, 'connect-src') ?? []).some((source) => {
    if (source === "'self'") return url.startsWith(`${PAGE}/`);
    if (/^[a-z]+:$/.test(source)) return target.protocol === source;
    return new URL(source).origin === target.origin;
  });
};

const hub = (text: string) => hubOriginSchema.parse(text);

describe('the Content-Security-Policy of the built page (its <meta>, and all of browser mode)', () => {
  it('lets the app reach a sync hub on another PC of the LAN, over http or https only', () => {
    expect(directive(CONTENT_SECURITY_POLICY, 'connect-src')).toEqual([
      "'self'",
      'http:',
      'https:',
    ]);
  });

  it('runs only the app’s own scripts, and nothing is framed, posted or plugged in', () => {
    expect(directive(CONTENT_SECURITY_POLICY, 'script-src')).toEqual(["'self'"]);
    expect(directive(CONTENT_SECURITY_POLICY, 'default-src')).toEqual(["'none'"]);
    expect(directive(CONTENT_SECURITY_POLICY, 'form-action')).toEqual(["'none'"]);
    expect(directive(CONTENT_SECURITY_POLICY, 'object-src')).toEqual(["'none'"]);
  });
});

describe('the desktop’s Content-Security-Policy header', () => {
  it('lets a PC paired with the hub at 192.168.1.20:7300 reach that hub and nothing else', () => {
    const policy = desktopContentSecurityPolicy(hub('http://192.168.1.20:7300'));
    expect(directive(policy, 'connect-src')).toEqual(["'self'", 'http://192.168.1.20:7300']);
    expect(connects(policy, 'http://192.168.1.20:7300/v1/changes?after=0')).toBe(true);
    expect(connects(policy, `${PAGE}/assets/index.js`)).toBe(true);
    expect(connects(policy, 'http://192.168.1.21:7300/v1/changes')).toBe(false);
    expect(connects(policy, 'http://192.168.1.20:7301/v1/changes')).toBe(false);
    expect(connects(policy, 'https://192.168.1.20:7300/v1/changes')).toBe(false);
    expect(connects(policy, 'http://127.0.0.1:7300/v1/changes')).toBe(false);
    expect(connects(policy, 'https://example.com/')).toBe(false);
  });

  it('lets the PC that hosts the hub reach its own loopback hub, and no other loopback port', () => {
    const policy = desktopContentSecurityPolicy(hub('http://127.0.0.1:7300'));
    expect(connects(policy, 'http://127.0.0.1:7300/v1/live')).toBe(true);
    expect(connects(policy, 'http://127.0.0.1:5432/')).toBe(false);
    expect(connects(policy, 'http://127.0.0.1:9222/json')).toBe(false);
    expect(connects(policy, 'http://192.168.1.20:7300/v1/live')).toBe(false);
  });

  it('lets a PC with no hub connect to the app itself only', () => {
    const policy = desktopContentSecurityPolicy(null);
    expect(directive(policy, 'connect-src')).toEqual(["'self'"]);
    expect(connects(policy, 'http://192.168.1.20:7300/v1/changes')).toBe(false);
    expect(connects(policy, 'http://127.0.0.1:7300/v1/changes')).toBe(false);
  });

  it('keeps every other directive of the built page', () => {
    const others = (policy: string) =>
      policy.split('; ').filter((d) => !d.startsWith('connect-src '));
    expect(others(desktopContentSecurityPolicy(hub('https://hub.example.cn')))).toEqual(
      others(CONTENT_SECURITY_POLICY),
    );
  });
});

describe('a hub origin', () => {
  it('is the scheme, host and port the owner typed, in the form a policy names it', () => {
    expect(hub('http://192.168.1.20:7300')).toBe('http://192.168.1.20:7300');
    expect(hub('http://192.168.1.20:7300/')).toBe('http://192.168.1.20:7300');
    expect(hub('HTTP://Hub.Clinic.LAN:7300')).toBe('http://hub.clinic.lan:7300');
    expect(hub('https://hub.example.cn:443')).toBe('https://hub.example.cn');
  });

  it.each([
    ['another scheme', 'ftp://192.168.1.20:7300'],
    ['a file', 'file:///C:/clinic/hub'],
    ['a page of ours', 'app://clinicdesk'],
    ['a path', 'http://192.168.1.20:7300/v1'],
    ['a query', 'http://192.168.1.20:7300/?a=1'],
    ['an empty query', 'http://192.168.1.20:7300?'],
    ['a fragment', 'http://192.168.1.20:7300#x'],
    ['a user name', 'http://owner@192.168.1.20:7300'],
    ['a password', 'http://owner:secret@192.168.1.20:7300'],
    ['a directive break', "http://a;script-src 'unsafe-eval'"],
    ['a semicolon in the host', 'http://a;b:7300'],
    ['a quote in the host', "http://a'b:7300"],
    ['an IPv6 literal', 'http://[::1]:7300'],
    ['a wildcard', 'http://*.lan:7300'],
    ['no host', 'http://'],
    ['not a URL', '192.168.1.20:7300'],
    ['nothing', ''],
  ])('refuses %s', (_case, text) => {
    expect(hubOriginSchema.safeParse(text).success).toBe(false);
  });
});
