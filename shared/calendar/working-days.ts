import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { checkOverrides, type CalendarOverride } from './overrides';
import {
  dayNumber,
  fromDayNumber,
  isCalendarDate,
  type CalendarDate,
} from '../clock/calendar-date';

/**
 * Working days on the mainland calendar: Monday to Friday, minus the public holidays, plus the
 * adjusted working weekends (调休) — 2026-02-14, a Saturday, is a working day; 2026-10-05, a
 * Monday, is not. The State Council's schedule for 2004–2026 comes from `chinese-days` (a
 * maintained package whose data follows each year's notice); next year's, published each
 * November, and a clinic's local rules come as overrides (Settings).
 */

export {
  calendarOverrideSchema,
  checkOverrides,
  type CalendarOverride,
  type OverrideProblem,
} from './overrides';

/** The schedule working days are counted on: the published one with the clinic's overrides. */
export type WorkingCalendar = {
  isWorkingDay(date: CalendarDate): boolean;
  /** The last year the published schedule covers; later years are weekdays only, unless overridden. */
  publishedThrough: number;
};

const PUBLISHED = chineseDays as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

const lastPublishedYear = Math.max(
  ...Object.keys(PUBLISHED.holidays).map((date) => Number(date.slice(0, 4))),
);

const weekday = (date: CalendarDate): number => (((dayNumber(date) + 4) % 7) + 7) % 7; // 0 = Sunday

const published = (date: CalendarDate): boolean => {
  if (Object.hasOwn(PUBLISHED.workdays, date)) return true;
  if (Object.hasOwn(PUBLISHED.holidays, date)) return false;
  const day = weekday(date);
  return day !== 0 && day !== 6;
};

/** The published schedule with `overrides` on top (checked: see `checkOverrides`). */
export const workingCalendar = (overrides: readonly CalendarOverride[] = []): WorkingCalendar => {
  const problems = checkOverrides(overrides);
  if (problems.length > 0)
    throw new RangeError(`calendar overrides refused: ${JSON.stringify(problems[0])}`);
  const byDate = new Map(overrides.map((o) => [o.date, o.kind === 'workday']));
  return {
    isWorkingDay: (date) => {
      if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${date}`);
      return byDate.get(date) ?? published(date);
    },
    publishedThrough: lastPublishedYear,
  };
};

const PUBLISHED_CALENDAR = workingCalendar();

/** Whether `date` ('YYYY-MM-DD') is a working day on the mainland calendar (or `calendar`). */
export const isWorkingDay = (
  date: CalendarDate,
  calendar: WorkingCalendar = PUBLISHED_CALENDAR,
): boolean => calendar.isWorkingDay(date);

/**
 * The `n`th working day after `date` (`date` itself not counted, whether or not it is one):
 * `addWorkingDays('2026-09-30', 1)` is 2026-10-08, the first after the National Day holiday.
 * A negative `n` counts back the same way; 0 gives `date` unchanged.
 */
export const addWorkingDays = (
  date: CalendarDate,
  n: number,
  calendar: WorkingCalendar = PUBLISHED_CALENDAR,
): CalendarDate => {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  if (!Number.isSafeInteger(n)) throw new RangeError(`working days must be a whole number: ${n}`);
  const step = n < 0 ? -1 : 1;
  let day = dayNumber(date);
  for (let left = Math.abs(n); left > 0;) {
    day += step;
    if (calendar.isWorkingDay(fromDayNumber(day))) left -= 1;
  }
  return fromDayNumber(day);
};
