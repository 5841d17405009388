import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../shared/audit/chain';
import { webPrimitives } from '../../../shared/backup/primitives';
import { DEFAULT_ROTATION } from '../../../shared/backup/rotation';
import { manualClock } from '../../../shared/clock/clock';
import { newId } from '../../../shared/ids';
import { BackupHostDb } from '../platform/backup-host-db';
import type { BackupFolder } from '../platform/backup-output';
import { createBrowserBackupHost } from '../platform/browser-backup-host';
import { fakeFolder } from '../platform/testing/fake-folder';
import { FREE_ATTEMPTS } from './attempts';
import { chooseBackupFolder, saveBackupSettings, setBackupPassphrase } from './backup-settings';
import { addStaff } from './staff';
import { errorOf, OWNER_PASSWORD, reasonOf, storeWithOwner } from './testing/store';

const PASSPHRASE = '康宁诊所 backup 2026';

/** Folder handles are structured-cloneable in a browser; a fake one is kept in memory instead. */
class TestHostDb extends BackupHostDb {
  chosen: BackupFolder | undefined;
  override folder = async () => this.chosen;
  override setFolder = async (folder: BackupFolder) => (this.chosen = folder);
}

const setUp = async () => {
  const store = await storeWithOwner();
  const hostDb = new TestHostDb(`host-${newId()}`, { indexedDB, IDBKeyRange });
  const usb = fakeFolder();
  const host = createBrowserBackupHost({
    db: hostDb,
    clock: manualClock('2026-11-22T19:00:00+08:00'),
    primitives: webPrimitives,
    appVersion: 'test',
    download: () => undefined,
    pickFolder: async () => usb.folder,
    iterations: 100_000,
  });
  const as = (password: string) => ({ ctx: store.ctx, actor: store.ownerActor, host, password });
  const settingsEvents = () =>
    store.db.auditEvents
      .filter((e) => e.entity === 'settings' && e.entityId.startsWith('backup-'))
      .sortBy('seq');
  const failedLogins = () =>
    store.db.auditEvents.filter((e) => e.action === 'login-failed').toArray();
  return { ...store, host, hostDb, as, settingsEvents, failedLogins };
};

const SETTINGS = { dailyTime: '19:45', rotation: { daily: 10, weekly: 4, monthly: 24 } };

describe('backup settings are guarded by the owner’s password', () => {
  it('saves the daily time and rotation with the right password, and logs what changed', async () => {
    const clinic = await setUp();
    const status = await saveBackupSettings(clinic.as(OWNER_PASSWORD), SETTINGS);
    expect(status.settings).toEqual(SETTINGS);
    expect(await clinic.settingsEvents()).toMatchObject([
      {
        action: 'update',
        entity: 'settings',
        entityId: 'backup-settings',
        actorId: clinic.owner.id,
        role: 'owner',
        changes: [
          { field: 'dailyTime', from: '18:30', to: '19:45' },
          { field: 'rotation.daily', from: '7', to: '10' },
          { field: 'rotation.weekly', from: '5', to: '4' },
          { field: 'rotation.monthly', from: '12', to: '24' },
        ],
      },
    ]);
    expect(verifyAuditChain(await clinic.db.auditEvents.toArray()).ok).toBe(true);
  });

  it('refuses a wrong password: nothing saved, and the attempt logged like a failed login', async () => {
    const clinic = await setUp();
    const error = await errorOf(saveBackupSettings(clinic.as('Owner#2025'), SETTINGS));
    expect(error).toMatchObject({ reason: 'wrong-password', field: 'currentPassword' });
    expect((await clinic.host.status()).settings.rotation).toEqual(DEFAULT_ROTATION);
    expect(await clinic.settingsEvents()).toEqual([]);
    expect(await clinic.failedLogins()).toHaveLength(1);
  });

  it('counts wrong passwords with the login throttle', async () => {
    const clinic = await setUp();
    const reasons = [];
    for (let i = 0; i <= FREE_ATTEMPTS; i++)
      reasons.push(await reasonOf(saveBackupSettings(clinic.as('guess'), SETTINGS)));
    expect(reasons.at(-1)).toBe('password-throttled');
    // Even the right password waits now.
    expect(await reasonOf(saveBackupSettings(clinic.as(OWNER_PASSWORD), SETTINGS))).toBe(
      'password-throttled',
    );
  });

  it('refuses a rotation below the minimum before asking for the password, naming the minimum', async () => {
    const clinic = await setUp();
    const error = await errorOf(
      saveBackupSettings(clinic.as(OWNER_PASSWORD), {
        dailyTime: '18:30',
        rotation: { daily: 1, weekly: 0, monthly: 0 },
      }),
    );
    expect(error).toMatchObject({
      reason: 'backup-rotation-minimum',
      field: 'daily',
      values: { daily: 7, weekly: 4, monthly: 3 },
    });
    expect(await clinic.failedLogins()).toEqual([]);
    expect((await clinic.host.status()).settings.rotation).toEqual(DEFAULT_ROTATION);
  });

  it('only the owner may change them', async () => {
    const clinic = await setUp();
    const desk = await addStaff(clinic.ctx, clinic.ownerActor, {
      username: 'wang',
      displayName: '王芳',
      roles: ['front-desk'],
      password: 'Front#Desk-Spring2026',
    });
    await expect(
      saveBackupSettings(
        {
          ctx: clinic.ctx,
          actor: {
            staffId: desk.id,
            name: desk.displayName,
            roles: ['front-desk'],
            role: 'front-desk',
          },
          host: clinic.host,
          password: 'Front#Desk-Spring2026',
        },
        SETTINGS,
      ),
    ).rejects.toThrow();
    expect(await clinic.settingsEvents()).toEqual([]);
  });

  it('setting and replacing the passphrase is logged, never the passphrase', async () => {
    const clinic = await setUp();
    expect(await reasonOf(setBackupPassphrase(clinic.as('nope'), PASSPHRASE))).toBe(
      'wrong-password',
    );
    expect((await clinic.host.status()).passphraseSet).toBe(false);
    await setBackupPassphrase(clinic.as(OWNER_PASSWORD), PASSPHRASE);
    await setBackupPassphrase(clinic.as(OWNER_PASSWORD), '另一句完全不同的备份密码 2027');
    const events = await clinic.settingsEvents();
    expect(events).toMatchObject([
      { action: 'create', entityId: 'backup-passphrase', changes: [{ field: 'backupPassphrase' }] },
      { action: 'update', entityId: 'backup-passphrase', changes: [{ field: 'backupPassphrase' }] },
    ]);
    const logged = JSON.stringify(events);
    expect(logged).not.toContain('康宁诊所 backup');
    expect(logged).not.toContain('另一句');
  });

  it('a new folder is logged with where backups went before and where they go now', async () => {
    const clinic = await setUp();
    expect(await reasonOf(chooseBackupFolder(clinic.as('nope')))).toBe('wrong-password');
    expect(clinic.hostDb.chosen).toBeUndefined();
    const status = await chooseBackupFolder(clinic.as(OWNER_PASSWORD));
    expect(status.folder).toBe('U盘备份');
    expect(await clinic.settingsEvents()).toMatchObject([
      {
        action: 'update',
        entityId: 'backup-folder',
        changes: [{ field: 'backupFolder', from: '—', to: 'U盘备份' }],
      },
    ]);
  });
});
