import { describe, expect, it, vi } from 'vitest';
import { backupIpc, MAX_WRITE_BYTES } from '../../../shared/bridge/backup-host';
import { fakeIpcMain, topFrame } from '../../testing/fake-electron';
import { appSchemeUrlPolicy } from '../app-url';
import { IpcRejection } from '../ipc';
import { registerBackupIpc } from './backup-ipc';
import type { BackupHandlers } from './desktop-backup-host';

const APP = 'app://clinicdesk/index.html';
const fromApp = topFrame(`${APP}#/backups`);
const SETTINGS = { dailyTime: '18:30', rotation: { daily: 7, weekly: 5, monthly: 12 } };
const STATUS = { passphraseSet: true, settings: SETTINGS, history: [] };

const setUp = () => {
  const ipcMain = fakeIpcMain();
  const handlers = {
    status: vi.fn(async () => STATUS),
    setPassphrase: vi.fn(async () => STATUS),
    saveSettings: vi.fn(async () => STATUS),
    chooseFolder: vi.fn(async () => STATUS),
    begin: vi.fn(async () => ({ session: 's-1' })),
    write: vi.fn(async () => undefined),
    finish: vi.fn(),
    abort: vi.fn(async () => undefined),
    exportTo: vi.fn(async () => 'exported' as const),
  } satisfies BackupHandlers;
  registerBackupIpc(ipcMain, handlers, appSchemeUrlPolicy.isAppUrl);
  return { ipcMain, handlers };
};

const refused = async (channel: string, ...args: unknown[]) => {
  const { ipcMain, handlers } = setUp();
  await expect(ipcMain.invoke(channel, fromApp, ...args)).rejects.toThrow(IpcRejection);
  for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
};

describe('backup IPC from the ClinicDesk page', () => {
  it('handles every request channel of the backup contract', () => {
    const requests = Object.values(backupIpc)
      .filter((entry) => 'input' in entry)
      .map((entry) => entry.channel);
    expect(setUp().ipcMain.channels().sort()).toEqual(requests.sort());
  });

  it('passes valid requests on, as the handler’s one argument', async () => {
    const { ipcMain, handlers } = setUp();
    const bytes = new Uint8Array(MAX_WRITE_BYTES);
    await ipcMain.invoke(backupIpc.write.channel, fromApp, { session: 's-1', bytes });
    // The very bytes, not a copy (vitest's deep equality over 8 MiB would take a minute).
    const [first] = handlers.write.mock.calls[0] as unknown as [
      { session: string; bytes: Uint8Array },
    ];
    expect(first.session).toBe('s-1');
    expect(first.bytes).toBe(bytes);
    // What Electron hands main for a Uint8Array is a Buffer: a Uint8Array too.
    await ipcMain.invoke(backupIpc.write.channel, fromApp, {
      session: 's-1',
      bytes: Buffer.from('x'),
    });
    await ipcMain.invoke(backupIpc.begin.channel, fromApp, {
      trigger: 'scheduled',
      clinicName: '康宁口腔',
      schemaVersion: 3,
    });
    await ipcMain.invoke(backupIpc.finish.channel, fromApp, {
      session: 's-1',
      tables: { patients: 3 },
    });
    await ipcMain.invoke(backupIpc.saveSettings.channel, fromApp, SETTINGS);
    await ipcMain.invoke(backupIpc.setPassphrase.channel, fromApp, 'a long passphrase');
    await expect(ipcMain.invoke(backupIpc.status.channel, fromApp)).resolves.toEqual(STATUS);
    await expect(ipcMain.invoke(backupIpc.exportTo.channel, fromApp, { id: 'r-1' })).resolves.toBe(
      'exported',
    );
    expect(handlers.finish).toHaveBeenCalledWith({ session: 's-1', tables: { patients: 3 } });
    expect(handlers.setPassphrase).toHaveBeenCalledWith('a long passphrase');
  });
});

