import { describe, expect, it } from 'vitest';
import { addWorkingDays, checkOverrides, isWorkingDay, workingCalendar } from './working-days';

describe('working days on the mainland calendar', () => {
  it('takes public holidays out and adjusted working weekends (调休) in', () => {
    // 2026: 元旦 1–3 Jan, Sunday 4 Jan worked; 春节 15–23 Feb, Saturdays 14 and 28 Feb worked.
    expect(isWorkingDay('2026-01-01')).toBe(false);
    expect(isWorkingDay('2026-01-04')).toBe(true);
    expect(isWorkingDay('2026-02-14')).toBe(true);
    expect(isWorkingDay('2026-02-16')).toBe(false);
    expect(isWorkingDay('2026-02-23')).toBe(false);
    expect(isWorkingDay('2026-02-24')).toBe(true);
    expect(isWorkingDay('2026-02-28')).toBe(true);
    // 国庆 1–7 Oct, Sunday 20 Sep and Saturday 10 Oct worked.
    expect(isWorkingDay('2026-09-20')).toBe(true);
    expect(isWorkingDay('2026-10-05')).toBe(false);
    expect(isWorkingDay('2026-10-10')).toBe(true);
    // An ordinary week.
    expect(
      ['2026-11-23', '2026-11-27', '2026-11-28', '2026-11-29'].map((d) => isWorkingDay(d)),
    ).toEqual([true, true, false, false]);
  });

  it('knows 2024 and 2025 too', () => {
    expect(isWorkingDay('2024-02-04')).toBe(true); // Sunday before 春节 2024
    expect(isWorkingDay('2024-02-12')).toBe(false);
    expect(isWorkingDay('2024-10-12')).toBe(true);
    expect(isWorkingDay('2025-01-26')).toBe(true); // Sunday, 春节 2025 调休
    expect(isWorkingDay('2025-01-28')).toBe(false);
    expect(isWorkingDay('2025-10-08')).toBe(false);
    expect(isWorkingDay('2025-10-11')).toBe(true);
  });

  it('counts from the day after, skipping holidays and taking worked weekends', () => {
    expect(addWorkingDays('2026-11-27', 1)).toBe('2026-11-30'); // Friday → Monday
    expect(addWorkingDays('2026-11-27', 3)).toBe('2026-12-02');
    expect(addWorkingDays('2026-11-28', 1)).toBe('2026-11-30'); // from a Saturday
    expect(addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 3)).toBe('2026-10-10'); // the worked Saturday counts
    expect(addWorkingDays('2026-09-30', 4)).toBe('2026-10-12');
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-14', 1)).toBe('2026-02-24'); // across the whole of 春节
    expect(addWorkingDays('2026-12-31', 1)).toBe('2027-01-01'); // 2027 not published: weekdays
    expect(addWorkingDays('2026-11-25', 0)).toBe('2026-11-25');
    expect(addWorkingDays('2026-10-08', -1)).toBe('2026-09-30');
  });

  it('refuses what is not a date or not a whole number of days', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => addWorkingDays('2026/11/25', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-11-25', 1.5)).toThrow(RangeError);
  });

  it("takes next year's schedule and local closures from the clinic's overrides", () => {
    const calendar = workingCalendar([
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2026-11-30', kind: 'holiday', name: '院庆停诊' },
      { date: '2026-11-29', kind: 'workday', name: '调休上班' },
    ]);
    expect(isWorkingDay('2027-01-01', calendar)).toBe(false);
    expect(isWorkingDay('2026-11-29', calendar)).toBe(true);
    expect(addWorkingDays('2026-11-27', 2, calendar)).toBe('2026-12-01');
    expect(addWorkingDays('2026-12-31', 1, calendar)).toBe('2027-01-04');
    // The published schedule is untouched.
    expect(isWorkingDay('2027-01-01')).toBe(true);
  });

  it('refuses an override table with a malformed row or a date twice', () => {
    expect(
      checkOverrides([
        { date: '2027-01-01', kind: 'holiday' },
        { date: '2027-13-01', kind: 'holiday' },
        { date: '2027-01-01', kind: 'workday' },
        { date: '2027-01-02', kind: 'day-off' },
      ]),
    ).toEqual([
      { problem: 'malformed', index: 1 },
      { problem: 'duplicate-date', date: '2027-01-01', index: 2 },
      { problem: 'malformed', index: 3 },
    ]);
    expect(() =>
      workingCalendar([
        { date: '2027-01-01', kind: 'holiday' },
        { date: '2027-01-01', kind: 'holiday' },
      ]),
    ).toThrow(RangeError);
  });
});
