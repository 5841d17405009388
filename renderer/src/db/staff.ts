import { assessPassword, hashPassword, verifyPassword } from '../../../shared/auth/password';
import { rolesSchema, seniorRole, type Role } from '../../../shared/auth/roles';
import { AppError } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import {
  displayNameSchema,
  newStaffInputSchema,
  type NewStaffInput,
  type Staff,
  usernameSchema,
} from '../../../shared/staff/staff';
import { throttledAttempt } from './attempts';
import type { ClinicDb } from './database';
import {
  type Actor,
  type AuditInput,
  authorize,
  recordAuditEvent,
  type RecordChange,
  recordKeepingTables,
  type StoreContext,
  withoutProvenance,
  writeRecord,
} from './write';

/**
 * A signed-in person as the write path sees them. Until `authorize` names the role an act is done
 * in, the audit records the most senior role they hold (a login, their own password change).
 */
export const actorOf = (staff: Pick<Staff, 'id' | 'displayName' | 'roles'>): Actor => ({
  staffId: staff.id,
  name: staff.displayName,
  roles: staff.roles,
  role: seniorRole(staff.roles) ?? null,
});

/** How a staff member is named in the audit log. */
export const staffLabel = (staff: Pick<Staff, 'displayName' | 'username'>) =>
  `${staff.displayName} (${staff.username})`;

const STAFF_TABLES = (db: ClinicDb) => [db.staff, ...recordKeepingTables(db)];

/** Every staff write: neither the password's hash nor the recovery code's goes into the audit log. */
export const writeStaff = (
  ctx: StoreContext,
  change: Omit<RecordChange<Staff>, 'table' | 'redact' | 'audit'> & {
    audit: Omit<AuditInput, 'entityId' | 'entity' | 'summary'>;
  },
) =>
  writeRecord<Staff>(ctx, {
    ...change,
    table: 'staff',
    redact: ['password', 'recoveryCode'],
    audit: { ...change.audit, entity: 'staff', summary: staffLabel(change.row) },
  });

/** Refuses a password that breaks a rule, naming the first one so the form can say which. */
export const assertStrongPassword = async (password: string, username: string) => {
  const [rule] = await assessPassword(password, username);
  if (rule) throw new AppError('weak-password', `password too weak: ${rule}`, 'password', { rule });
};

/** Validates what a person typed for a new account; the first problem names its field. */
export const parseNewStaff = async (input: NewStaffInput): Promise<NewStaffInput> => {
  const parsed = newStaffInputSchema.safeParse(input);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? '');
    throw new AppError('invalid-input', `invalid ${field}`, field);
  }
  await assertStrongPassword(parsed.data.password, parsed.data.username);
  return parsed.data;
};

export const findByUsername = (db: ClinicDb, username: string): Promise<Staff | undefined> =>
  db.staff.where('username').equals(username.trim().toLowerCase()).first();

/**
 * The owner adds a person with a temporary password, which its holder must replace at first
 * login. Hashes outside the transaction (WebCrypto is async), then writes row, audit and outbox.
 */
export const addStaff = async (
  ctx: StoreContext,
  actor: Actor,
  input: NewStaffInput,
): Promise<Staff> => {
  actor = authorize(actor, 'staff.manage');
  const data = await parseNewStaff(input);
  const password = await hashPassword(data.password);
  const { username, displayName, roles } = data;
  return writeStaff(ctx, {
    row: {
      id: newId(ctx.clock),
      username,
      displayName,
      roles,
      active: true,
      password,
      mustChangePassword: true,
    },
    before: undefined,
    audit: { actor, action: 'create' },
    alsoInside: async () => {
      if (await findByUsername(ctx.db, username)) {
        throw new AppError('duplicate-username', 'username taken', 'username');
      }
    },
  });
};

/**
 * A clinic must always keep one active owner, or nobody could manage staff or backups: the last
 * active person holding the owner role can neither be deactivated nor lose that role.
 */
const assertAnotherOwner = async (db: ClinicDb, leavingId: string) => {
  const owners = await db.staff.where('roles').equals('owner').toArray();
  if (!owners.some((s) => s.active && s.id !== leavingId)) {
    throw new AppError('last-owner', 'the clinic needs an active owner');
  }
};

const loadStaff = async (db: ClinicDb, id: string): Promise<Staff> => {
  const staff = await db.staff.get(id);
  if (!staff) throw new AppError('not-found', 'no such staff member');
  return staff;
};

/** Staff are never deleted: their records keep their name. Deactivation needs a reason. */
export const setStaffActive = async (
  ctx: StoreContext,
  actor: Actor,
  id: string,
  active: boolean,
  reason: string,
) => {
  actor = authorize(actor, 'staff.manage');
  if (!active && reason.trim().length === 0) {
    throw new AppError('invalid-input', 'reason required', 'reason');
  }
  return ctx.db.transaction('rw', STAFF_TABLES(ctx.db), async () => {
    const before = await loadStaff(ctx.db, id);
    if (!active && before.roles.includes('owner')) await assertAnotherOwner(ctx.db, id);
    return writeStaff(ctx, {
      row: { ...withoutProvenance(before), active },
      before,
      audit: {
        actor,
        action: active ? 'reactivate' : 'deactivate',
        reason: reason.trim() || undefined,
      },
    });
  });
};

