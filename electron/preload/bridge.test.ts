import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { ipc } from '../../shared/bridge/platform-bridge';
import { createBridge } from './bridge';

const fakeIpcRenderer = (answers: Record<string, unknown> = {}) => {
  const emitter = new EventEmitter();
  const invoke = vi.fn(async (channel: string, ..._args: unknown[]) => answers[channel]);
  return Object.assign(emitter, { invoke });
};

describe('the preload bridge', () => {
  it('returns the validated app info', async () => {
    const info = { kind: 'electron', version: '0.1.0', platform: 'win32', deviceName: 'PC-1' };
    const bridge = createBridge(fakeIpcRenderer({ [ipc.appInfo.channel]: info }));
    await expect(bridge.appInfo()).resolves.toEqual(info);
  });

  it('rejects app info that does not fit the contract', async () => {
    const bridge = createBridge(fakeIpcRenderer({ [ipc.appInfo.channel]: { kind: 'other' } }));
    await expect(bridge.appInfo()).rejects.toThrow();
  });

  it('sends the language on its channel', async () => {
    const renderer = fakeIpcRenderer();
    await createBridge(renderer).setLanguage('en');
    expect(renderer.invoke).toHaveBeenCalledWith(ipc.setLanguage.channel, 'en');
  });

  it('asks the main process to print or save a PDF, and checks what it answers', async () => {
    const renderer = fakeIpcRenderer({
      [ipc.print.channel]: { outcome: 'cancelled' },
      [ipc.printToPdf.channel]: { outcome: 'saved', path: 'D:/notice.pdf' },
    });
    const bridge = createBridge(renderer);
    await expect(bridge.print({ pageSize: 'A5' })).resolves.toEqual({ outcome: 'cancelled' });
    await expect(bridge.printToPdf({ pageSize: 'A4', fileName: 'a.pdf' })).resolves.toEqual({
      outcome: 'saved',
      path: 'D:/notice.pdf',
    });
    expect(renderer.invoke).toHaveBeenCalledWith(ipc.print.channel, { pageSize: 'A5' });
  });

  it('rejects a print answer that does not fit the contract', async () => {
    const bridge = createBridge(fakeIpcRenderer({ [ipc.print.channel]: { outcome: 'burned' } }));
    await expect(bridge.print({ pageSize: 'A4' })).rejects.toThrow();
  });

  it('passes on menu commands, but only real ones and never the IPC event', () => {
    const renderer = fakeIpcRenderer();
    const listener = vi.fn();
    createBridge(renderer).onMenuCommand(listener);

    renderer.emit(ipc.menuCommand.channel, { sender: 'ipcRenderer' }, 'lock');
    renderer.emit(ipc.menuCommand.channel, { sender: 'ipcRenderer' }, 'format-disk');
    renderer.emit(ipc.menuCommand.channel, { sender: 'ipcRenderer' }, { command: 'lock' });

    expect(listener.mock.calls).toEqual([['lock']]);
  });

  it('stops passing commands once unsubscribed', () => {
    const renderer = fakeIpcRenderer();
    const listener = vi.fn();
    const unsubscribe = createBridge(renderer).onMenuCommand(listener);
    unsubscribe();
    renderer.emit(ipc.menuCommand.channel, {}, 'lock');
    expect(listener).not.toHaveBeenCalled();
    expect(renderer.listenerCount(ipc.menuCommand.channel)).toBe(0);
  });
});
