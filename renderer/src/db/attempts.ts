import { sha256Hex } from '../../../shared/hash';
import type { StoreContext } from './write';

/**
 * Password attempts per username, counted on this device: login, unlock, an officer's override and
 * the current password in "change my password" all draw on the same count.
 */
type Failures = { count: number; lastAt: number };

/** Free attempts before each further attempt has to wait, doubling from 5 s up to 5 min. */
export const FREE_ATTEMPTS = 3;
const FIRST_DELAY_MS = 5_000;
const MAX_DELAY_MS = 5 * 60_000;

export const loginDelayMs = (failures: number): number =>
  failures < FREE_ATTEMPTS
    ? 0
    : Math.min(FIRST_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_MS);

/**
 * Counted under a digest of what was typed as the username: a password typed into the username
 * box by mistake must not sit in the store (and its backups) as a key.
 */
export const failuresKey = (username: string) => `login-failures:${sha256Hex(username)}`;

/** How many attempts under this name have not yet been followed by a success. */
export const failedAttempts = async (
  ctx: Pick<StoreContext, 'db'>,
  username: string,
): Promise<number> => {
  const row = await ctx.db.deviceState.get(failuresKey(username));
  return (row?.value as Failures | undefined)?.count ?? 0;
};

const running = new Map<string, Promise<unknown>>();

/** One attempt per username at a time in this window: the next starts when the last is answered. */
const oneAtATime = <T>(username: string, attempt: () => Promise<T>): Promise<T> => {
  const next = (running.get(username) ?? Promise.resolve()).then(attempt, attempt);
  running.set(username, next);
  const forget = () => {
    if (running.get(username) === next) running.delete(username);
  };
  next.then(forget, forget);
  return next;
};

export type Attempt = { throttled: false } | { throttled: true; retryAfterMs: number };

/**
 * Counts the attempt before the password is compared, in one transaction with the read: attempts
 * sent at once (or from two windows) each see the count the one before left, so none is free. A
 * throttled attempt counts too and is not compared at all: hammering only lengthens the wait.
 */
const reserve = (ctx: StoreContext, username: string): Promise<Attempt> =>
  ctx.db.transaction('rw', ctx.db.deviceState, async () => {
    const key = failuresKey(username);
    const row = await ctx.db.deviceState.get(key);
    const failures = (row?.value as Failures | undefined) ?? { count: 0, lastAt: 0 };
    const now = ctx.clock.now();
    const waitUntil = failures.lastAt + loginDelayMs(failures.count);
    await ctx.db.deviceState.put({ key, value: { count: failures.count + 1, lastAt: now } });
    // The wait told is the one this attempt has just set, so the message stays true.
    return now < waitUntil
      ? { throttled: true, retryAfterMs: loginDelayMs(failures.count + 1) }
      : { throttled: false };
  });

/**
 * Runs `compare` for one attempt under `username` unless the name is throttled. `compare` answers
 * whether the password was right; a right one clears the count. Returns the wait when throttled,
 * and after a wrong password the wait the next attempt will face (0 while attempts are free).
 */
export const throttledAttempt = (
  ctx: StoreContext,
  username: string,
  compare: () => Promise<boolean>,
): Promise<
  | { outcome: 'throttled'; retryAfterMs: number }
  | { outcome: 'right' }
  | { outcome: 'wrong'; retryAfterMs: number }
> =>
  oneAtATime(username, async () => {
    const attempt = await reserve(ctx, username);
    if (attempt.throttled) return { outcome: 'throttled', retryAfterMs: attempt.retryAfterMs };
    if (await compare()) {
      await ctx.db.deviceState.delete(failuresKey(username));
      return { outcome: 'right' };
    }
    return { outcome: 'wrong', retryAfterMs: loginDelayMs(await failedAttempts(ctx, username)) };
  });