export const updateStaffProfile = async (
  ctx: StoreContext,
  actor: Actor,
  id: string,
  changes: { displayName: string; roles: readonly Role[] },
) => {
  actor = authorize(actor, 'staff.manage');
  const displayName = displayNameSchema.safeParse(changes.displayName);
  if (!displayName.success) throw new AppError('invalid-input', 'invalid name', 'displayName');
  const roles = rolesSchema.safeParse(changes.roles);
  if (!roles.success) throw new AppError('invalid-input', 'invalid roles', 'roles');
  return ctx.db.transaction('rw', STAFF_TABLES(ctx.db), async () => {
    const before = await loadStaff(ctx.db, id);
    if (before.roles.includes('owner') && !roles.data.includes('owner'))
      await assertAnotherOwner(ctx.db, id);
    return writeStaff(ctx, {
      row: { ...withoutProvenance(before), displayName: displayName.data, roles: roles.data },
      before,
      audit: { actor, action: 'update' },
    });
  });
};

/**
 * Gives one of two accounts that share a username (made on two PCs before they synced) a username
 * of its own. Only then: a username is the login and otherwise never changes. The password stays;
 * the owner tells the person their new username. Another PC may have renamed one meanwhile: the
 * check runs on what this PC holds, and a username taken after all is refused as taken.
 */
export const renameSharedUsername = async (
  ctx: StoreContext,
  actor: Actor,
  id: string,
  newUsername: string,
) => {
  actor = authorize(actor, 'staff.manage');
  const username = usernameSchema.safeParse(newUsername);
  if (!username.success) throw new AppError('invalid-input', 'invalid username', 'username');
  return ctx.db.transaction('rw', STAFF_TABLES(ctx.db), async () => {
    const before = await loadStaff(ctx.db, id);
    const sharing = await ctx.db.staff.where('username').equals(before.username).count();
    if (sharing < 2)
      throw new AppError('username-not-shared', 'username is not shared', 'username');
    if (await findByUsername(ctx.db, username.data)) {
      throw new AppError('duplicate-username', 'username taken', 'username');
    }
    return writeStaff(ctx, {
      row: { ...withoutProvenance(before), username: username.data },
      before,
      audit: { actor, action: 'update' },
    });
  });
};

/** The owner sets a temporary password; the person must choose their own at next login. */
export const resetStaffPassword = async (
  ctx: StoreContext,
  actor: Actor,
  id: string,
  newPassword: string,
) => {
  actor = authorize(actor, 'staff.manage');
  const before = await loadStaff(ctx.db, id);
  await assertStrongPassword(newPassword, before.username);
  const password = await hashPassword(newPassword);
  return writeStaff(ctx, {
    row: { ...withoutProvenance(before), password, mustChangePassword: true },
    before,
    audit: { actor, action: 'password-reset' },
  });
};

/**
 * Why a person must choose a password now: a new account's first login, or a reset by the owner.
 * Read from the audit trail, which records every reset.
 */
export const temporaryPasswordOrigin = async (
  db: ClinicDb,
  staffId: string,
): Promise<'new-account' | 'reset'> => {
  const events = await db.auditEvents.where('entityId').equals(staffId).toArray();
  return events.some((e) => e.entity === 'staff' && e.action === 'password-reset')
    ? 'reset'
    : 'new-account';
};

/**
 * The current password typed to change it (or to confirm a guarded change, such as the backup
 * settings) counts like a login attempt: throttled under the same name and audited when wrong,
 * so no form is a way round the login throttle.
 */
export const checkCurrentPassword = async (ctx: StoreContext, staff: Staff, password: string) => {
  const attempt = await throttledAttempt(ctx, staff.username, () =>
    verifyPassword(password, staff.password),
  );
  if (attempt.outcome === 'right') return;
  await recordAuditEvent(ctx, {
    actor: actorOf(staff),
    action: 'login-failed',
    entity: 'staff',
    entityId: staff.id,
    summary: staffLabel(staff),
  });
  if (attempt.outcome === 'throttled')
    throw new AppError('password-throttled', 'too many attempts', 'currentPassword', {
      seconds: Math.ceil(attempt.retryAfterMs / 1000),
    });
  throw new AppError('wrong-password', 'current password does not match', 'currentPassword');
};

/**
 * Anyone changes their own password. The current one is asked for, so that a passer-by at an
 * unlocked screen cannot take the account over — except right after a reset or a new account,
 * when the person has just typed the temporary one to log in. The new one may be neither.
 */
export const changeOwnPassword = async (
  ctx: StoreContext,
  staffId: string,
  newPassword: string,
  currentPassword?: string,
) => {
  const before = await loadStaff(ctx.db, staffId);
  if (!before.mustChangePassword) await checkCurrentPassword(ctx, before, currentPassword ?? '');
  await assertStrongPassword(newPassword, before.username);
  if (await verifyPassword(newPassword, before.password))
    throw new AppError('password-reused', 'same as the current password', 'password');
  const password = await hashPassword(newPassword);
  return writeStaff(ctx, {
    row: { ...withoutProvenance(before), password, mustChangePassword: false },
    before,
    audit: { actor: actorOf(before), action: 'password-change' },
  });
};
