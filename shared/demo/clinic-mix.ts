import type { InsuranceScheme } from '../patients/patient';
import { weightedPicker, type Rng } from './prng';

/**
 * Who walks into a small mainland clinic, as relative weights: the generator's assumptions in
 * one place, to be tuned without touching how records are assembled.
 */

/** Ages: few teenagers, many working-age adults and retirees. */
// prettier-ignore
export const pickAgeBand = weightedPicker<readonly [number, number]>([
  [[0, 9], 8], [[10, 19], 7], [[20, 29], 14], [[30, 39], 17], [[40, 49], 15],
  [[50, 59], 15], [[60, 69], 13], [[70, 79], 8], [[80, 95], 3],
]);

export type DocumentKind =
  | 'resident'
  | 'chinese-passport'
  | 'foreign-passport'
  | 'foreign-permanent'
  | 'hmt-residence'
  | 'hk-macao-permit'
  | 'taiwan-permit';

/** A few percent show something other than a mainland resident ID. */
// prettier-ignore
export const pickDocumentKind = weightedPicker<DocumentKind>([
  ['resident', 970], ['chinese-passport', 5], ['foreign-passport', 7], ['foreign-permanent', 4],
  ['hmt-residence', 4], ['hk-macao-permit', 6], ['taiwan-permit', 4],
]);

export const isForeigner = (kind: DocumentKind) =>
  kind === 'foreign-passport' || kind === 'foreign-permanent';

// Children and the unemployed are in 居民医保, employees and most retirees in 职工医保; foreigners
// and visitors on a travel permit mostly pay themselves; HMT permit holders may join 居民医保.
// prettier-ignore
const SCHEMES = {
  child: weightedPicker<InsuranceScheme>([['resident', 80], ['self-pay', 18], ['other', 2]]),
  working: weightedPicker<InsuranceScheme>([['employee', 58], ['resident', 27], ['self-pay', 12], ['other', 3]]),
  retired: weightedPicker<InsuranceScheme>([['employee', 45], ['resident', 45], ['self-pay', 8], ['other', 2]]),
  foreign: weightedPicker<InsuranceScheme>([['self-pay', 75], ['employee', 20], ['other', 5]]),
  permit: weightedPicker<InsuranceScheme>([['self-pay', 85], ['other', 15]]),
  hmtResident: weightedPicker<InsuranceScheme>([['resident', 40], ['employee', 30], ['self-pay', 30]]),
};

export const pickScheme = (rng: Rng, kind: DocumentKind, age: number): InsuranceScheme => {
  if (isForeigner(kind)) return SCHEMES.foreign(rng);
  if (kind === 'hk-macao-permit' || kind === 'taiwan-permit') return SCHEMES.permit(rng);
  if (kind === 'hmt-residence') return SCHEMES.hmtResident(rng);
  return age < 18 ? SCHEMES.child(rng) : age < 60 ? SCHEMES.working(rng) : SCHEMES.retired(rng);
};

const NOTES = [
  '青霉素过敏',
  '高血压，长期服药',
  '2型糖尿病',
  '孕期，用药需谨慎',
  '对局麻药敏感',
  '需家属陪同就诊',
  '有晕针史',
];

/** Most records have no note; a few carry what the desk must not miss. */
export const pickNote = (rng: Rng): string => (rng.chance(0.06) ? rng.pick(NOTES) : '');

/** Mainland mobile number blocks in wide use (China Mobile, Unicom, Telecom). */
// prettier-ignore
const PHONE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '157',
  '158', '159', '166', '177', '180', '181', '182', '185', '186', '187', '188', '189', '191', '198', '199',
];

export const mobileNumber = (rng: Rng): string =>
  `${rng.pick(PHONE_PREFIXES)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;

const CARD_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

/**
 * An insurance card number: a letter and 8 digits. The digits are the patient's index through
 * n ↦ (48271·n + offset) mod 10^8, a bijection because 48271 is coprime with 10^8, so no two demo
 * patients hold the same card (which would look like 借卡, PRODUCT.md §1.4).
 */
export const cardNumber = (rng: Rng, index: number, offset: number): string =>
  `${rng.pick(CARD_LETTERS)}${String((index * 48_271 + offset) % 100_000_000).padStart(8, '0')}`;
