import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDateAt } from '../clock/calendar-date';
import {
  atLeastMinimum,
  backupsToKeep,
  belowMinimum,
  DEFAULT_ROTATION,
  MIN_ROTATION,
  NEW_KEY_BACKUP_DAYS,
  newKeyEstablished,
  type StoredBackup,
} from './rotation';

const DAY = 86_400_000;
const evening = (date: string) => Date.parse(`${date}T18:30:00+08:00`);
const OLD_KEY = 'old-key';
const NEW_KEY = 'new-key';

/** One verified backup each evening for `days` days from `first`, with `keyId`. */
const evenings = (first: string, days: number, keyId: string | undefined, tag = keyId) =>
  Array.from({ length: days }, (_, i): StoredBackup => ({
    name: `${tag}-${i}`,
    createdAt: evening(first) + i * DAY,
    verified: true,
    keyId,
  }));

describe('the minimum rotation', () => {
  it('refuses keeping fewer than 7 daily, 4 weekly and 3 monthly copies, and names which', () => {
    expect(MIN_ROTATION).toEqual({ daily: 7, weekly: 4, monthly: 3 });
    expect(belowMinimum({ daily: 1, weekly: 0, monthly: 0 })).toEqual([
      'daily',
      'weekly',
      'monthly',
    ]);
    expect(belowMinimum({ daily: 7, weekly: 3, monthly: 12 })).toEqual(['weekly']);
    expect(belowMinimum(MIN_ROTATION)).toEqual([]);
    expect(belowMinimum(DEFAULT_ROTATION)).toEqual([]);
  });

  it('reads a setting saved before the minimum existed as the minimum', () => {
    expect(atLeastMinimum({ daily: 1, weekly: 0, monthly: 24 })).toEqual({
      daily: 7,
      weekly: 4,
      monthly: 24,
    });
  });

  it('keeps a week of dailies even when a stored policy says 1/0/0', () => {
    const backups = evenings('2026-11-01', 20, OLD_KEY);
    const keep = backupsToKeep(
      backups,
      { daily: 1, weekly: 0, monthly: 0 },
      {
        currentKeyId: OLD_KEY,
      },
    );
    for (const backup of backups.slice(-7)) expect(keep.has(backup.name)).toBe(true);
    expect(keep.size).toBeGreaterThanOrEqual(7);
  });
});

describe('a new backup key does not rotate out the backups made with the old one', () => {
  const old = evenings('2026-09-01', 82, OLD_KEY);

  it('one junk backup with a new passphrase and a 1/0/0 policy deletes nothing made before', () => {
    const junk = evenings('2026-11-22', 1, NEW_KEY);
    const keep = backupsToKeep(
      [...old, ...junk],
      { daily: 1, weekly: 0, monthly: 0 },
      {
        currentKeyId: NEW_KEY,
      },
    );
    expect(keep.size).toBe(old.length + 1);
  });

  it('keeps every old-key backup while the new key has verified backups on fewer than 3 days', () => {
    // Three backups with the new key on one day are still one day.
    const sameDay = [0, 1, 2].map((i): StoredBackup => ({
      name: `new-${i}`,
      createdAt: evening('2026-11-22') + i * 60_000,
      verified: true,
      keyId: NEW_KEY,
    }));
    const twoDays = evenings('2026-11-22', 2, NEW_KEY);
    for (const fresh of [sameDay, twoDays]) {
      const keep = backupsToKeep([...old, ...fresh], DEFAULT_ROTATION, { currentKeyId: NEW_KEY });
      for (const backup of old) expect(keep.has(backup.name)).toBe(true);
    }
  });

  it('failed backups with the new key do not count', () => {
    const failed = evenings('2026-11-22', 5, NEW_KEY).map((b) => ({ ...b, verified: false }));
    expect(newKeyEstablished([...old, ...failed], { currentKeyId: NEW_KEY })).toBe(false);
  });

  it('once the new key has verified backups on 3 days, the old ones rotate as usual', () => {
    const fresh = evenings('2026-11-22', NEW_KEY_BACKUP_DAYS, NEW_KEY);
    const keep = backupsToKeep([...old, ...fresh], DEFAULT_ROTATION, { currentKeyId: NEW_KEY });
    expect(keep.size).toBeLessThan(old.length);
    // 7 days kept: the 3 new evenings and the last 4 old ones.
    for (const backup of [...fresh, ...old.slice(-4)]) expect(keep.has(backup.name)).toBe(true);
    expect(keep.has(old[0]!.name)).toBe(false);
  });

  it('a backup whose key cannot be told counts as made with an earlier key', () => {
    const unknown = evenings('2026-09-01', 30, undefined, 'unknown');
    const fresh = evenings('2026-11-22', 1, NEW_KEY);
    const keep = backupsToKeep([...unknown, ...fresh], DEFAULT_ROTATION, {
      currentKeyId: NEW_KEY,
    });
    for (const backup of unknown) expect(keep.has(backup.name)).toBe(true);
  });

  it('counts days on the clinic clock: 23:30 and 00:30 Beijing time are two days', () => {
    const late = (iso: string): StoredBackup => ({
      name: iso,
      createdAt: Date.parse(iso),
      verified: true,
      keyId: NEW_KEY,
    });
    const backups = [
      late('2026-11-22T23:30:00+08:00'),
      late('2026-11-23T00:30:00+08:00'),
      late('2026-11-24T12:00:00+08:00'),
    ];
    expect(new Set(backups.map((b) => calendarDateAt(b.createdAt))).size).toBe(3);
    expect(newKeyEstablished(backups, { currentKeyId: NEW_KEY })).toBe(true);
  });
});

