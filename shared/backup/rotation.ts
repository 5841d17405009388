import { calendarDateAt, dayNumber, DEFAULT_TIME_ZONE } from '../clock/calendar-date';

export type RotationPolicy = { daily: number; weekly: number; monthly: number };
export const DEFAULT_ROTATION: RotationPolicy = { daily: 7, weekly: 5, monthly: 12 };

export type StoredBackup = { name: string; createdAt: number; verified: boolean };

/** Monday-based week number since the epoch (1970-01-05 was a Monday). */
const weekOf = (date: string) => Math.floor((dayNumber(date) - 4) / 7);

/**
 * Which backups to keep (PRODUCT.md §5.4): the newest verified backup of each of the last
 * `daily` days, `weekly` weeks and `monthly` months that have one, and always the newest
 * verified backup, whatever the policy says. A backup that failed verification is never what
 * is kept for a period; the caller decides when to delete it.
 */
export const backupsToKeep = (
  backups: readonly StoredBackup[],
  policy: RotationPolicy,
  timeZone = DEFAULT_TIME_ZONE,
): Set<string> => {
  const verified = backups.filter((b) => b.verified).sort((a, b) => b.createdAt - a.createdAt);
  const keep = new Set<string>();
  if (verified[0]) keep.add(verified[0].name);
  const periods: [number, (date: string) => string | number][] = [
    [policy.daily, (date) => date],
    [policy.weekly, weekOf],
    [policy.monthly, (date) => date.slice(0, 7)],
  ];
  for (const [count, periodOf] of periods) {
    const seen = new Set<string | number>();
    for (const backup of verified) {
      if (seen.size >= count) break;
      const period = periodOf(calendarDateAt(backup.createdAt, timeZone));
      if (seen.has(period)) continue;
      seen.add(period);
      keep.add(backup.name);
    }
  }
  return keep;
};
