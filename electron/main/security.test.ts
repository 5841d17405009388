import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { fakeSession, fakeWebContents } from '../testing/fake-electron';
import { appSchemeUrlPolicy } from './app-url';
import {
  guardNavigation,
  hardenAllWebContents,
  hardenWebContents,
  restrictPermissions,
} from './security';

const APP = 'app://clinicdesk/index.html';
const { isAppUrl } = appSchemeUrlPolicy;

describe('navigation', () => {
  it('stays on the ClinicDesk page: a link to https://example.com goes nowhere', () => {
    const contents = fakeWebContents();
    guardNavigation(contents, isAppUrl);
    expect(contents.attempt('will-navigate', 'https://example.com')).toBe(true);
    expect(contents.attempt('will-frame-navigate', 'https://example.com')).toBe(true);
    expect(contents.attempt('will-redirect', 'https://example.com')).toBe(true);
    expect(contents.attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
  });

  it('lets the page reload itself', () => {
    const contents = fakeWebContents();
    guardNavigation(contents, isAppUrl);
    expect(contents.attempt('will-navigate', APP)).toBe(false);
    expect(contents.attempt('will-navigate', `${APP}#/login`)).toBe(false);
  });
});

describe('every web contents the app creates', () => {
  it('opens no new windows, attaches no webviews and stays home', () => {
    const app = new EventEmitter();
    hardenAllWebContents(app, isAppUrl);
    const contents = fakeWebContents();
    app.emit('web-contents-created', {}, contents);

    expect(contents.windowOpen()).toEqual({ action: 'deny' });
    expect(contents.attempt('will-attach-webview')).toBe(true);
    expect(contents.attempt('will-navigate', 'https://example.com')).toBe(true);
  });

  it('window.open is denied even for the app’s own page', () => {
    const contents = fakeWebContents();
    hardenWebContents(contents, isAppUrl);
    expect(contents.windowOpen()).toEqual({ action: 'deny' });
  });
});

describe('permissions', () => {
  const session = fakeSession();
  restrictPermissions(session, isAppUrl);

  it('grants the camera to the ClinicDesk page', () => {
    expect(session.request('media', { requestingUrl: APP, mediaTypes: ['video'] })).toBe(true);
    expect(session.check('media', { requestingUrl: APP, mediaType: 'video' })).toBe(true);
  });

  it('refuses the microphone, alone or together with the camera', () => {
    expect(session.request('media', { requestingUrl: APP, mediaTypes: ['audio'] })).toBe(false);
    expect(session.request('media', { requestingUrl: APP, mediaTypes: ['video', 'audio'] })).toBe(
      false,
    );
    expect(session.request('media', { requestingUrl: APP, mediaTypes: [] })).toBe(false);
    expect(session.request('media', { requestingUrl: APP })).toBe(false);
    expect(session.check('media', { requestingUrl: APP, mediaType: 'audio' })).toBe(false);
    expect(session.check('media', { requestingUrl: APP, mediaType: 'unknown' })).toBe(false);
  });

  it('lets the ClinicDesk page, and no other, reach the clinic LAN and loopback (the sync hub)', () => {
    for (const permission of ['local-network-access', 'local-network', 'loopback-network']) {
      expect(session.request(permission, { requestingUrl: APP })).toBe(true);
      expect(session.check(permission, { requestingUrl: APP })).toBe(true);
      expect(session.request(permission, { requestingUrl: 'https://example.com/' })).toBe(false);
      expect(session.check(permission, {})).toBe(false);
    }
  });

  it('refuses the camera to any other page', () => {
    const elsewhere = 'https://example.com/';
    expect(session.request('media', { requestingUrl: elsewhere, mediaTypes: ['video'] })).toBe(
      false,
    );
    expect(session.check('media', { requestingUrl: elsewhere, mediaType: 'video' })).toBe(false);
    expect(session.check('media', { mediaType: 'video' })).toBe(false);
  });

  it.each([
    'geolocation',
    'notifications',
    'clipboard-read',
    'display-capture',
    'fullscreen',
    'midi',
    'midiSysex',
    'openExternal',
    'pointerLock',
    'keyboardLock',
    'window-management',
    'fileSystem',
    'unknown',
  ])('refuses %s', (permission) => {
    expect(session.request(permission, { requestingUrl: APP })).toBe(false);
    expect(session.check(permission, { requestingUrl: APP })).toBe(false);
  });

  it('refuses USB, serial and HID devices', () => {
    expect(session.device()).toBe(false);
  });
});
