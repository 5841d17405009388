import { z } from 'zod';
import { systemClock, type Clock } from '../clock/clock';
import {
  formatCalendarDate,
  isRealDate,
  today as clinicToday,
  type CalendarDate,
} from '../clock/calendar-date';
import type { Sex } from './sex';

/**
 * The identity documents a clinic accepts at registration (PRODUCT.md §1.7): the mainland resident
 * ID card, the foreign permanent residence ID (永居证), the residence permit for Hong Kong, Macao
 * and Taiwan residents (港澳台居民居住证), passports, and the two mainland travel permits.
 */
export const idDocumentTypeSchema = z.enum([
  'resident',
  'foreign-permanent',
  'hmt-residence',
  'passport',
  'hk-macao-permit',
  'taiwan-permit',
]);
export type IdDocumentType = z.infer<typeof idDocumentTypeSchema>;

export type IdNumberProblem =
  | 'empty'
  | 'length'
  | 'characters'
  | 'date'
  | 'future-date'
  | 'check-character'
  | 'prefix'
  | 'format';

export type ParsedIdNumber = {
  ok: true;
  type: IdDocumentType;
  /** The form to store and compare: no spaces, upper case, 18 characters for a legacy 15-digit number. */
  normalized: string;
  birthDate?: CalendarDate;
  sex?: Sex;
};
export type IdNumberResult = ParsedIdNumber | { ok: false; reason: IdNumberProblem };

export type ParseIdNumberOptions = {
  /** The clinic's today, "YYYY-MM-DD": nobody registering at the desk was born after it. */
  today?: CalendarDate;
  /** Where today comes from when not given. */
  clock?: Clock;
};

// GB 11643-1999 §7: ISO 7064 MOD 11-2. The character at index i (0–16) weighs 2^(17−i) mod 11;
// the weighted sum mod 11 picks the check character from this table.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** The 18th character of an 18-character number whose first 17 characters are digits. */
export const residentCheckCharacter = (first17: string): string => {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError('the check character needs exactly 17 digits');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
};

/**
 * What people actually type: full-width digits from a Chinese IME, a lower-case x, spaces or a
 * full-width space (U+3000) around or between groups. NFKC folds the full-width forms to ASCII.
 */
const normalizeInput = (value: string): string =>
  value.normalize('NFKC').replace(/\s+/g, '').toUpperCase();

const fail = (reason: IdNumberProblem): IdNumberResult => ({ ok: false, reason });

/** GB 11643-1999's own worked example was born in 1880; earlier years are typos, not patients. */
const MIN_BIRTH_YEAR = 1850;

/** Birth date "YYYYMMDD" at `offset`, checked against the calendar and today. */
const readBirthDate = (
  text: string,
  offset: number,
  today: CalendarDate,
): { ok: true; birthDate: CalendarDate } | { ok: false; reason: 'date' | 'future-date' } => {
  const year = Number(text.slice(offset, offset + 4));
  const month = Number(text.slice(offset + 4, offset + 6));
  const day = Number(text.slice(offset + 6, offset + 8));
  if (year < MIN_BIRTH_YEAR || !isRealDate(year, month, day)) return { ok: false, reason: 'date' };
  const birthDate = formatCalendarDate(year, month, day);
  return birthDate > today ? { ok: false, reason: 'future-date' } : { ok: true, birthDate };
};

/**
 * The GB 11643 layout shared by the resident ID, the HMT residence permit and the 2023 permanent
 * residence ID: 17 digits (birth date in positions 7–14, sequence in 15–17) and a MOD 11-2 check.
 */
const parseGb11643 = (
  type: IdDocumentType,
  text: string,
  today: CalendarDate,
  withSex: boolean,
): IdNumberResult => {
  const date = readBirthDate(text, 6, today);
  if (!date.ok) return fail(date.reason);
  if (residentCheckCharacter(text.slice(0, 17)) !== text[17]) return fail('check-character');
  const parsed: ParsedIdNumber = { ok: true, type, normalized: text, birthDate: date.birthDate };
  // GB 11643-1999 §6.3: the sequence code's last digit (17th character) is odd for men, even for women.
  if (withSex) parsed.sex = Number(text[16]) % 2 === 1 ? 'male' : 'female';
  return parsed;
};

const parseResident = (text: string, today: CalendarDate): IdNumberResult => {
  if (text.length === 15) {
    if (!/^\d{15}$/.test(text)) return fail('characters');
    // GB 11643-1989 numbers (first-generation cards, issued until 1999) carry a two-digit year and no
    // check digit; the 1999 standard converts them by inserting "19" and appending the check character.
    const first17 = `${text.slice(0, 6)}19${text.slice(6)}`;
    return parseGb11643('resident', first17 + residentCheckCharacter(first17), today, true);
  }
  if (text.length !== 18) return fail('length');
  if (!/^\d{17}[\dX]$/.test(text)) return fail('characters');
  // The area code (positions 1–6) is not checked against GB/T 2260: codes are retired and renumbered,
  // and a person keeps the number issued under the old code for life.
  return parseGb11643('resident', text, today, true);
};

