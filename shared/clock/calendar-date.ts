import { z } from 'zod';
import type { Clock } from './clock';

/**
 * A date without a time, as people write it on forms: "YYYY-MM-DD". Birth dates and visit days
 * are calendar dates, not instants: a birth date must not shift by a day when a PC's time zone
 * is set wrong, so they are never stored as timestamps.
 */
export type CalendarDate = string;

/** The clinic's time zone when none is configured (docs/architecture.md, "Identity, time, money"). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export const isRealDate = (year: number, month: number, day: number): boolean => {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  // Date.UTC rolls 2月30日 over into March; a real date survives the round trip.
  const probe = new Date(Date.UTC(year, month - 1, day));
  return (
    probe.getUTCFullYear() === year &&
    probe.getUTCMonth() === month - 1 &&
    probe.getUTCDate() === day
  );
};

export const isCalendarDate = (text: string): boolean => {
  const match = DATE_PATTERN.exec(text);
  return match !== null && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
};

export const calendarDateSchema = z.string().refine(isCalendarDate, 'calendar-date');

/** "YYYY-MM-DD" from year, month (1–12) and day. */
export const formatCalendarDate = (year: number, month: number, day: number): CalendarDate =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** Days since 1970-01-01: makes date arithmetic integer arithmetic. */
export const dayNumber = (date: CalendarDate): number => {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`not a calendar date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
};

/**
 * The inverse of `dayNumber`, by integer arithmetic (H. Hinnant's civil_from_days): several times
 * faster than formatting a Date, which matters when a generator writes a million birth dates.
 */
export const fromDayNumber = (days: number): CalendarDate => {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return formatCalendarDate(yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day);
};

export const addDays = (date: CalendarDate, days: number): CalendarDate =>
  fromDayNumber(dayNumber(date) + days);

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock reading of an instant in a time zone (the clinic's, by default). */
export const wallClockParts = (epochMs: number, timeZone = DEFAULT_TIME_ZONE) => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23', // without it some engines print midnight as "24"
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(
    formatter.formatToParts(epochMs).map((part) => [part.type, part.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
};

/** The calendar date of an instant as seen in a time zone (the clinic's, by default). */
export const calendarDateAt = (epochMs: number, timeZone = DEFAULT_TIME_ZONE): CalendarDate => {
  const { year, month, day } = wallClockParts(epochMs, timeZone);
  return formatCalendarDate(year, month, day);
};

/** Today in the clinic, from the injected clock: tests pin it, nothing reads the wall clock directly. */
export const today = (clock: Clock, timeZone = DEFAULT_TIME_ZONE): CalendarDate =>
  calendarDateAt(clock.now(), timeZone);
