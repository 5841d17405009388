import { belowMinimum, MIN_ROTATION } from '../../../shared/backup/rotation';
import type { AuditChange } from '../../../shared/audit/audit-event';
import {
  backupSettingsSchema,
  type BackupHost,
  type BackupSettings,
  type BackupStatus,
} from '../../../shared/bridge/backup-host';
import { AppError } from '../../../shared/errors';
import { recordBackupSettingsChanged } from './backup-audit';
import { checkCurrentPassword } from './staff';
import { authorize, type Actor, type StoreContext } from './write';

/*
 * The backup settings are guarded (hardening item 12): the passphrase, the folder, the daily time
 * and the rotation decide whether the clinic can ever get its data back, so each change asks for
 * the owner's own password (throttled and audited like a login) and goes into the audit log. The
 * host keeps the settings; the store keeps who changed them. The host changes first: a change
 * that did not happen is never logged as made.
 */

/** What a guarded change needs: who asks, the password they typed, and the backup host. */
export type GuardedChange = {
  ctx: StoreContext;
  actor: Actor;
  host: BackupHost;
  password: string;
};

/** The owner, by their own password. PBKDF2 runs here: never inside a Dexie transaction. */
export const confirmOwner = async ({ ctx, actor, password }: GuardedChange): Promise<Actor> => {
  const owner = authorize(actor, 'backup.manage');
  const me = await ctx.db.staff.get(actor.staffId);
  if (!me?.active) throw new AppError('inactive-account', 'no active account for this session');
  await checkCurrentPassword(ctx, me, password);
  return owner;
};

/** The minimum in words a form can show; the field is the first period below it. */
export const assertRotationAllowed = (rotation: BackupSettings['rotation']): void => {
  const [first] = belowMinimum(rotation);
  if (first)
    throw new AppError(
      'backup-rotation-minimum',
      `rotation below ${JSON.stringify(MIN_ROTATION)}`,
      first,
      MIN_ROTATION,
    );
};

const settingsChanges = (before: BackupSettings, after: BackupSettings): AuditChange[] => {
  const pairs: [string, string, string][] = [
    ['dailyTime', before.dailyTime, after.dailyTime],
    ['rotation.daily', `${before.rotation.daily}`, `${after.rotation.daily}`],
    ['rotation.weekly', `${before.rotation.weekly}`, `${after.rotation.weekly}`],
    ['rotation.monthly', `${before.rotation.monthly}`, `${after.rotation.monthly}`],
  ];
  return pairs
    .filter(([, from, to]) => from !== to)
    .map(([field, from, to]) => ({ field, from, to }));
};

/** The daily time and the rotation. Refuses a rotation below the minimum before asking anything. */
export const saveBackupSettings = async (
  change: GuardedChange,
  settings: BackupSettings,
): Promise<BackupStatus> => {
  assertRotationAllowed(settings.rotation);
  const parsed = backupSettingsSchema.safeParse(settings);
  if (!parsed.success)
    throw new AppError(
      'invalid-input',
      'invalid backup settings',
      parsed.error.issues[0]?.path.join('.'),
    );
  const actor = await confirmOwner(change);
  const before = (await change.host.status()).settings;
  const status = await change.host.saveSettings(parsed.data);
  const changes = settingsChanges(before, status.settings);
  if (changes.length > 0)
    await recordBackupSettingsChanged(change.ctx, actor, { what: 'settings', changes });
  return status;
};

/**
 * Sets the first passphrase or replaces it. The log says that it changed, never what it is:
 * not even a digest, which could be tried against guesses offline.
 */
export const setBackupPassphrase = async (
  change: GuardedChange,
  passphrase: string,
): Promise<BackupStatus> => {
  const actor = await confirmOwner(change);
  const wasSet = (await change.host.status()).passphraseSet;
  const status = await change.host.setPassphrase(passphrase);
  await recordBackupSettingsChanged(change.ctx, actor, {
    what: 'passphrase',
    first: !wasSet,
    changes: [{ field: 'backupPassphrase' }],
  });
  return status;
};

/** Asks the host to show its folder dialog; logs the folder only when it changed. */
export const chooseBackupFolder = async (change: GuardedChange): Promise<BackupStatus> => {
  const actor = await confirmOwner(change);
  const before = (await change.host.status()).folder;
  const status = await change.host.chooseFolder();
  if (status.folder !== before)
    await recordBackupSettingsChanged(change.ctx, actor, {
      what: 'folder',
      changes: [{ field: 'backupFolder', from: before ?? '—', to: status.folder ?? '—' }],
    });
  return status;
};

/**
 * Restoring a file sealed with another key than this clinic's (hardening item 10): its accounts
 * and passwords replace every account here, so the owner confirms with their own password,
 * throttled and logged like the changes above. Nothing else happens here: the restore follows.
 */
export const confirmForeignRestore = async (change: GuardedChange): Promise<void> => {
  await confirmOwner(change);
};
