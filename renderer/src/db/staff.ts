import { checkPasswordStrength, hashPassword } from '../../../shared/auth/password';
import { assertCan } from '../../../shared/auth/permissions';
import type { Role } from '../../../shared/auth/roles';
import { AppError } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import {
  displayNameSchema,
  newStaffInputSchema,
  type NewStaffInput,
  type Staff,
} from '../../../shared/staff/staff';
import type { ClinicDb } from './database';
import { withoutProvenance, writeRecord, type Actor, type StoreContext } from './write';

export const actorOf = (staff: Pick<Staff, 'id' | 'displayName' | 'role'>): Actor => ({
  staffId: staff.id,
  name: staff.displayName,
  role: staff.role,
});

const requireRole = (actor: Actor): Role => {
  if (!actor.role) throw new AppError('invalid-input', 'an unknown person cannot act');
  return actor.role;
};

/** Validates what a person typed for a new account; the first problem names its field. */
export const parseNewStaff = (input: NewStaffInput): NewStaffInput => {
  const parsed = newStaffInputSchema.safeParse(input);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? '');
    throw new AppError('invalid-input', `invalid ${field}`, field);
  }
  if (checkPasswordStrength(parsed.data.password, parsed.data.username).length > 0) {
    throw new AppError('weak-password', 'password too weak', 'password');
  }
  return parsed.data;
};

export const findByUsername = (db: ClinicDb, username: string): Promise<Staff | undefined> =>
  db.staff.where('username').equals(username.trim().toLowerCase()).first();

/** Hashes outside the transaction (WebCrypto is async), then writes row + audit + outbox at once. */
export const insertStaff = async (
  ctx: StoreContext,
  actor: Actor,
  input: NewStaffInput,
  action: 'create' | 'setup',
) => {
  const data = parseNewStaff(input);
  const password = await hashPassword(data.password);
  const id = newId(ctx.clock);
  return writeRecord<Staff>(ctx, {
    table: 'staff',
    row: {
      id,
      username: data.username,
      displayName: data.displayName,
      role: data.role,
      active: true,
      password,
      mustChangePassword: action === 'create',
    },
    before: undefined,
    audit: {
      actor: actor.staffId ? actor : { ...actor, staffId: id },
      action,
      entity: 'staff',
      summary: `${data.displayName} (${data.username}, ${data.role})`,
    },
    alsoInside: async () => {
      if (await findByUsername(ctx.db, data.username)) {
        throw new AppError('duplicate-username', 'username taken', 'username');
      }
    },
  });
};

export const addStaff = async (
  ctx: StoreContext,
  actor: Actor,
  input: NewStaffInput,
): Promise<Staff> => {
  assertCan(requireRole(actor), 'staff.manage');
  return insertStaff(ctx, actor, input, 'create');
};

/** A clinic must always keep one active owner, or nobody could manage staff or backups. */
const assertAnotherOwner = async (db: ClinicDb, leavingId: string) => {
  const owners = await db.staff.where('role').equals('owner').toArray();
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
  assertCan(requireRole(actor), 'staff.manage');
  if (!active && reason.trim().length === 0)
    throw new AppError('invalid-input', 'reason required', 'reason');
  return ctx.db.transaction(
    'rw',
    [ctx.db.staff, ctx.db.auditEvents, ctx.db.outbox, ctx.db.deviceState],
    async () => {
      const before = await loadStaff(ctx.db, id);
      if (!active && before.role === 'owner') await assertAnotherOwner(ctx.db, id);
      const rest = withoutProvenance(before);
      return writeRecord<Staff>(ctx, {
        table: 'staff',
        row: { ...rest, active },
        before,
        audit: {
          actor,
          action: active ? 'reactivate' : 'deactivate',
          entity: 'staff',
          summary: before.displayName,
          reason: reason.trim() || undefined,
        },
      });
    },
  );
};

export const updateStaffProfile = async (
  ctx: StoreContext,
  actor: Actor,
  id: string,
  changes: { displayName: string; role: Role },
) => {
  assertCan(requireRole(actor), 'staff.manage');
  const displayName = displayNameSchema.safeParse(changes.displayName);
  if (!displayName.success) throw new AppError('invalid-input', 'invalid name', 'displayName');
  return ctx.db.transaction(
    'rw',
    [ctx.db.staff, ctx.db.auditEvents, ctx.db.outbox, ctx.db.deviceState],
    async () => {
      const before = await loadStaff(ctx.db, id);
      if (before.role === 'owner' && changes.role !== 'owner') await assertAnotherOwner(ctx.db, id);
      const rest = withoutProvenance(before);
      const fields = [
        before.displayName !== displayName.data && 'displayName',
        before.role !== changes.role && `role ${before.role} → ${changes.role}`,
      ].filter(Boolean);
      return writeRecord<Staff>(ctx, {
        table: 'staff',
        row: { ...rest, displayName: displayName.data, role: changes.role },
        before,
        audit: {
          actor,
          action: 'update',
          entity: 'staff',
          summary: `${displayName.data}: ${fields.join(', ')}`,
        },
      });
    },
  );
};

/** The owner sets a temporary password; the person must choose their own at next login. */
export const resetStaffPassword = async (
  ctx: StoreContext,
  actor: Actor,
  id: string,
  newPassword: string,
) => {
  assertCan(requireRole(actor), 'staff.manage');
  const before = await loadStaff(ctx.db, id);
  if (checkPasswordStrength(newPassword, before.username).length > 0)
    throw new AppError('weak-password', 'too weak', 'password');
  const password = await hashPassword(newPassword);
  const rest = withoutProvenance(before);
  return writeRecord<Staff>(ctx, {
    table: 'staff',
    row: { ...rest, password, mustChangePassword: true },
    before,
    audit: { actor, action: 'password-reset', entity: 'staff', summary: before.displayName },
  });
};

/** Anyone changes their own password (after a reset, they must). */
export const changeOwnPassword = async (
  ctx: StoreContext,
  staffId: string,
  newPassword: string,
) => {
  const before = await loadStaff(ctx.db, staffId);
  if (checkPasswordStrength(newPassword, before.username).length > 0)
    throw new AppError('weak-password', 'too weak', 'password');
  const password = await hashPassword(newPassword);
  const rest = withoutProvenance(before);
  return writeRecord<Staff>(ctx, {
    table: 'staff',
    row: { ...rest, password, mustChangePassword: false },
    before,
    audit: {
      actor: actorOf(before),
      action: 'password-change',
      entity: 'staff',
      summary: before.displayName,
    },
  });
};
