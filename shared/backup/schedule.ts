import { addDays, calendarDateAt, DEFAULT_TIME_ZONE } from '../clock/calendar-date';
import { startOfClinicDay } from '../clock/clinic-time';

/** "HH:mm" on the clinic's wall clock. The owner's default: after the last patient (PRODUCT.md §5.1). */
export type DailyTime = string;
export const DEFAULT_BACKUP_TIME: DailyTime = '18:30';
export const isDailyTime = (text: string): boolean => /^([01]\d|2[0-3]):[0-5]\d$/.test(text);

/** A last good backup older than this makes every screen show the red banner (PRODUCT.md §5.5). */
export const OVERDUE_AFTER_MS = 26 * 60 * 60 * 1000;

const slotOn = (date: string, time: DailyTime, timeZone: string): number => {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return startOfClinicDay(date, timeZone) + (h * 60 + m) * 60_000;
};

export type BackupSchedule = {
  /** A backup is owed now: the latest scheduled time has passed since the last good backup. */
  dueNow: boolean;
  /** The next scheduled time after now (epoch ms). */
  nextAt: number;
};

/**
 * When to back up (PRODUCT.md §5.1): every day at the owner's time, and at the next start when the
 * PC was off at that time. One catch-up backup covers all the days missed, not one per day.
 */
export const backupSchedule = (input: {
  now: number;
  lastGoodAt: number | undefined;
  dailyTime: DailyTime;
  timeZone?: string;
}): BackupSchedule => {
  const zone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const today = calendarDateAt(input.now, zone);
  const todaySlot = slotOn(today, input.dailyTime, zone);
  const latestSlot =
    todaySlot <= input.now ? todaySlot : slotOn(addDays(today, -1), input.dailyTime, zone);
  const nextAt =
    todaySlot > input.now ? todaySlot : slotOn(addDays(today, 1), input.dailyTime, zone);
  return {
    dueNow: input.lastGoodAt === undefined || input.lastGoodAt < latestSlot,
    nextAt,
  };
};

/** Whether the red "no recent backup" banner shows. */
export const backupOverdue = (lastGoodAt: number | undefined, now: number): boolean =>
  lastGoodAt === undefined || now - lastGoodAt > OVERDUE_AFTER_MS;