describe('backup IPC input that does not fit the contract', () => {
  it.each([
    ['more than 8 MiB', { session: 's-1', bytes: new Uint8Array(MAX_WRITE_BYTES + 1) }],
    ['text instead of bytes', { session: 's-1', bytes: 'patients…' }],
    ['an array of numbers', { session: 's-1', bytes: [1, 2, 3] }],
    ['an empty session', { session: '', bytes: new Uint8Array(1) }],
    ['a session id of 65 characters', { session: 'x'.repeat(65), bytes: new Uint8Array(1) }],
    ['an extra field', { session: 's-1', bytes: new Uint8Array(1), path: '/etc/passwd' }],
  ])('write refuses %s', async (_, input) => refused(backupIpc.write.channel, input));

  it.each([
    ['a trigger that is not one', { trigger: 'now', clinicName: 'x', schemaVersion: 3 }],
    [
      'a clinic name of 81 characters',
      { trigger: 'manual', clinicName: 'x'.repeat(81), schemaVersion: 3 },
    ],
    [
      'a folder of its own',
      { trigger: 'manual', clinicName: 'x', schemaVersion: 3, folder: '/tmp' },
    ],
    ['a fractional schema version', { trigger: 'manual', clinicName: 'x', schemaVersion: 1.5 }],
  ])('begin refuses %s', async (_, input) => refused(backupIpc.begin.channel, input));

  it.each([
    ['a time that is no time', { ...SETTINGS, dailyTime: '25:00' }],
    [
      'a rotation keeping no daily',
      { ...SETTINGS, rotation: { daily: 0, weekly: 5, monthly: 12 } },
    ],
    [
      'a rotation below the minimum (7 daily, 4 weekly, 3 monthly)',
      { ...SETTINGS, rotation: { daily: 7, weekly: 3, monthly: 12 } },
    ],
    ['an extra field', { ...SETTINGS, folder: 'C:\\' }],
  ])('saveSettings refuses %s', async (_, input) => refused(backupIpc.saveSettings.channel, input));

  it('refuses negative or fractional row counts, an empty passphrase, an argument where none is', async () => {
    await refused(backupIpc.finish.channel, { session: 's-1', tables: { patients: -1 } });
    await refused(backupIpc.finish.channel, { session: 's-1', tables: { patients: 1.5 } });
    await refused(backupIpc.setPassphrase.channel, '');
    await refused(backupIpc.setPassphrase.channel, 'x'.repeat(201));
    await refused(backupIpc.status.channel, 'all');
    await refused(backupIpc.chooseFolder.channel, '/mnt/usb');
    await refused(backupIpc.exportTo.channel, { id: 'r-1', to: '/mnt/usb' });
    await refused(backupIpc.abort.channel, { session: 's-1' }, 'extra');
  });

  it('never echoes what was sent', async () => {
    const { ipcMain } = setUp();
    const error = (await ipcMain
      .invoke(backupIpc.setPassphrase.channel, fromApp, { passphrase: '王小明的密码' })
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(
      'clinicdesk:backup-set-passphrase refused: the argument is not valid',
    );
  });
});

describe('backup IPC from anywhere else', () => {
  it.each([
    ['a web page', topFrame('https://example.com/')],
    ['another local file', topFrame('file:///tmp/evil.html')],
    ['a sub-frame of our page', { senderFrame: { url: APP, parent: {} } }],
    ['a frame that is gone', { senderFrame: null }],
  ])('is refused from %s', async (_, sender) => {
    const { ipcMain, handlers } = setUp();
    await expect(ipcMain.invoke(backupIpc.status.channel, sender)).rejects.toThrow(
      'did not come from the ClinicDesk page',
    );
    await expect(
      ipcMain.invoke(backupIpc.write.channel, sender, { session: 's-1', bytes: new Uint8Array(1) }),
    ).rejects.toThrow(IpcRejection);
    expect(handlers.status).not.toHaveBeenCalled();
    expect(handlers.write).not.toHaveBeenCalled();
  });
});
