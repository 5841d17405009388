import { hashPassword, verifyPassword, type PasswordHash } from '../../../shared/auth/password';
import type { Staff } from '../../../shared/staff/staff';
import { findByUsername, actorOf } from './staff';
import { recordAuditEvent, type StoreContext } from './write';

export type LoginResult =
  | { ok: true; staff: Staff }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'inactive' }
  | { ok: false; reason: 'throttled'; retryAfterMs: number };

type Failures = { count: number; lastAt: number };

/** Free attempts before each further attempt has to wait, doubling from 5 s up to 5 min. */
export const FREE_ATTEMPTS = 3;
const FIRST_DELAY_MS = 5_000;
const MAX_DELAY_MS = 5 * 60_000;

export const loginDelayMs = (failures: number): number =>
  failures < FREE_ATTEMPTS
    ? 0
    : Math.min(FIRST_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_MS);

const failuresKey = (username: string) => `login-failures:${username}`;

let dummyHash: Promise<PasswordHash> | undefined;
/** An unknown name costs the same PBKDF2 work as a wrong password, so timing tells nothing. */
const burnSameTime = async (password: string) => {
  dummyHash ??= hashPassword('not-a-real-account-password');
  await verifyPassword(password, await dummyHash);
};

const readFailures = async (ctx: StoreContext, username: string): Promise<Failures> => {
  const row = await ctx.db.deviceState.get(failuresKey(username));
  return (row?.value as Failures | undefined) ?? { count: 0, lastAt: 0 };
};

const checkPassword = async (ctx: StoreContext, username: string, password: string) => {
  const staff = await findByUsername(ctx.db, username);
  if (!staff) {
    await burnSameTime(password);
    return { staff: undefined, matches: false };
  }
  return { staff, matches: await verifyPassword(password, staff.password) };
};

/** Same answer for an unknown name and a wrong password: the message must not say which. */
const authenticate = async (
  ctx: StoreContext,
  usernameInput: string,
  password: string,
): Promise<LoginResult> => {
  const username = usernameInput.trim().toLowerCase().slice(0, 64);
  const failures = await readFailures(ctx, username);
  const waitUntil = failures.lastAt + loginDelayMs(failures.count);
  const now = ctx.clock.now();
  if (now < waitUntil) return { ok: false, reason: 'throttled', retryAfterMs: waitUntil - now };

  const { staff, matches } = await checkPassword(ctx, username, password);
  if (!staff || !matches) {
    await ctx.db.deviceState.put({
      key: failuresKey(username),
      value: { count: failures.count + 1, lastAt: ctx.clock.now() },
    });
    await recordAuditEvent(ctx, {
      actor: {
        staffId: staff?.id ?? '',
        name: staff?.displayName ?? username,
        role: staff?.role ?? null,
      },
      action: 'login-failed',
      entity: 'session',
      entityId: staff?.id ?? '',
      summary: username,
    });
    const delay = loginDelayMs(failures.count + 1);
    return delay > 0
      ? { ok: false, reason: 'throttled', retryAfterMs: delay }
      : { ok: false, reason: 'invalid' };
  }
  if (!staff.active) return { ok: false, reason: 'inactive' };
  await ctx.db.deviceState.delete(failuresKey(username));
  return { ok: true, staff };
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
