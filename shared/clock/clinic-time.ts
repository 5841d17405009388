import { addDays, DEFAULT_TIME_ZONE, wallClockParts, type CalendarDate } from './calendar-date';

// Until the clinic settings carry a time zone, every clinic runs on the default (Asia/Shanghai).

/** How far the zone's wall clock is ahead of UTC at that instant (negative west of Greenwich). */
const zoneOffsetMs = (epochMs: number, timeZone: string): number => {
  const p = wallClockParts(epochMs, timeZone);
  const wallAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wallAsUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000));
};

/** The instant a calendar day begins in the clinic (checked twice so a DST change that day is honoured). */
export const startOfClinicDay = (date: CalendarDate, timeZone = DEFAULT_TIME_ZONE): number => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const midnightAsUtc = Date.UTC(year, month - 1, day);
  const guess = midnightAsUtc - zoneOffsetMs(midnightAsUtc, timeZone);
  return midnightAsUtc - zoneOffsetMs(guess, timeZone);
};

/** The last millisecond of a calendar day in the clinic. */
export const endOfClinicDay = (date: CalendarDate, timeZone = DEFAULT_TIME_ZONE): number =>
  startOfClinicDay(addDays(date, 1), timeZone) - 1;

const pad = (n: number) => String(n).padStart(2, '0');

/** "YYYY-MM-DD HH:mm:ss" on the clinic's wall clock, whatever zone this PC is set to. */
export const formatClinicTime = (iso: string, timeZone = DEFAULT_TIME_ZONE): string => {
  const p = wallClockParts(Date.parse(iso), timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
};