describe('rotation, whatever the backups and the policy', () => {
  const backupArb = fc.record({
    createdAt: fc.integer({ min: evening('2026-01-01'), max: evening('2026-12-31') }),
    verified: fc.boolean(),
    keyId: fc.constantFrom<string | undefined>(OLD_KEY, NEW_KEY, 'third-key', undefined),
  });
  const backupsArb = fc
    .array(backupArb, { maxLength: 60 })
    .map((list) => list.map((b, i): StoredBackup => ({ ...b, name: `b${i}` })));
  const policyArb = fc.record({
    daily: fc.integer({ min: 0, max: 60 }),
    weekly: fc.integer({ min: 0, max: 52 }),
    monthly: fc.integer({ min: 0, max: 120 }),
  });
  const keyArb = fc.constantFrom<string | undefined>(OLD_KEY, NEW_KEY, undefined);

  it('keeps only verified backups, and always the newest of them', () => {
    fc.assert(
      fc.property(backupsArb, policyArb, keyArb, (backups, policy, currentKeyId) => {
        const keep = backupsToKeep(backups, policy, { currentKeyId });
        const verified = backups.filter((b) => b.verified);
        for (const name of keep) expect(verified.map((b) => b.name)).toContain(name);
        const newest = verified.reduce<StoredBackup | undefined>(
          (a, b) => (a && a.createdAt >= b.createdAt ? a : b),
          undefined,
        );
        if (newest) expect(keep.has(newest.name)).toBe(true);
      }),
    );
  });

  it('never lets go of an earlier key until the current one is established', () => {
    fc.assert(
      fc.property(backupsArb, policyArb, keyArb, (backups, policy, currentKeyId) => {
        const keep = backupsToKeep(backups, policy, { currentKeyId });
        if (newKeyEstablished(backups, { currentKeyId })) return;
        for (const b of backups)
          if (b.verified && b.keyId !== currentKeyId) expect(keep.has(b.name)).toBe(true);
      }),
    );
  });

  it('keeps the newest backup of each of the last 7 days that have one, whatever the policy', () => {
    fc.assert(
      fc.property(backupsArb, policyArb, keyArb, (backups, policy, currentKeyId) => {
        const keep = backupsToKeep(backups, policy, { currentKeyId });
        const newestOfDay = new Map<string, StoredBackup>();
        for (const b of backups.filter((x) => x.verified)) {
          const day = calendarDateAt(b.createdAt);
          const held = newestOfDay.get(day);
          if (!held || b.createdAt > held.createdAt) newestOfDay.set(day, b);
        }
        const lastDays = [...newestOfDay.keys()].sort().reverse().slice(0, MIN_ROTATION.daily);
        for (const day of lastDays) {
          // Two backups in the same millisecond: either may be the one kept.
          const tied = backups.filter(
            (b) => b.verified && b.createdAt === newestOfDay.get(day)!.createdAt,
          );
          expect(tied.some((b) => keep.has(b.name))).toBe(true);
        }
      }),
    );
  });

  it('asking to keep more never keeps less', () => {
    fc.assert(
      fc.property(backupsArb, policyArb, policyArb, keyArb, (backups, a, b, currentKeyId) => {
        const larger = {
          daily: Math.max(a.daily, b.daily),
          weekly: Math.max(a.weekly, b.weekly),
          monthly: Math.max(a.monthly, b.monthly),
        };
        const fewer = backupsToKeep(backups, a, { currentKeyId });
        const more = backupsToKeep(backups, larger, { currentKeyId });
        for (const name of fewer) expect(more.has(name)).toBe(true);
      }),
    );
  });
});
