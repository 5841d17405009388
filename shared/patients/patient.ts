import { z } from 'zod';
import { calendarDateSchema } from '../clock/calendar-date';
import { idDocumentTypeSchema } from '../identity/id-number';
import { relationSchema } from '../identity/relation';
import { sexSchema } from '../identity/sex';
import { personText, provenanceSchema } from '../record';
import { provinces } from '../regions';
import { MERGE_REASON_MAX } from './merge';

/** 参保类型 (PRODUCT.md §1.2): 职工医保, 居民医保, 自费, 其他. */
export const insuranceSchemeSchema = z.enum(['employee', 'resident', 'self-pay', 'other']);
export type InsuranceScheme = z.infer<typeof insuranceSchemeSchema>;

const provinceCodes = new Set<string>(provinces.map((p) => p.code));

/** 参保地: where the patient is insured, which decides whether a visit is settled locally or 异地. */
export const insuredRegionSchema = z.object({
  province: z.string().refine((code) => provinceCodes.has(code), 'province'),
  city: z.string().trim().max(40),
});
export type InsuredRegion = z.infer<typeof insuredRegionSchema>;

/** Mobile (11 digits from 13x to 19x) or a landline with area code; the desk types either. */
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, 'phone');

/**
 * The mark a second record for one resident ID number carries, on it and on the records it
 * shares the number with: the insurance officer or owner who allowed it, when and why (§1.4).
 */
export const sameIdApprovalSchema = z.object({
  otherIds: z.array(z.string()).min(1),
  reason: personText(200),
  approvedBy: z.string(),
  approvedAt: z.string(),
});
export type SameIdApproval = z.infer<typeof sameIdApprovalSchema>;

/**
 * Who answers for a patient who cannot (a child): recorded at registration, offered as the signer
 * of the patient's self-pay notices. The ID document is often not at hand at registration; the
 * notice asks for it when the guardian signs.
 */
export const guardianSchema = z.object({
  name: personText(40),
  relation: relationSchema,
  phone: phoneSchema,
  idType: idDocumentTypeSchema.optional(),
  /** As `parseIdNumber` normalized it. */
  idNumber: z
    .string()
    .regex(/^[0-9A-Z]{5,18}$/)
    .optional(),
});
export type Guardian = z.infer<typeof guardianSchema>;

/** A patient younger than this has a guardian (中华人民共和国民法典 第十七条: adults are 18). */
export const ADULT_AGE = 18;

/**
 * The registration record (PRODUCT.md §1.2). `idNumber` is stored as `parseIdNumber` normalized
 * it, so that "same number, another patient" (§1.4) is an exact index lookup.
 */
export const patientSchema = z
  .object({
    id: z.string(),
    name: personText(40),
    sex: sexSchema,
    birthDate: calendarDateSchema,
    idType: idDocumentTypeSchema,
    idNumber: z.string().regex(/^[0-9A-Z]{5,18}$/, 'normalized id number'),
    phone: phoneSchema.optional(),
    insuredRegion: insuredRegionSchema.optional(),
    scheme: insuranceSchemeSchema,
    /** The insurance card's number: a card shown by someone else is a 借卡 sign (§1.4). */
    cardNumber: z.string().trim().min(1).max(32).optional(),
    /** 既往报销情况, as the patient reports it. */
    priorReimbursements: z.string().trim().max(500).optional(),
    notes: z.string().max(2000),
    /** The attachment holding the photo shown beside the person for the 人 check (§1.4). */
    photoId: z.string().optional(),
    /** Lower-case keys for the front desk's one search box (`patientSearchKeys`). */
    searchKeys: z.array(z.string()),
    /**
     * The same search in fewer keys, the ones the store indexes (`patientIndexKeys`). Derived
     * like `searchKeys`; a row restored from before it existed has it computed again.
     */
    find: z.array(z.string()).optional(),
    sameIdApproval: sameIdApprovalSchema.optional(),
    guardian: guardianSchema.optional(),
    /**
     * Set when this record was merged into another record of the same person
     * (shared/patients/merge.ts): the survivor's id, who merged, when and why. Reads follow it.
     */
    mergedInto: z.string().optional(),
    mergedAt: z.string().optional(),
    mergedBy: z.string().optional(),
    mergeReason: personText(MERGE_REASON_MAX).optional(),
  })
  .extend(provenanceSchema.shape);
export type Patient = z.infer<typeof patientSchema>;

/**
 * Pinyin readings of one character, lower case, without tones; empty when unknown. Several for a
 * 多音字 (曾 zeng/ceng). Injected so that shared/ carries no pinyin dictionary.
 */
export type PinyinReadings = (character: string) => readonly string[];

/** 多音字 multiply a name's spellings; beyond this many, more keys only slow the index down. */
const MAX_SPELLINGS = 4;

