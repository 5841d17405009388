import { describe, expect, it, vi } from 'vitest';
import { auditAnchorIpc, type AuditAnchor } from '../../shared/bridge/audit-anchor';
import { fakeIpcMain, topFrame } from '../testing/fake-electron';
import { appSchemeUrlPolicy } from './app-url';
import { registerAuditAnchorIpc } from './audit-anchor-ipc';
import { IpcRejection } from './ipc';

const fromApp = topFrame('app://clinicdesk/index.html#/audit');
const HEAD = { deviceId: 'desk-1', seq: 3, hash: 'a'.repeat(64) };

const setUp = () => {
  const ipcMain = fakeIpcMain();
  const anchor = {
    record: vi.fn(async () => undefined),
    read: vi.fn(async () => [{ ...HEAD, mac: 'b'.repeat(64), signatureValid: true }]),
  } satisfies AuditAnchor;
  registerAuditAnchorIpc(ipcMain, anchor, appSchemeUrlPolicy.isAppUrl);
  return { ipcMain, anchor };
};

describe('audit anchor IPC from the ClinicDesk page', () => {
  it('handles exactly the channels of the anchor contract', () => {
    expect(setUp().ipcMain.channels().sort()).toEqual(
      Object.values(auditAnchorIpc)
        .map((entry) => entry.channel)
        .sort(),
    );
  });

  it('records a chain head of a clinic store and reads the store’s checkpoints back', async () => {
    const { ipcMain, anchor } = setUp();
    await ipcMain.invoke(auditAnchorIpc.record.channel, fromApp, {
      store: 'clinicdesk',
      head: HEAD,
    });
    expect(anchor.record).toHaveBeenCalledWith({ store: 'clinicdesk', head: HEAD });
    await expect(
      ipcMain.invoke(auditAnchorIpc.read.channel, fromApp, { store: 'clinicdesk' }),
    ).resolves.toMatchObject([{ seq: 3, signatureValid: true }]);
  });

  it.each([
    ['a path for a store name', { store: '../../etc', head: HEAD }],
    ['a hash that is not one', { store: 'clinicdesk', head: { ...HEAD, hash: 'zz' } }],
    ['a sequence below 1', { store: 'clinicdesk', head: { ...HEAD, seq: 0 } }],
    ['a signature slipped in', { store: 'clinicdesk', head: { ...HEAD, mac: 'b'.repeat(64) } }],
    ['nothing', undefined],
  ])('refuses %s, and the anchor never sees it', async (_name, input) => {
    const { ipcMain, anchor } = setUp();
    await expect(ipcMain.invoke(auditAnchorIpc.record.channel, fromApp, input)).rejects.toThrow(
      IpcRejection,
    );
    expect(anchor.record).not.toHaveBeenCalled();
  });

  it('answers no other page', async () => {
    const { ipcMain, anchor } = setUp();
    await expect(
      ipcMain.invoke(auditAnchorIpc.read.channel, topFrame('https://example.com/'), {
        store: 'clinicdesk',
      }),
    ).rejects.toThrow(IpcRejection);
    expect(anchor.read).not.toHaveBeenCalled();
  });
});
