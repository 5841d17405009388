import { describe, expect, it } from 'vitest';
import {
  addDays,
  calendarDateAt,
  dayNumber,
  fromDayNumber,
  isCalendarDate,
  today,
} from './calendar-date';
import { manualClock } from './clock';

describe('calendar dates', () => {
  it('knows which dates exist', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-1')).toBe(false);
  });

  it('counts days across month and leap-year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(fromDayNumber(dayNumber('1949-10-01'))).toBe('1949-10-01');
  });

  it('today is the clinic’s date: 01:30 in Beijing is still the previous day in UTC', () => {
    expect(today(manualClock('2026-11-21T17:30:00Z'))).toBe('2026-11-22');
    expect(calendarDateAt(Date.parse('2026-11-21T17:30:00Z'), 'UTC')).toBe('2026-11-21');
  });
});

describe('day numbers', () => {
  it('round-trip every day from 1850 to 2100 and agree with the JavaScript calendar', () => {
    for (let day = dayNumber('1850-01-01'); day <= dayNumber('2100-12-31'); day++) {
      const date = fromDayNumber(day);
      if (
        dayNumber(date) !== day ||
        date !== new Date(day * 86_400_000).toISOString().slice(0, 10)
      ) {
        expect.fail(`day ${day} became ${date}`);
      }
    }
  });
});
