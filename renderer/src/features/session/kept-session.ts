import { z } from 'zod';
import type { Clock } from '../../../../shared/clock/clock';
import type { Staff } from '../../../../shared/staff/staff';
import type { ClinicDb } from '../../db/database';

export const KEPT_SESSION_KEY = 'clinicdesk.session';

/**
 * What a reload may continue from, in the tab's sessionStorage (gone when the window closes, so an
 * app restart always asks for a password). Only who and until when, in which store: no password,
 * no role, nothing to read off. Whoever can write it could already write the store itself; still,
 * it is re-checked against the store on every use and is worth nothing past one idle period.
 */
const keptSessionSchema = z
  .object({ staffId: z.string().min(1).max(64), until: z.number().int(), store: z.string() })
  .strict();

type SessionStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type KeptSessionContext = {
  storage: SessionStorage;
  db: ClinicDb;
  clock: Clock;
  /** The idle lock's period: a reload after it lands on the login screen. */
  lockMinutes: number;
};

const periodMs = (lockMinutes: number) => lockMinutes * 60_000;

/** Signed in and active just now: a reload within one idle period continues as `staffId`. */
export const keepSession = (ctx: KeptSessionContext, staffId: string) =>
  ctx.storage.setItem(
    KEPT_SESSION_KEY,
    JSON.stringify({
      staffId,
      until: ctx.clock.now() + periodMs(ctx.lockMinutes),
      store: ctx.db.name,
    } satisfies z.infer<typeof keptSessionSchema>),
  );

/** Logged out or locked: a reload must ask for the password. */
export const forgetSession = (storage: SessionStorage) => storage.removeItem(KEPT_SESSION_KEY);

const readKept = (storage: SessionStorage) => {
  try {
    return keptSessionSchema.safeParse(JSON.parse(storage.getItem(KEPT_SESSION_KEY) ?? 'null'))
      .data;
  } catch {
    return undefined;
  }
};

/**
 * The person a reload continues as, or undefined (and the kept session is dropped): it must be
 * this store's, unexpired, no longer than one idle period ahead (a longer one was not written
 * here), and name an account that is still active.
 */
export const resumeSession = async (ctx: KeptSessionContext): Promise<Staff | undefined> => {
  const kept = readKept(ctx.storage);
  const now = ctx.clock.now();
  const fresh =
    kept &&
    kept.store === ctx.db.name &&
    now < kept.until &&
    kept.until <= now + periodMs(ctx.lockMinutes);
  const staff = fresh ? await ctx.db.staff.get(kept.staffId) : undefined;
  if (staff?.active) return staff;
  forgetSession(ctx.storage);
  return undefined;
};
