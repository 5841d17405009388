import {
  formatCalendarDate,
  fromDayNumber,
  isRealDate,
  type CalendarDate,
} from '../clock/calendar-date';
import { parseYuan } from '../money';
import { MAX_PRICE_FEN, RATIO_SCALE } from './catalogue';

/** One cell read as what its column holds, or why it cannot be. */
export type CellResult<T, P extends string> = { ok: true; value: T } | { ok: false; problem: P };

const ok = <T>(value: T) => ({ ok: true, value }) as const;
const fail = <P extends string>(problem: P) => ({ ok: false, problem }) as const;

export type PriceProblem = 'price-format' | 'price-decimals' | 'price-negative' | 'price-too-high';

/**
 * A price in yuan to fen, by string arithmetic (never through a float). Accepts what Excel and
 * people write around the number ("¥12.50", "12.50元", "1,234.50"). Zeros after the second
 * decimal are exact and accepted ("12.500"); any other third decimal is a typo, not a rounding.
 */
export const parsePrice = (text: string): CellResult<number, PriceProblem> => {
  let plain = text.normalize('NFKC').replace(/\s/g, '').replace(/^¥/, '').replace(/元$/, '');
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(plain)) plain = plain.replace(/,/g, '');
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(plain);
  if (!match) return fail('price-format');
  const [, minus, whole = '', rawDecimals = ''] = match;
  const decimals = rawDecimals.replace(/0+$/, '');
  if (decimals.length > 2) return fail('price-decimals');
  if (minus && /[1-9]/.test(whole + decimals)) return fail('price-negative');
  const digits = whole.replace(/^0+(?=\d)/, '');
  if (digits.length > 12) return fail('price-too-high');
  const amount = parseYuan(decimals ? `${digits}.${decimals}` : digits)!;
  return amount > MAX_PRICE_FEN ? fail('price-too-high') : ok(amount);
};

export type RatioProblem = 'ratio-format' | 'ratio-range';

/**
 * A self-pay ratio to basis points: "10", "10%", "7.5 %" (percent), or a bare fraction below 1
 * ("0.1" = 10 %), which is how Excel stores a cell formatted as a percentage. Empty is undefined.
 */
export const parseRatio = (text: string): CellResult<number | undefined, RatioProblem> => {
  const plain = text.normalize('NFKC').replace(/\s/g, '');
  if (plain === '') return ok(undefined);
  const percent = plain.endsWith('%');
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(percent ? plain.slice(0, -1) : plain);
  if (!match) return fail('ratio-format');
  const [, minus, whole = '', rawDecimals = ''] = match;
  const decimals = rawDecimals.replace(/0+$/, '');
  if (minus && /[1-9]/.test(whole + decimals)) return fail('ratio-range');
  const fraction = !percent && Number(whole) === 0 && decimals !== '';
  // Basis points: 1 % = 100 bp, so a percentage keeps 2 decimals and a fraction 4.
  const places = fraction ? 4 : 2;
  if (decimals.length > places) return fail('ratio-format');
  if (whole.replace(/^0+/, '').length > 5) return fail('ratio-range');
  const points = Number(whole) * 10 ** places + Number(decimals.padEnd(places, '0') || '0');
  return points > RATIO_SCALE ? fail('ratio-range') : ok(points);
};

/** Excel counts days from 1899-12-30 (its 1900 leap-year bug included); 25569 is 1970-01-01. */
const EXCEL_EPOCH_DAY = 25_569;

/**
 * A date as clinics write it: 2026-01-01, 2026/1/1, 2026.1.1, 2026年1月1日, 20260101, an ISO
 * timestamp, or an Excel day number (a date cell saved without its date format).
 */
export const parseDate = (text: string): CalendarDate | undefined => {
  const plain = text.normalize('NFKC').trim();
  const parts =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T\s].*)?$/.exec(plain) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(plain);
  if (parts) {
    const [year, month, day] = parts.slice(1, 4).map(Number) as [number, number, number];
    return isRealDate(year, month, day) ? formatCalendarDate(year, month, day) : undefined;
  }
  if (/^\d{5}$/.test(plain)) return fromDayNumber(Number(plain) - EXCEL_EPOCH_DAY);
  return undefined;
};
