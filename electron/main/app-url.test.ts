import { describe, expect, it } from 'vitest';
import { devAppUrlPolicy, fileAppUrlPolicy, resolveDevUrl } from './app-url';

describe('the app URL policy for the built page', () => {
  const policy = fileAppUrlPolicy(
    'file:///opt/ClinicDesk/resources/app.asar/dist/renderer/index.html',
  );

  it('recognises its own page, with or without a route in the hash', () => {
    expect(
      policy.isAppUrl('file:///opt/ClinicDesk/resources/app.asar/dist/renderer/index.html'),
    ).toBe(true);
    expect(
      policy.isAppUrl(
        'file:///opt/ClinicDesk/resources/app.asar/dist/renderer/index.html#/patients',
      ),
    ).toBe(true);
  });

  it('refuses other files, other hosts and the web', () => {
    expect(policy.isAppUrl('file:///etc/passwd')).toBe(false);
    expect(
      policy.isAppUrl('file:///opt/ClinicDesk/resources/app.asar/dist/renderer/other.html'),
    ).toBe(false);
    expect(
      policy.isAppUrl(
        'file://fileserver/opt/ClinicDesk/resources/app.asar/dist/renderer/index.html',
      ),
    ).toBe(false);
    expect(policy.isAppUrl('https://example.com/')).toBe(false);
    expect(policy.isAppUrl('not a url')).toBe(false);
  });

  it('accepts a Windows install under a Chinese user name however Chromium spells it', () => {
    const windows = fileAppUrlPolicy(
      'file:///C:/Users/%E5%BC%A0%E4%B8%89/AppData/Local/Programs/ClinicDesk/resources/app.asar/dist/renderer/index.html',
    );
    expect(
      windows.isAppUrl(
        'file:///c:/Users/张三/AppData/Local/Programs/ClinicDesk/resources/app.asar/dist/renderer/index.html',
      ),
    ).toBe(true);
    expect(windows.isAppUrl('file:///C:/Users/%E5%BC%A0%E4%B8%89/evil.html')).toBe(false);
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
