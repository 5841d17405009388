import { calendarDateAt, dayNumber, DEFAULT_TIME_ZONE } from '../clock/calendar-date';

export type RotationPolicy = { daily: number; weekly: number; monthly: number };
export const DEFAULT_ROTATION: RotationPolicy = { daily: 7, weekly: 5, monthly: 12 };

/**
 * The fewest copies a clinic may keep (hardening item 12): a week of dailies, a month of weeklies
 * and a quarter of monthlies. Damage noticed a few days late, or a bad backup written over and
 * over, still leaves a good copy from before it. The form, the repository and every host refuse
 * less, and the rotation never keeps less, whatever a stored setting says.
 */
export const MIN_ROTATION: RotationPolicy = { daily: 7, weekly: 4, monthly: 3 };

/**
 * After the backup key changes, backups made with an earlier key are kept until verified backups
 * with the current key exist on this many different days: a new passphrase (or a junk backup
 * written with one) cannot rotate out the backups the owner can still open.
 */
export const NEW_KEY_BACKUP_DAYS = 3;

export const ROTATION_PERIODS = ['daily', 'weekly', 'monthly'] as const;
export type RotationPeriod = (typeof ROTATION_PERIODS)[number];

/** The periods a policy keeps fewer copies of than MIN_ROTATION; empty when it is allowed. */
export const belowMinimum = (policy: RotationPolicy): RotationPeriod[] =>
  ROTATION_PERIODS.filter((period) => policy[period] < MIN_ROTATION[period]);

/** A policy raised to the minimum where it asks for less: how a setting from before it is read. */
export const atLeastMinimum = (policy: RotationPolicy): RotationPolicy => ({
  daily: Math.max(policy.daily, MIN_ROTATION.daily),
  weekly: Math.max(policy.weekly, MIN_ROTATION.weekly),
  monthly: Math.max(policy.monthly, MIN_ROTATION.monthly),
});

/**
 * A backup in a folder. `keyId` names the key it was sealed with (its header's key check, see
 * keyIdOf in ./backup-key.ts); undefined when it cannot be told, which counts as an earlier key.
 */
export type StoredBackup = {
  name: string;
  createdAt: number;
  verified: boolean;
  keyId: string | undefined;
};

export type RotationOptions = {
  /** The key new backups are sealed with now; undefined when none is set. */
  currentKeyId: string | undefined;
  timeZone?: string;
};

/** Monday-based week number since the epoch (1970-01-05 was a Monday). */
const weekOf = (date: string) => Math.floor((dayNumber(date) - 4) / 7);

/** Whether verified backups with the current key exist on NEW_KEY_BACKUP_DAYS different days. */
export const newKeyEstablished = (
  backups: readonly StoredBackup[],
  options: RotationOptions,
): boolean => {
  if (options.currentKeyId === undefined) return false;
  const zone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const days = new Set(
    backups
      .filter((b) => b.verified && b.keyId === options.currentKeyId)
      .map((b) => calendarDateAt(b.createdAt, zone)),
  );
  return days.size >= NEW_KEY_BACKUP_DAYS;
};

/**
 * Which backups to keep (PRODUCT.md §5.4): the newest verified backup of each of the last
 * `daily` days, `weekly` weeks and `monthly` months that have one (never fewer than
 * MIN_ROTATION), and always the newest verified backup, whatever the policy says. Until the
 * current key is established (newKeyEstablished), every verified backup made with another key is
 * kept too. A backup that failed verification is never what is kept for a period; the caller
 * decides when to delete it.
 */
export const backupsToKeep = (
  backups: readonly StoredBackup[],
  policy: RotationPolicy,
  options: RotationOptions,
): Set<string> => {
  const zone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const effective = atLeastMinimum(policy);
  const verified = backups.filter((b) => b.verified).sort((a, b) => b.createdAt - a.createdAt);
  const keep = new Set<string>();
  if (verified[0]) keep.add(verified[0].name);
  const periods: [number, (date: string) => string | number][] = [
    [effective.daily, (date) => date],
    [effective.weekly, weekOf],
    [effective.monthly, (date) => date.slice(0, 7)],
  ];
  for (const [count, periodOf] of periods) {
    const seen = new Set<string | number>();
    for (const backup of verified) {
      if (seen.size >= count) break;
      const period = periodOf(calendarDateAt(backup.createdAt, zone));
      if (seen.has(period)) continue;
      seen.add(period);
      keep.add(backup.name);
    }
  }
  if (!newKeyEstablished(verified, options))
    for (const backup of verified)
      if (backup.keyId === undefined || backup.keyId !== options.currentKeyId)
        keep.add(backup.name);
  return keep;
};
