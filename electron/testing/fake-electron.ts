import { EventEmitter } from 'node:events';

/** Tiny stand-ins for the Electron objects the main-process modules are handed. */

type InvokeListener = (event: FakeInvokeEvent, ...args: unknown[]) => unknown;
export type FakeInvokeEvent = { senderFrame: { url: string; parent: unknown } | null };

export const fakeIpcMain = () => {
  const handlers = new Map<string, InvokeListener>();
  return {
    handle(channel: string, listener: InvokeListener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    channels: () => [...handlers.keys()],
    /** What the page would get from `ipcRenderer.invoke`, sent from a frame at `url`. */
    async invoke(channel: string, from: FakeInvokeEvent, ...args: unknown[]) {
      const listener = handlers.get(channel);
      if (listener === undefined) throw new Error(`no handler for ${channel}`);
      return listener(from, ...args);
    },
  };
};

export const topFrame = (url: string): FakeInvokeEvent => ({ senderFrame: { url, parent: null } });

export const fakeWebContents = () => {
  let openHandler: (() => { action: 'deny' }) | undefined;
  const emitter = new EventEmitter();
  return Object.assign(emitter, {
    setWindowOpenHandler(handler: () => { action: 'deny' }) {
      openHandler = handler;
    },
    windowOpen: () => openHandler?.(),
    /** Emits a navigation-like event and tells whether a listener prevented it. */
    attempt(event: string, url = '') {
      let prevented = false;
      emitter.emit(event, {
        url,
        preventDefault: () => {
          prevented = true;
        },
      });
      return prevented;
    },
  });
};

type RequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string; mediaTypes?: Array<'video' | 'audio'> },
) => void;
type CheckHandler = (
  contents: unknown,
  permission: string,
  origin: string,
  details: { requestingUrl?: string; mediaType?: 'video' | 'audio' | 'unknown' },
) => boolean;

export const fakeSession = () => {
  const installed: {
    request?: RequestHandler;
    check?: CheckHandler;
    device?: () => boolean;
  } = {};
  return {
    setPermissionRequestHandler(handler: RequestHandler) {
      installed.request = handler;
    },
    setPermissionCheckHandler(handler: CheckHandler) {
      installed.check = handler;
    },
    setDevicePermissionHandler(handler: () => boolean) {
      installed.device = handler;
    },
    request(
      permission: string,
      details: { requestingUrl: string; mediaTypes?: Array<'video' | 'audio'> },
    ) {
      let granted: boolean | undefined;
      installed.request?.(null, permission, (answer) => (granted = answer), details);
      return granted;
    },
    check(
      permission: string,
      details: { requestingUrl?: string; mediaType?: 'video' | 'audio' | 'unknown' },
    ) {
      return installed.check?.(null, permission, 'file:///', details);
    },
    device: () => installed.device?.(),
  };
};
