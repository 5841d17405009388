import {
  calendarDateAt,
  DEFAULT_TIME_ZONE,
  isCalendarDate,
  type CalendarDate,
} from '../clock/calendar-date';
import { addWorkingDays, type WorkingCalendar } from '../calendar/working-days';

/**
 * A complaint's deadlines (PRODUCT.md §4.2), fixed when it is saved: first contact within 24
 * hours of receipt; resolution within N working days counted from the day after receipt, due at
 * the end of that working day in the clinic's time zone (Asia/Shanghai). A PC set to another zone
 * counts the same days: receipt is read as an instant and placed on the clinic's calendar.
 */

/** An instant with its offset, as the desk records it: `2026-11-25T16:30:00+08:00` or `…Z`. */
const INSTANT_WITH_OFFSET =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;

const FIRST_CONTACT_MS = 24 * 3600_000;

/** Whether `text` is an instant written with its offset, on a real calendar date. */
export const isInstantWithOffset = (text: unknown): text is string => {
  const match = typeof text === 'string' ? INSTANT_WITH_OFFSET.exec(text) : null;
  return !!match && isCalendarDate(match[1]!) && !Number.isNaN(Date.parse(text as string));
};

/** The receipt instant (ms), or a RangeError naming what is wrong with the text. */
const receiptMs = (receivedAt: string): number => {
  const match = typeof receivedAt === 'string' ? INSTANT_WITH_OFFSET.exec(receivedAt) : null;
  // Date.parse would roll 30 February over into March: the date must be a real one.
  if (!match || !isCalendarDate(match[1]!))
    throw new RangeError(`receivedAt must be an ISO time with its offset, got ${receivedAt}`);
  const ms = Date.parse(receivedAt);
  if (Number.isNaN(ms)) throw new RangeError(`receivedAt is not a real time: ${receivedAt}`);
  return ms;
};

/**
 * The day a complaint received at `receivedAt` must be resolved by: the `workingDays`th working
 * day after the day of receipt in Asia/Shanghai ('YYYY-MM-DD'; due at that day's end). A complaint
 * received on Friday 2026-11-27 with 3 working days is due on Wednesday 2026-12-02; one received
 * on 2026-09-30 with 3 is due on 2026-10-10 (the National Day holiday is not counted, the
 * adjusted working Saturday 2026-10-10 is).
 */
export const resolveDueDate = (
  receivedAt: string,
  workingDays: number,
  calendar?: WorkingCalendar,
): CalendarDate => {
  if (!Number.isSafeInteger(workingDays) || workingDays < 1)
    throw new RangeError(`a resolution takes at least 1 working day, got ${workingDays}`);
  const day = calendarDateAt(receiptMs(receivedAt), DEFAULT_TIME_ZONE);
  return addWorkingDays(day, workingDays, calendar);
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * When the complainant must first be contacted: 24 hours after receipt, as an ISO time on the
 * clinic's clock (`+08:00`): `firstContactDue('2026-11-25T16:30:00+08:00')` is
 * `'2026-11-26T16:30:00+08:00'`.
 */
export const firstContactDue = (receivedAt: string): string => {
  const due = receiptMs(receivedAt) + FIRST_CONTACT_MS;
  // Asia/Shanghai is UTC+8 all year (no daylight saving since 1991).
  const wall = new Date(due + 8 * 3600_000);
  const ms = wall.getUTCMilliseconds();
  return (
    `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
    `T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}` +
    `${ms ? `.${pad(ms, 3)}` : ''}+08:00`
  );
};
