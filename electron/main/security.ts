import type { AppUrlPolicy } from './app-url';

type IsAppUrl = AppUrlPolicy['isAppUrl'];

type NavigationEvent = { readonly url: string; preventDefault(): void };
type PreventableEvent = { preventDefault(): void };

/** The part of `WebContents` the hardening needs; a fake in tests, the real one in the app. */
export type HardenableContents = {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
};

/** The page never leaves itself: links to the web, redirects and frame navigations all stop. */
export const guardNavigation = (contents: HardenableContents, isAppUrl: IsAppUrl): void => {
  const stayHome = (event: NavigationEvent) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-frame-navigate', stayHome);
  contents.on('will-redirect', stayHome);
};

/** No pop-ups of any kind: ClinicDesk is one window. */
export const denyWindowOpen = (contents: HardenableContents): void => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
};

export const denyWebviews = (contents: HardenableContents): void => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
};

export const hardenWebContents = (contents: HardenableContents, isAppUrl: IsAppUrl): void => {
  guardNavigation(contents, isAppUrl);
  denyWindowOpen(contents);
  denyWebviews(contents);
};

type WebContentsCreatedSource = {
  on(
    event: 'web-contents-created',
    listener: (event: unknown, contents: HardenableContents) => void,
  ): unknown;
};

/** Every web contents the app ever creates, including ones nobody planned for, is hardened. */
export const hardenAllWebContents = (app: WebContentsCreatedSource, isAppUrl: IsAppUrl): void => {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isAppUrl));
};

type PermissionRequestDetails = {
  readonly requestingUrl: string;
  readonly mediaTypes?: ReadonlyArray<'video' | 'audio'>;
};

type PermissionCheckDetails = {
  readonly requestingUrl?: string;
  readonly mediaType?: 'video' | 'audio' | 'unknown';
};

/**
 * Camera only (photo of an ID card, QR codes), and only for our own page. A request that also
 * wants the microphone is refused whole: nothing in ClinicDesk records sound.
 */
export const isCameraRequest = (
  permission: string,
  details: PermissionRequestDetails,
  isAppUrl: IsAppUrl,
): boolean =>
  permission === 'media' &&
  isAppUrl(details.requestingUrl) &&
  details.mediaTypes !== undefined &&
  details.mediaTypes.length > 0 &&
  details.mediaTypes.every((type) => type === 'video');

export const isCameraCheck = (
  permission: string,
  details: PermissionCheckDetails,
  isAppUrl: IsAppUrl,
): boolean =>
  permission === 'media' &&
  details.mediaType === 'video' &&
  details.requestingUrl !== undefined &&
  isAppUrl(details.requestingUrl);

/** The part of `Session` that decides permissions. */
export type PermissionSession = {
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: PermissionRequestDetails,
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (
      webContents: unknown,
      permission: string,
      requestingOrigin: string,
      details: PermissionCheckDetails,
    ) => boolean,
  ): void;
  setDevicePermissionHandler(handler: () => boolean): void;
};

/**
 * Chromium's Local Network Access treats a page on our own scheme as public, and asks before it
 * reaches the clinic's LAN or this PC's loopback: the sync hub lives there. Ours only.
 */
const LOCAL_NETWORK = new Set(['local-network-access', 'local-network', 'loopback-network']);

export const isLocalNetworkRequest = (
  permission: string,
  requestingUrl: string | undefined,
  isAppUrl: IsAppUrl,
): boolean =>
  LOCAL_NETWORK.has(permission) && requestingUrl !== undefined && isAppUrl(requestingUrl);

export const restrictPermissions = (session: PermissionSession, isAppUrl: IsAppUrl): void => {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(
      isCameraRequest(permission, details, isAppUrl) ||
        isLocalNetworkRequest(permission, details.requestingUrl, isAppUrl),
    ),
  );
  session.setPermissionCheckHandler(
    (_contents, permission, _origin, details) =>
      isCameraCheck(permission, details, isAppUrl) ||
      isLocalNetworkRequest(permission, details.requestingUrl, isAppUrl),
  );
  // USB, serial and HID devices: none, ever.
  session.setDevicePermissionHandler(() => false);
};
