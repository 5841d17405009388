import { dayNumber, type CalendarDate } from '../clock/calendar-date';
import { residentCheckCharacter, type IdDocumentType } from '../identity/id-number';
import type { Sex } from '../identity/sex';
import type { DocumentKind } from './clinic-mix';
import type { Rng } from './prng';

export type DemoDocument = { idType: IdDocumentType; idNumber: string };

const digits = (rng: Rng, count: number): string => {
  let out = '';
  for (let i = 0; i < count; i++) out += String(rng.int(0, 9));
  return out;
};

/** Document letters skip I and O, which read as 1 and 0. */
const LETTERS = [...'ABCDEFGHJKLMNPQRSTUVWXYZ'];

/**
 * Hands out GB 11643-style numbers (resident ID, HMT residence permit, 2023 permanent residence
 * ID) that are unique within one generated clinic: two demo patients sharing a number would set
 * off the impersonation check (PRODUCT.md §1.4) on data that is meant to be clean.
 * Memory: one number per patient in a Set, about 30 MB for a million patients.
 */
export const createGb11643Registry = (rng: Rng) => {
  const prefixes = new Map<string, number>();
  const used = new Set<number>();
  return (prefix6: string, birthDate: CalendarDate, sex?: Sex): string => {
    let prefixIndex = prefixes.get(prefix6);
    if (prefixIndex === undefined) {
      prefixIndex = prefixes.size;
      prefixes.set(prefix6, prefixIndex);
    }
    // Day numbers from 1850 on are above -50,000; sequence codes are 000–999.
    const base = (prefixIndex * 100_000 + dayNumber(birthDate) + 50_000) * 1000;
    // GB 11643-1999 §6.3: odd sequence codes for men, even for women.
    const parity = sex === undefined ? rng.int(0, 1) : sex === 'male' ? 1 : 0;
    let sequence = rng.int(0, 499) * 2 + parity;
    for (let tries = 0; used.has(base + sequence); tries++) {
      if (tries >= 500) throw new RangeError(`no sequence code left for ${prefix6} ${birthDate}`);
      sequence = (sequence + 2) % 1000;
    }
    used.add(base + sequence);
    const first17 = `${prefix6}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
    return first17 + residentCheckCharacter(first17);
  };
};
export type Gb11643Registry = ReturnType<typeof createGb11643Registry>;

/** ISO 3166-1 alpha-3 (2017 card) and numeric (2023 card) nationality codes. */
// prettier-ignore
const NATIONALITIES = [
  ['USA', '840'],
  ['GBR', '826'],
  ['DEU', '276'],
  ['FRA', '250'],
  ['JPN', '392'],
  ['KOR', '410'],
  ['RUS', '643'],
  ['CAN', '124'],
  ['AUS', '036'],
  ['VNM', '704'],
  ['ITA', '380'],
  ['ESP', '724'],
] as const;

export const foreignPermanentNumber = (
  rng: Rng,
  registry: Gb11643Registry,
  province: string,
  birthDate: CalendarDate,
): string => {
  const [alpha, numeric] = rng.pick(NATIONALITIES);
  if (rng.chance(0.5)) {
    // 2017 card: nationality letters, issuing area (4 digits), birth date YYMMDD, 2-digit sequence.
    const yymmdd = birthDate.slice(2).replaceAll('-', '');
    return `${alpha}${province}00${yymmdd}${digits(rng, 2)}`;
  }
  // 2023 card: "9", the issuing province, the numeric nationality, then the GB 11643 layout.
  return registry(`9${province}${numeric}`, birthDate);
};

/** 港澳台居民居住证: 810000 Hong Kong, 820000 Macao, 830000 Taiwan. */
export const hmtResidenceNumber = (
  rng: Rng,
  registry: Gb11643Registry,
  birthDate: CalendarDate,
  sex: Sex,
) => registry(rng.pick(['810000', '810000', '820000', '830000']), birthDate, sex);

/** Chinese ordinary passports: E + 8 digits, or E + letter + 7 digits on newer books. */
export const chinesePassportNumber = (rng: Rng): string =>
  rng.chance(0.5) ? `E${digits(rng, 8)}` : `E${rng.pick(LETTERS)}${digits(rng, 7)}`;

export const foreignPassportNumber = (rng: Rng): string => {
  switch (rng.int(0, 2)) {
    case 0:
      return digits(rng, 9);
    case 1:
      return `${rng.pick(LETTERS)}${digits(rng, 8)}`;
    default:
      return `${rng.pick(LETTERS)}${rng.pick(LETTERS)}${digits(rng, 7)}`;
  }
};

/** 港澳居民来往内地通行证: H or M, 8 digits, and two more on cards since 2013. */
export const hkMacaoPermitNumber = (rng: Rng): string =>
  `${rng.chance(0.8) ? 'H' : 'M'}${digits(rng, 8)}${rng.chance(0.6) ? digits(rng, 2) : ''}`;

/** 台湾居民来往大陆通行证 (2015 card): 8 digits. */
export const taiwanPermitNumber = (rng: Rng): string => digits(rng, 8);

/** A document of the given kind for one person; `areaCode` is where a resident ID was issued. */
export const demoDocument = (
  rng: Rng,
  registry: Gb11643Registry,
  person: {
    kind: DocumentKind;
    birthDate: CalendarDate;
    sex: Sex;
    areaCode: string;
    clinicProvince: string;
  },
): DemoDocument => {
  const { kind, birthDate, sex } = person;
  switch (kind) {
    case 'resident':
      return { idType: 'resident', idNumber: registry(person.areaCode, birthDate, sex) };
    case 'chinese-passport':
      return { idType: 'passport', idNumber: chinesePassportNumber(rng) };
    case 'foreign-passport':
      return { idType: 'passport', idNumber: foreignPassportNumber(rng) };
    case 'foreign-permanent':
      return {
        idType: 'foreign-permanent',
        idNumber: foreignPermanentNumber(rng, registry, person.clinicProvince, birthDate),
      };
    case 'hmt-residence':
      return {
        idType: 'hmt-residence',
        idNumber: hmtResidenceNumber(rng, registry, birthDate, sex),
      };
    case 'hk-macao-permit':
      return { idType: 'hk-macao-permit', idNumber: hkMacaoPermitNumber(rng) };
    case 'taiwan-permit':
      return { idType: 'taiwan-permit', idNumber: taiwanPermitNumber(rng) };
  }
};
