import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { ipc } from '../../shared/bridge/platform-bridge';
import { backupIpc } from '../../shared/bridge/backup-host';
import { hubAccessIpc } from '../../shared/bridge/hub-access';
import { hubHostIpc } from '../../shared/bridge/hub-host';
import { createBackupHost, createBridge, createHubAccess, createHubHost } from './bridge';

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

describe('the preload backup host', () => {
  const settings = { dailyTime: '18:30', rotation: { daily: 7, weekly: 5, monthly: 12 } };
  const status = {
    passphraseSet: true,
    keyStorage: 'os-keychain',
    folder: 'D:/备份',
    settings,
    history: [],
  };
  const record = {
    id: 'r-1',
    fileName: 'clinicdesk-20261122-183000.cdbackup',
    trigger: 'manual',
    startedAt: '2026-11-22T10:30:00.000Z',
    finishedAt: '2026-11-22T10:31:00.000Z',
    state: 'verified',
    bytes: 1024,
    tables: { patients: 3 },
  };

  it('sends each call on its channel with the argument the main process validates', async () => {
    const renderer = fakeIpcRenderer({
      [backupIpc.status.channel]: status,
      [backupIpc.begin.channel]: { session: 's-1' },
      [backupIpc.finish.channel]: record,
      [backupIpc.exportTo.channel]: 'exported',
    });
    const host = createBackupHost(renderer);
    await expect(host.status()).resolves.toEqual(status);
    await expect(
      host.begin({ trigger: 'manual', clinicName: '康宁', schemaVersion: 3 }),
    ).resolves.toEqual({ session: 's-1' });
    const bytes = new Uint8Array([1, 2, 3]);
    await host.write('s-1', bytes);
    await expect(host.finish('s-1', { patients: 3 })).resolves.toEqual(record);
    await host.abort('s-1');
    await expect(host.exportTo('r-1')).resolves.toBe('exported');
    expect(renderer.invoke).toHaveBeenCalledWith(backupIpc.write.channel, {
      session: 's-1',
      bytes,
    });
    expect(renderer.invoke).toHaveBeenCalledWith(backupIpc.finish.channel, {
      session: 's-1',
      tables: { patients: 3 },
    });
    expect(renderer.invoke).toHaveBeenCalledWith(backupIpc.abort.channel, { session: 's-1' });
    expect(renderer.invoke).toHaveBeenCalledWith(backupIpc.exportTo.channel, { id: 'r-1' });
  });

  it('rejects answers that do not fit the contract', async () => {
    const host = createBackupHost(
      fakeIpcRenderer({
        [backupIpc.status.channel]: { ...status, history: 'all of it' },
        [backupIpc.finish.channel]: { ...record, state: 'probably fine' },
        [backupIpc.begin.channel]: { session: 's-1', path: '/tmp' },
        [backupIpc.exportTo.channel]: 'copied somewhere',
      }),
    );
    await expect(host.status()).rejects.toThrow();
    await expect(host.finish('s-1', {})).rejects.toThrow();
    await expect(
      host.begin({ trigger: 'manual', clinicName: 'x', schemaVersion: 3 }),
    ).rejects.toThrow();
    await expect(host.exportTo('r-1')).rejects.toThrow();
  });

  it('tells the page a backup is due, without handing it the IPC event, until unsubscribed', () => {
    const renderer = fakeIpcRenderer();
    const listener = vi.fn();
    const unsubscribe = createBackupHost(renderer).onDue(listener);
    renderer.emit(backupIpc.due.channel, { sender: 'ipcRenderer' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith();
    unsubscribe();
    renderer.emit(backupIpc.due.channel, {});
    expect(listener).toHaveBeenCalledTimes(1);
    expect(renderer.listenerCount(backupIpc.due.channel)).toBe(0);
  });
});

describe('the preload hub host', () => {
  const running = {
    enabled: true,
    state: 'running',
    port: 7300,
    localUrl: 'http://127.0.0.1:7300',
    lanUrls: ['http://192.168.1.20:7300'],
    tls: false,
  };

  it('is on the bridge, and sends each call on its channel', async () => {
    const renderer = fakeIpcRenderer({
      [hubHostIpc.status.channel]: running,
      [hubHostIpc.turnOn.channel]: running,
      [hubHostIpc.turnOff.channel]: { ...running, enabled: false, state: 'off', lanUrls: [] },
      [hubHostIpc.createPairingCode.channel]: { code: 'ABCD2345', expiresAt: 1_700_000_600_000 },
    });
    const host = createBridge(renderer).hubHost;
    await expect(host.status()).resolves.toEqual(running);
    await expect(host.turnOn()).resolves.toEqual(running);
    await expect(host.turnOff()).resolves.toMatchObject({ state: 'off' });
    await expect(host.createPairingCode({ admin: true })).resolves.toEqual({
      code: 'ABCD2345',
      expiresAt: 1_700_000_600_000,
    });
    expect(renderer.invoke).toHaveBeenCalledWith(hubHostIpc.createPairingCode.channel, {
      admin: true,
    });
    expect(renderer.invoke).toHaveBeenCalledWith(hubHostIpc.turnOn.channel);
  });

  it('rejects answers that do not fit the contract', async () => {
    const host = createHubHost(
      fakeIpcRenderer({
        [hubHostIpc.status.channel]: { ...running, state: 'probably' },
        [hubHostIpc.turnOn.channel]: { ...running, dataDir: '/home/owner/.config/ClinicDesk/hub' },
        [hubHostIpc.createPairingCode.channel]: { code: '<img src=x>', expiresAt: 0 },
      }),
    );
    await expect(host.status()).rejects.toThrow();
    await expect(host.turnOn()).rejects.toThrow();
    await expect(host.createPairingCode({ admin: true })).rejects.toThrow();
  });
});

describe('the preload hub access', () => {
  it('is on the bridge, and sends each call on its channel', async () => {
    const renderer = fakeIpcRenderer({
      [hubAccessIpc.allowed.channel]: { origin: 'http://192.168.1.20:7300' },
      [hubAccessIpc.pair.channel]: { status: 201, body: '{"token":"t"}' },
    });
    const access = createBridge(renderer).hubAccess;
    await expect(access.allowed()).resolves.toEqual({ origin: 'http://192.168.1.20:7300' });
    await access.allow({ origin: 'http://192.168.1.30:7300' });
    expect(renderer.invoke).toHaveBeenCalledWith(hubAccessIpc.allow.channel, {
      origin: 'http://192.168.1.30:7300',
    });
    const pairing = { code: 'ABCD2345', deviceName: '前台' };
    await expect(access.pair({ origin: 'http://192.168.1.30:7300', pairing })).resolves.toEqual({
      status: 201,
      body: '{"token":"t"}',
    });
    expect(renderer.invoke).toHaveBeenCalledWith(hubAccessIpc.pair.channel, {
      origin: 'http://192.168.1.30:7300',
      pairing,
    });
  });

  it('rejects answers that do not fit the contract', async () => {
    const access = createHubAccess(
      fakeIpcRenderer({
        [hubAccessIpc.allowed.channel]: { origin: 'http://a;b' },
        [hubAccessIpc.pair.channel]: { status: 200, body: 'x'.repeat(70_000) },
      }),
    );
    await expect(access.allowed()).rejects.toThrow();
    await expect(
      access.pair({
        origin: 'http://192.168.1.20:7300',
        pairing: { code: 'ABCD2345', deviceName: 'x' },
      }),
    ).rejects.toThrow();
  });
});