const parseHmtResidence = (text: string, today: CalendarDate): IdNumberResult => {
  if (text.length !== 18) return fail('length');
  if (!/^\d{17}[\dX]$/.test(text)) return fail('characters');
  // 港澳台居民居住证 (2018): area code 810000 Hong Kong, 820000 Macao, 830000 Taiwan.
  if (!/^8[123]0000/.test(text)) return fail('prefix');
  return parseGb11643('hmt-residence', text, today, true);
};

const parseForeignPermanent = (text: string, today: CalendarDate): IdNumberResult => {
  // 2017 card: ISO 3166 alpha-3 nationality + 12 digits. Its birth date has a two-digit year, so
  // no date is derived from it rather than a guessed century.
  if (text.length === 15) {
    return /^[A-Z]{3}\d{12}$/.test(text)
      ? { ok: true, type: 'foreign-permanent', normalized: text }
      : fail('format');
  }
  if (text.length !== 18) return fail('length');
  if (!/^\d{17}[\dX]$/.test(text)) return fail('characters');
  // 2023 card (National Immigration Administration): GB 11643 layout with "9" first, which no mainland
  // area code uses. Sex is not derived: the card's own rules are not the resident card's to assume.
  if (text[0] !== '9') return fail('prefix');
  return parseGb11643('foreign-permanent', text, today, false);
};

const parsePassport = (text: string): IdNumberResult => {
  if (text.length < 5 || text.length > 17) return fail('length');
  if (!/^[A-Z0-9]+$/.test(text)) return fail('characters');
  // Chinese ordinary passports are E/G + 8 digits or E + letter + 7 digits; foreign ones vary, but
  // every passport number has digits.
  return /\d/.test(text) ? { ok: true, type: 'passport', normalized: text } : fail('format');
};

const parseHkMacaoPermit = (text: string): IdNumberResult => {
  // 港澳居民来往内地通行证: H (Hong Kong) or M (Macao), 8 digits, and on cards since 2013 two more.
  if (!/^[HM]/.test(text)) return fail('prefix');
  if (!/^[HM]\d+$/.test(text)) return fail('characters');
  return text.length === 9 || text.length === 11
    ? { ok: true, type: 'hk-macao-permit', normalized: text }
    : fail('length');
};

const parseTaiwanPermit = (text: string): IdNumberResult => {
  // 台湾居民来往大陆通行证: 8 digits on the 2015 card; older booklets carry 10 characters.
  if (text.length !== 8 && text.length !== 10) return fail('length');
  if (!/^[A-Z0-9]+$/.test(text)) return fail('characters');
  return /^\d{8}([A-Z0-9]{2})?$/.test(text)
    ? { ok: true, type: 'taiwan-permit', normalized: text }
    : fail('format');
};

/** Validates an ID document number by its type's rules and derives what the number encodes. */
export const parseIdNumber = (
  type: IdDocumentType,
  value: string,
  options: ParseIdNumberOptions = {},
): IdNumberResult => {
  const text = normalizeInput(value);
  if (text === '') return fail('empty');
  // Only numbers that encode a birth date need today; the wall clock is the last resort.
  const today = () => options.today ?? clinicToday(options.clock ?? systemClock);
  switch (type) {
    case 'resident':
      return parseResident(text, today());
    case 'hmt-residence':
      return parseHmtResidence(text, today());
    case 'foreign-permanent':
      return parseForeignPermanent(text, today());
    case 'passport':
      return parsePassport(text);
    case 'hk-macao-permit':
      return parseHkMacaoPermit(text);
    case 'taiwan-permit':
      return parseTaiwanPermit(text);
  }
};

export type IdentityContradiction = 'sex-mismatch' | 'birth-date-mismatch';

/**
 * PRODUCT.md §1.4: a name/sex/birth date that contradicts the ID number is a sign of 冒名顶替.
 * Only what the number encodes is compared; a document without a birth date contradicts nothing.
 */
export const crossCheckIdentity = (input: {
  parsed: IdNumberResult;
  sex?: Sex;
  birthDate?: CalendarDate;
}): IdentityContradiction[] => {
  const { parsed, sex, birthDate } = input;
  if (!parsed.ok) return [];
  const contradictions: IdentityContradiction[] = [];
  if (parsed.sex && sex && parsed.sex !== sex) contradictions.push('sex-mismatch');
  if (parsed.birthDate && birthDate && parsed.birthDate !== birthDate)
    contradictions.push('birth-date-mismatch');
  return contradictions;
};
