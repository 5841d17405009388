import {
  appInfoSchema,
  ipc,
  menuCommandSchema,
  printOutcomeSchema,
  type PlatformBridge,
} from '../../shared/bridge/platform-bridge';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** The part of `ipcRenderer` the bridge uses. */
export type BridgeIpc = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: Listener): unknown;
  removeListener(channel: string, listener: Listener): unknown;
};

/**
 * The bridge object the preload exposes. It never hands the page an IPC event (whose `sender`
 * would reach `ipcRenderer` itself), only validated values.
 */
export const createBridge = (renderer: BridgeIpc) =>
  ({
    appInfo: async () => appInfoSchema.parse(await renderer.invoke(ipc.appInfo.channel)),

    setLanguage: async (language) => {
      await renderer.invoke(ipc.setLanguage.channel, language);
    },

    print: async (request) =>
      printOutcomeSchema.parse(await renderer.invoke(ipc.print.channel, request)),

    printToPdf: async (request) =>
      printOutcomeSchema.parse(await renderer.invoke(ipc.printToPdf.channel, request)),

    onMenuCommand: (listener) => {
      const relay: Listener = (_event, command) => {
        const parsed = menuCommandSchema.safeParse(command);
        if (parsed.success) listener(parsed.data);
      };
      renderer.on(ipc.menuCommand.channel, relay);
      return () => {
        renderer.removeListener(ipc.menuCommand.channel, relay);
      };
    },
  }) satisfies PlatformBridge;
