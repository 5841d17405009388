import { describe, expect, it } from 'vitest';
import { backupsToKeep, DEFAULT_ROTATION, type StoredBackup } from './rotation';
import { backupOverdue, backupSchedule } from './schedule';

const at = (iso: string) => Date.parse(iso);
const KEY = 'key-a';

describe('when the daily backup runs', () => {
  const daily = '18:30';

  it('is owed at 18:30 Beijing time once today has no backup since then', () => {
    const lastGoodAt = at('2026-11-21T18:31:00+08:00');
    expect(
      backupSchedule({ now: at('2026-11-22T18:29:00+08:00'), lastGoodAt, dailyTime: daily }),
    ).toEqual({
      dueNow: false,
      nextAt: at('2026-11-22T18:30:00+08:00'),
    });
    expect(
      backupSchedule({ now: at('2026-11-22T18:30:00+08:00'), lastGoodAt, dailyTime: daily }).dueNow,
    ).toBe(true);
  });

  it('catches up at the next start when the PC was off at 18:30, once for all missed days', () => {
    const lastGoodAt = at('2026-11-18T18:30:05+08:00');
    const morning = backupSchedule({
      now: at('2026-11-22T08:05:00+08:00'),
      lastGoodAt,
      dailyTime: daily,
    });
    expect(morning).toEqual({ dueNow: true, nextAt: at('2026-11-22T18:30:00+08:00') });
    const justMade = at('2026-11-22T08:06:00+08:00');
    expect(
      backupSchedule({ now: justMade + 60_000, lastGoodAt: justMade, dailyTime: daily }).dueNow,
    ).toBe(false);
  });

  it('is owed at once on a PC that has never made one', () => {
    expect(
      backupSchedule({
        now: at('2026-11-22T09:00:00+08:00'),
        lastGoodAt: undefined,
        dailyTime: daily,
      }).dueNow,
    ).toBe(true);
  });

  it('follows the clinic clock whatever zone the PC is in', () => {
    // 18:30 in Beijing is 10:30 UTC
    expect(
      backupSchedule({
        now: at('2026-11-22T10:29:59Z'),
        lastGoodAt: at('2026-11-21T12:00:00Z'),
        dailyTime: daily,
      }).nextAt,
    ).toBe(at('2026-11-22T10:30:00Z'));
  });
});

describe('the red banner', () => {
  it('shows once the last good backup is more than 26 hours old, or there is none', () => {
    const last = at('2026-11-21T18:30:00+08:00');
    expect(backupOverdue(last, last + 26 * 3600_000)).toBe(false);
    expect(backupOverdue(last, last + 26 * 3600_000 + 1)).toBe(true);
    expect(backupOverdue(undefined, last)).toBe(true);
  });
});

describe('rotation over a year of daily backups', () => {
  /** A year of backups at 18:30, the PC off on Sundays, and one failed backup a month. */
  const simulate = () => {
    let kept: StoredBackup[] = [];
    const start = at('2026-01-01T18:30:00+08:00');
    for (let day = 0; day < 365; day++) {
      const createdAt = start + day * 86_400_000;
      if (new Date(createdAt).getUTCDay() === 0) continue;
      const verified = day % 30 !== 29;
      kept.push({ name: `b${day}`, createdAt, verified, keyId: KEY });
      const keep = backupsToKeep(kept, DEFAULT_ROTATION, { currentKeyId: KEY });
      kept = kept.filter((b) => keep.has(b.name) || !b.verified);
    }
    return kept.filter((b) => b.verified);
  };

  it('keeps at most 7 daily, 5 weekly and 12 monthly copies (24 files), never fewer than needed', () => {
    const kept = simulate();
    expect(kept.length).toBeLessThanOrEqual(24);
    expect(kept.length).toBeGreaterThanOrEqual(12 + 5 - 2);
    const months = new Set(
      kept.map((b) => new Date(b.createdAt + 8 * 3600_000).toISOString().slice(0, 7)),
    );
    expect(months.size).toBe(12);
  });

  it('keeps the newest verified backup, and never a failed one', () => {
    const backups = [
      { name: 'old', createdAt: at('2026-01-01T10:00:00Z'), verified: true, keyId: KEY },
      { name: 'failed', createdAt: at('2026-01-02T10:00:00Z'), verified: false, keyId: KEY },
    ];
    expect([...backupsToKeep(backups, DEFAULT_ROTATION, { currentKeyId: KEY })]).toEqual(['old']);
  });

  it('keeps the newest of each day, not the first', () => {
    const backups = [
      { name: 'morning', createdAt: at('2026-03-02T09:00:00+08:00'), verified: true, keyId: KEY },
      { name: 'evening', createdAt: at('2026-03-02T18:30:00+08:00'), verified: true, keyId: KEY },
    ];
    expect(backupsToKeep(backups, DEFAULT_ROTATION, { currentKeyId: KEY })).toEqual(
      new Set(['evening']),
    );
  });
});
