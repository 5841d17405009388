import { backupSchedule, type DailyTime } from '../../../shared/backup/schedule';
import type { Clock } from '../../../shared/clock/clock';

/** setTimeout/clearTimeout, injected so that tests can run days in milliseconds. */
export type Timers = {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

export const nodeTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * A sleeping PC's timers do not count the hours it slept, and the owner may set the clock: the
 * scheduler looks at the clock at least this often rather than trusting one long timer.
 */
export const LONGEST_WAIT_MS = 10 * 60_000;

/**
 * Says when a daily backup is owed (PRODUCT.md §5.1): at start, when the last good backup is older
 * than the latest scheduled time (the PC was off then), and at each scheduled time. One "due" per
 * scheduled time: re-arming after a settings change or a failed backup does not say it again; a
 * new page (`start`) is told again, since the old page's listener went with it.
 */
export const createBackupScheduler = (deps: {
  clock: Clock;
  timers: Timers;
  timeZone: string;
  dailyTime: () => DailyTime;
  lastGoodAt: () => number | undefined;
  onDue: () => void;
}) => {
  let timer: unknown;
  let lastDueAt: number | undefined;
  let running = false;

  const owed = (since: number | undefined, now: number) =>
    backupSchedule({ now, lastGoodAt: since, dailyTime: deps.dailyTime(), timeZone: deps.timeZone })
      .dueNow;

  const check = () => {
    timer = undefined;
    if (!running) return;
    const now = deps.clock.now();
    // "Said since the latest scheduled time" is asked the way "backed up since" is.
    if (owed(deps.lastGoodAt(), now) && owed(lastDueAt, now)) {
      lastDueAt = now;
      deps.onDue();
    }
    const { nextAt } = backupSchedule({
      now,
      lastGoodAt: deps.lastGoodAt(),
      dailyTime: deps.dailyTime(),
      timeZone: deps.timeZone,
    });
    timer = deps.timers.setTimeout(check, Math.min(Math.max(nextAt - now, 0), LONGEST_WAIT_MS));
  };

  const rearm = () => {
    if (timer !== undefined) deps.timers.clearTimeout(timer);
    check();
  };

  return {
    /** At start and whenever a page has loaded (and subscribed). */
    start: () => {
      running = true;
      lastDueAt = undefined;
      rearm();
    },
    /** After the daily time changed or a backup finished. */
    rearm: () => {
      if (running) rearm();
    },
    stop: () => {
      running = false;
      if (timer !== undefined) deps.timers.clearTimeout(timer);
      timer = undefined;
    },
  };
};

export type BackupScheduler = ReturnType<typeof createBackupScheduler>;
