import { describe, expect, it } from 'vitest';
import { appSchemeUrlPolicy, devAppUrlPolicy, resolveDevUrl } from './app-url';

describe('the app URL policy for the built page', () => {
  const policy = appSchemeUrlPolicy;

  it('starts on the index of app://clinicdesk', () => {
    expect(policy.startUrl).toBe('app://clinicdesk/index.html');
    expect(policy.isAppUrl(policy.startUrl)).toBe(true);
  });

  it('owns its whole origin: any file, query or route in the hash', () => {
    expect(policy.isAppUrl('app://clinicdesk/')).toBe(true);
    expect(policy.isAppUrl('app://clinicdesk/index.html#/patients')).toBe(true);
    expect(policy.isAppUrl('app://clinicdesk/assets/index-DfKJV1tE.js?v=1')).toBe(true);
  });

  it('refuses other hosts, ports, user names and schemes', () => {
    expect(policy.isAppUrl('app://clinicdesk.evil.example/index.html')).toBe(false);
    expect(policy.isAppUrl('app://other/index.html')).toBe(false);
    expect(policy.isAppUrl('app://clinicdesk:8080/index.html')).toBe(false);
    expect(policy.isAppUrl('app://user@clinicdesk/index.html')).toBe(false);
    expect(policy.isAppUrl('apps://clinicdesk/index.html')).toBe(false);
    expect(policy.isAppUrl('http://clinicdesk/index.html')).toBe(false);
  });

  it('refuses local files, the built page on file:// included, and the web', () => {
    expect(policy.isAppUrl('file:///etc/passwd')).toBe(false);
    expect(
      policy.isAppUrl('file:///opt/ClinicDesk/resources/app.asar/dist/renderer/index.html'),
    ).toBe(false);
    expect(policy.isAppUrl('https://example.com/')).toBe(false);
    expect(policy.isAppUrl('about:blank')).toBe(false);
    expect(policy.isAppUrl('not a url')).toBe(false);
  });
});

describe('the dev server URL', () => {
  it('is honoured only for http on 127.0.0.1', () => {
    expect(resolveDevUrl('http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173/');
    expect(resolveDevUrl('http://127.0.0.1.evil.example:5173')).toBeUndefined();
    expect(resolveDevUrl('https://127.0.0.1:5173')).toBeUndefined();
    expect(resolveDevUrl('http://localhost:5173')).toBeUndefined();
    expect(resolveDevUrl('http://user:pw@127.0.0.1:5173')).toBeUndefined();
    expect(resolveDevUrl(undefined)).toBeUndefined();
    expect(resolveDevUrl('')).toBeUndefined();
  });

  it('owns its whole origin and nothing else', () => {
    const policy = devAppUrlPolicy('http://127.0.0.1:5173/');
    expect(policy.isAppUrl('http://127.0.0.1:5173/src/main.tsx')).toBe(true);
    expect(policy.isAppUrl('http://127.0.0.1:4173/')).toBe(false);
  });
});