const spellings = (
  name: string,
  toPinyin: PinyinReadings,
): { full: string; initials: string }[] => {
  let results = [{ full: '', initials: '' }];
  // Latin runs ("JOHN SMITH" on a passport) are kept as words; Chinese characters become pinyin.
  for (const part of name.toLowerCase().match(/[a-z0-9]+|\S/gu) ?? []) {
    const readings = /^[a-z0-9]+$/.test(part) ? [part] : toPinyin(part);
    if (readings.length === 0) continue;
    results = results
      .flatMap((r) => readings.map((s) => ({ full: r.full + s, initials: r.initials + s[0] })))
      .slice(0, MAX_SPELLINGS);
  }
  return results.filter((r) => r.full !== '');
};

/**
 * What the front desk types to find a patient: full pinyin ("zhangwei"), initials ("zw"), the
 * phone number and its last four digits (手机尾号), and the last 4–6 characters of the ID number.
 */
export const patientSearchKeys = (
  patient: Pick<Patient, 'name' | 'phone' | 'idNumber'>,
  toPinyin: PinyinReadings,
): string[] => searchKeysOf(patient, spellings(patient.name, toPinyin));

type Spelling = { full: string; initials: string };

/** Full pinyin and initials of each spelling of a name. */
const nameKeys = (names: readonly Spelling[]): Set<string> =>
  new Set(names.flatMap(({ full, initials }) => [full, initials]));

const searchKeysOf = (
  patient: Pick<Patient, 'phone' | 'idNumber'>,
  names: readonly Spelling[],
): string[] => {
  const keys = nameKeys(names);
  if (patient.phone) {
    const digits = patient.phone.replace(/\D/g, '');
    keys.add(digits);
    keys.add(digits.slice(-4));
  }
  const id = patient.idNumber.toLowerCase();
  for (const tail of [4, 5, 6]) if (id.length > tail) keys.add(id.slice(-tail));
  return [...keys];
};

/** Marks a key that is a phone number written backwards: a search by its tail is a prefix. */
export const PHONE_TAIL_MARK = '<';
/** Marks a key that is an ID number written backwards. */
export const ID_TAIL_MARK = '>';

const backwards = (text: string) => [...text].reverse().join('');

/**
 * The keys the store indexes for `patientSearchKeys`'s search, in fewer entries: each index entry
 * is written with every patient, and a new workstation's first sync writes a hundred thousand of
 * them before search works. A phone number and an ID number are each kept once more, written
 * backwards behind a mark, so that their last 4 (phone) or 4–6 (ID) characters are a prefix
 * (`tailSearchKeys`); the four tail keys are not needed. Full pinyin, initials and the phone
 * number are kept as they are.
 */
export const patientIndexKeys = (
  patient: Pick<Patient, 'name' | 'phone' | 'idNumber'>,
  toPinyin: PinyinReadings,
): string[] => indexKeysOf(patient, spellings(patient.name, toPinyin));

const indexKeysOf = (
  patient: Pick<Patient, 'phone' | 'idNumber'>,
  names: readonly Spelling[],
): string[] => {
  const keys = nameKeys(names);
  if (patient.phone) {
    const digits = patient.phone.replace(/\D/g, '');
    if (digits) {
      keys.add(digits);
      keys.add(PHONE_TAIL_MARK + backwards(digits));
    }
  }
  const id = patient.idNumber.toLowerCase();
  if (id) keys.add(ID_TAIL_MARK + backwards(id));
  return [...keys];
};

/**
 * The prefixes of `patientIndexKeys` that find a typed tail: a phone number's last four digits
 * (手机尾号), or an ID number's last 4–6 characters. `typed` is lower case, as the keys are.
 */
export const tailSearchKeys = (typed: string): string[] => {
  const keys: string[] = [];
  if (/^\d{4}$/.test(typed)) keys.push(PHONE_TAIL_MARK + backwards(typed));
  if (/^[0-9a-z]{4,6}$/.test(typed)) keys.push(ID_TAIL_MARK + backwards(typed));
  return keys;
};

/**
 * A stored patient's derived fields, computed from the row (a sync's merge, a restore): never
 * taken from elsewhere. A row with no name is partial (its registration was refused by the
 * clinic while a later edit was not, shared/sync/verdict.ts): it has nothing to search by.
 */
export const patientDerivedKeys = (
  row: Partial<Pick<Patient, 'name' | 'phone' | 'idNumber'>>,
  toPinyin: PinyinReadings,
): { searchKeys: string[]; find: string[] } => {
  if (typeof row.name !== 'string') return { searchKeys: [], find: [] };
  const fields = {
    name: row.name,
    phone: typeof row.phone === 'string' ? row.phone : undefined,
    idNumber: typeof row.idNumber === 'string' ? row.idNumber : '',
  };
  // A name's spellings once for both: the pinyin lookup is most of the work.
  const names = spellings(fields.name, toPinyin);
  return { searchKeys: searchKeysOf(fields, names), find: indexKeysOf(fields, names) };
};
