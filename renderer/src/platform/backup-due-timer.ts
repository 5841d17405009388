import { backupSchedule } from '../../../shared/backup/schedule';
import type { Clock } from '../../../shared/clock/clock';

/** Checks at least this often, so a PC waking from sleep catches up within a minute. */
const CHECK_EVERY_MS = 60_000;

/**
 * Tells listeners when a scheduled backup is owed (PRODUCT.md §5.1): at the daily time, and at
 * start when the time passed while the PC was off. Fires once per missed slot, even when the
 * backup it asked for fails; the banner then keeps telling people.
 */
export const dueTimer = (input: {
  clock: Clock;
  canRun: () => Promise<boolean>;
  state: () => Promise<{ lastGoodAt: number | undefined; dailyTime: string }>;
}) => {
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firedAt: number | undefined;

  const check = async () => {
    timer = undefined;
    if (listeners.size === 0) return;
    const now = input.clock.now();
    const { lastGoodAt, dailyTime } = await input.state();
    const since = Math.max(lastGoodAt ?? -Infinity, firedAt ?? -Infinity);
    const schedule = backupSchedule({
      now,
      lastGoodAt: Number.isFinite(since) ? since : undefined,
      dailyTime,
    });
    if (schedule.dueNow && (await input.canRun())) {
      firedAt = now;
      for (const listener of listeners) listener();
    }
    if (listeners.size > 0 && timer === undefined)
      timer = setTimeout(() => void check(), Math.min(schedule.nextAt - now, CHECK_EVERY_MS));
  };

  const recheck = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    void check();
  };

  return {
    recheck,
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      recheck();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer !== undefined) {
          clearTimeout(timer);
          timer = undefined;
        }
      };
    },
  };
};
