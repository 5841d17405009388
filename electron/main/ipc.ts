import type { z } from 'zod';
import { ipc, type PlatformBridge } from '../../shared/bridge/platform-bridge';
import type { AppUrlPolicy } from './app-url';

type InvokeChannel = 'appInfo' | 'setLanguage' | 'print' | 'printToPdf';

/** What the main process answers for each bridge call, after the input has been validated. */
export type IpcHandlers = {
  [K in InvokeChannel]: (
    input: z.output<(typeof ipc)[K]['input']>,
  ) => ReturnType<PlatformBridge[K]> | Awaited<ReturnType<PlatformBridge[K]>>;
};

type SenderFrame = { readonly url: string; readonly parent: unknown };
type InvokeEvent = { readonly senderFrame: SenderFrame | null };

/** The part of `ipcMain` the handlers need. */
export type IpcMainLike = {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void;
};

/**
 * Electron prints a rejected handler's error, stack included, to the main process log and sends
 * its message to the page. The message is fixed text, never the payload (which could be anything
 * a compromised page sent), and the stack is dropped as noise.
 */
export class IpcRejection extends Error {
  constructor(channel: string, reason: 'foreign-sender' | 'invalid-input') {
    super(
      reason === 'foreign-sender'
        ? `${channel} refused: the request did not come from the ClinicDesk page`
        : `${channel} refused: the argument is not valid`,
    );
    this.name = 'IpcRejection';
    this.stack = `${this.name}: ${this.message}`;
  }
}

const isFromApp = (event: InvokeEvent, isAppUrl: AppUrlPolicy['isAppUrl']): boolean => {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
};

/** One invoke handler that answers only the app's own top frame, and only a valid argument. */
export const handleValidated = <S extends z.ZodType, R>(
  ipcMain: IpcMainLike,
  isAppUrl: AppUrlPolicy['isAppUrl'],
  channel: string,
  schema: S,
  handler: (input: z.output<S>) => R,
): void =>
  ipcMain.handle(channel, async (event, ...args) => {
    if (!isFromApp(event, isAppUrl)) throw new IpcRejection(channel, 'foreign-sender');
    const parsed = args.length <= 1 ? schema.safeParse(args[0]) : undefined;
    if (!parsed?.success) throw new IpcRejection(channel, 'invalid-input');
    return handler(parsed.data);
  });

export const registerIpcHandlers = (
  ipcMain: IpcMainLike,
  handlers: IpcHandlers,
  isAppUrl: AppUrlPolicy['isAppUrl'],
): void => {
  const handle = <S extends z.ZodType, R>(
    channel: string,
    schema: S,
    handler: (input: z.output<S>) => R,
  ) => handleValidated(ipcMain, isAppUrl, channel, schema, handler);

  handle(ipc.appInfo.channel, ipc.appInfo.input, handlers.appInfo);
  handle(ipc.setLanguage.channel, ipc.setLanguage.input, handlers.setLanguage);
  handle(ipc.print.channel, ipc.print.input, handlers.print);
  handle(ipc.printToPdf.channel, ipc.printToPdf.input, handlers.printToPdf);
};
