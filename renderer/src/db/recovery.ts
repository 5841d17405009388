import { hashPassword, verifyPassword } from '../../../shared/auth/password';
import {
  formatRecoveryCode,
  newRecoveryCode,
  parseRecoveryCode,
  type StoredRecoveryCode,
} from '../../../shared/auth/recovery-code';
import type { Clock } from '../../../shared/clock/clock';
import { AppError } from '../../../shared/errors';
import type { Staff } from '../../../shared/staff/staff';
import { failuresKey, throttledAttempt } from './attempts';
import type { ClinicDb } from './database';
import { actorOf, assertStrongPassword, checkCurrentPassword, writeStaff } from './staff';
import {
  authorize,
  recordAuditEvent,
  recordKeepingTables,
  type StoreContext,
  withoutProvenance,
} from './write';

/** A code as it is shown once (groups of four) and the hash that is all the store keeps of it. */
export type IssuedRecoveryCode = { shown: string; stored: StoredRecoveryCode };

/** A new code, hashed like a password. Hashes outside any transaction (WebCrypto is async). */
export const issueRecoveryCode = async (clock: Clock): Promise<IssuedRecoveryCode> => {
  const code = newRecoveryCode();
  return {
    shown: formatRecoveryCode(code),
    stored: { hash: await hashPassword(code), createdAt: new Date(clock.now()).toISOString() },
  };
};

/**
 * Wrong codes are counted on this device under a name no username can have (it has a space), so
 * that guessing codes is throttled like guessing passwords, and neither draws on the other.
 */
export const RECOVERY_ATTEMPTS = 'recovery code';

/** How a wrong code is named in the audit log: whoever typed it is not known. */
const WRONG_CODE = '恢复码不正确 / wrong recovery code';

const staffTables = (db: ClinicDb) => [db.staff, ...recordKeepingTables(db)];

/** Only an active owner's code opens anything: a code left on a former owner's row does not. */
const codeHolders = (db: ClinicDb): Promise<Staff[]> =>
  db.staff
    .where('roles')
    .equals('owner')
    .filter((staff) => staff.active && staff.recoveryCode !== undefined)
    .toArray();

const sameCode = (a: StoredRecoveryCode | undefined, b: StoredRecoveryCode | undefined) =>
  a !== undefined && b !== undefined && a.hash.hash === b.hash.hash && a.hash.salt === b.hash.salt;

/** The owner whose code this is, after a throttled comparison; failures are audited. */
const ownerOfCode = async (ctx: StoreContext, typed: string): Promise<Staff> => {
  const code = parseRecoveryCode(typed);
  if (!code) throw new AppError('invalid-input', 'not a recovery code', 'code');
  const holders = await codeHolders(ctx.db);
  let owner: Staff | undefined;
  const attempt = await throttledAttempt(ctx, RECOVERY_ATTEMPTS, async () => {
    for (const holder of holders)
      if (await verifyPassword(code, holder.recoveryCode!.hash)) {
        owner = holder;
        return true;
      }
    return false;
  });
  if (attempt.outcome === 'right') return owner!;
  await recordAuditEvent(ctx, {
    actor: { staffId: '', name: WRONG_CODE, roles: [], role: null },
    action: 'recovery-failed',
    entity: 'session',
    entityId: '',
    summary: WRONG_CODE,
  });
  if (attempt.retryAfterMs > 0)
    throw new AppError('recovery-throttled', 'too many recovery attempts', 'code', {
      seconds: Math.ceil(attempt.retryAfterMs / 1000),
    });
  throw new AppError('wrong-recovery-code', 'no owner has this recovery code', 'code');
};

/**
 * An owner who forgot the password sets a new one with the recovery code. The code is used up: a
 * new one replaces it in the same write as the password, and is returned to be shown once. The
 * login throttle on the owner's name is cleared with it, so they can log in at once.
 */
export const recoverPassword = async (
  ctx: StoreContext,
  typedCode: string,
  newPassword: string,
): Promise<{ owner: Staff; recoveryCode: string }> => {
  const found = await ownerOfCode(ctx, typedCode);
  await assertStrongPassword(newPassword, found.username);
  const password = await hashPassword(newPassword);
  const issued = await issueRecoveryCode(ctx.clock);
  // Row, audit, outbox and the cleared throttle commit together; a code used meanwhile (a second
  // window, or the same code typed twice at once) is refused, so a code opens one reset only.
  const owner = await ctx.db.transaction('rw', staffTables(ctx.db), async () => {
    const before = await ctx.db.staff.get(found.id);
    if (!before?.active || !sameCode(before.recoveryCode, found.recoveryCode))
      throw new AppError('wrong-recovery-code', 'the recovery code was used meanwhile', 'code');
    await ctx.db.deviceState.delete(failuresKey(before.username));
    return writeStaff(ctx, {
      row: {
        ...withoutProvenance(before),
        password,
        mustChangePassword: false,
        recoveryCode: issued.stored,
      },
      before,
      audit: { actor: actorOf(before), action: 'password-recover' },
    });
  });
  return { owner, recoveryCode: issued.shown };
};

/**
 * An owner makes a new recovery code (the old one stops working), or the first one for a store
 * set up before codes existed. Asks for their password, which counts like a login attempt.
 */
export const renewRecoveryCode = async (
  ctx: StoreContext,
  staffId: string,
  currentPassword: string,
): Promise<string> => {
  const me = await ctx.db.staff.get(staffId);
  if (!me) throw new AppError('not-found', 'no such staff member');
  const actor = authorize(actorOf(me), 'staff.manage');
  await checkCurrentPassword(ctx, me, currentPassword);
  const issued = await issueRecoveryCode(ctx.clock);
  await ctx.db.transaction('rw', staffTables(ctx.db), async () => {
    const before = await ctx.db.staff.get(staffId);
    if (!before) throw new AppError('not-found', 'no such staff member');
    await writeStaff(ctx, {
      row: { ...withoutProvenance(before), recoveryCode: issued.stored },
      before,
      audit: { actor, action: 'recovery-code' },
    });
  });
  return issued.shown;
};

/** When this person's recovery code was made, or null when they have none (a store set up before codes). */
export const recoveryCodeMadeAt = async (db: ClinicDb, staffId: string): Promise<string | null> =>
  (await db.staff.get(staffId))?.recoveryCode?.createdAt ?? null;
