import { dayNumber, type CalendarDate } from '../clock/calendar-date';

/** Characters of an ID or phone number left visible when it is masked: the tail people quote. */
const VISIBLE_TAIL = 4;

const maskAllButTail = (text: string): string =>
  text.length <= VISIBLE_TAIL
    ? text
    : '*'.repeat(text.length - VISIBLE_TAIL) + text.slice(-VISIBLE_TAIL);

/**
 * PIPL minimum access (PRODUCT.md §7.3): lists and screens show an ID number as its last four
 * characters only ("**************1234"); the whole number is shown on request.
 */
export const maskIdNumber = maskAllButTail;

/** A phone number as a list shows it: its last four digits (手机尾号) and nothing else. */
export const maskPhone = maskAllButTail;

/** Age in whole years on `on`; someone born on 29 February turns a year older on 1 March. */
export const ageOn = (birthDate: CalendarDate, on: CalendarDate): number => {
  if (dayNumber(on) < dayNumber(birthDate)) return 0;
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = on.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
};
