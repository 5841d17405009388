import { hashPassword, verifyPassword, type PasswordHash } from '../../../shared/auth/password';
import type { Staff } from '../../../shared/staff/staff';
import { throttledAttempt } from './attempts';
import { actorOf } from './staff';
import { recordAuditEvent, type StoreContext } from './write';

export type LoginResult =
  | { ok: true; staff: Staff }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'inactive' }
  | { ok: false; reason: 'throttled'; retryAfterMs: number };

let dummyHash: Promise<PasswordHash> | undefined;
/** An unknown name costs the same PBKDF2 work as a wrong password, so timing tells nothing. */
const burnSameTime = async (password: string) => {
  dummyHash ??= hashPassword('not-a-real-account-password');
  await verifyPassword(password, await dummyHash);
};

const UNKNOWN_USERNAME = '未知用户名 / unknown username';

/** Same answer for an unknown name and a wrong password: the message must not say which. */
const authenticate = async (
  ctx: StoreContext,
  usernameInput: string,
  password: string,
): Promise<LoginResult> => {
  const username = usernameInput.trim().toLowerCase().slice(0, 64);
  // Two PCs that each created the same username before they synced hold two accounts under it
  // (until the owner renames one): the password says which person is at the keyboard.
  const holders = await ctx.db.staff.where('username').equals(username).sortBy('id');
  let staff: Staff | undefined = holders[0];
  const attempt = await throttledAttempt(ctx, username, async () => {
    for (const holder of holders)
      if (await verifyPassword(password, holder.password)) {
        staff = holder;
        return true;
      }
    if (holders.length === 0) await burnSameTime(password);
    return false;
  });
  if (attempt.outcome !== 'right') {
    // An unknown name is recorded as such, not as typed: it is often a password typed into the
    // wrong box (hardening item 13).
    await recordAuditEvent(ctx, {
      actor: staff
        ? actorOf(staff)
        : { staffId: '', name: UNKNOWN_USERNAME, roles: [], role: null },
      action: 'login-failed',
      entity: 'session',
      entityId: staff?.id ?? '',
      summary: staff ? username : UNKNOWN_USERNAME,
    });
    return attempt.retryAfterMs > 0
      ? { ok: false, reason: 'throttled', retryAfterMs: attempt.retryAfterMs }
      : { ok: false, reason: 'invalid' };
  }
  if (!staff!.active) return { ok: false, reason: 'inactive' };
  return { ok: true, staff: staff! };
};

/**
 * Checks a person's own username and password without signing them in: an insurance officer's
 * override typed at the front desk's screen. Throttled and audited exactly like a login attempt.
 */
export const verifyCredentials = (
  ctx: StoreContext,
  username: string,
  password: string,
): Promise<LoginResult> => authenticate(ctx, username, password);

export const login = async (
  ctx: StoreContext,
  username: string,
  password: string,
): Promise<LoginResult> => {
  const result = await authenticate(ctx, username, password);
  if (result.ok) await recordSessionEvent(ctx, result.staff, 'login');
  return result;
};

export const recordSessionEvent = (
  ctx: StoreContext,
  staff: Staff,
  action: 'login' | 'logout' | 'lock' | 'unlock',
) =>
  recordAuditEvent(ctx, {
    actor: actorOf(staff),
    action,
    entity: 'session',
    entityId: staff.id,
    summary: '',
  });

/** Unlocking asks the same person's password again; failures count like login failures. */
export const unlock = async (
  ctx: StoreContext,
  staff: Staff,
  password: string,
): Promise<LoginResult> => {
  const result = await authenticate(ctx, staff.username, password);
  if (result.ok) await recordSessionEvent(ctx, result.staff, 'unlock');
  return result;
};
