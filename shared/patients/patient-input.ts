import { z } from 'zod';
import { isCalendarDate, type CalendarDate } from '../clock/calendar-date';
import {
  crossCheckIdentity,
  idDocumentTypeSchema,
  parseIdNumber,
  type IdDocumentType,
  type IdNumberProblem,
} from '../identity/id-number';
import { relationSchema, type Relation } from '../identity/relation';
import { sexSchema } from '../identity/sex';
import { provinceByCode } from '../regions';
import { ageOn } from './display';
import {
  ADULT_AGE,
  insuranceSchemeSchema,
  phoneSchema,
  type Guardian,
  type InsuredRegion,
  type Patient,
} from './patient';

/**
 * What can be wrong with a typed registration, one code per problem. Zod issues carry these codes
 * as their message; the form turns each into a Chinese and an English sentence.
 */
export type PatientProblem =
  | 'required'
  | 'too-long'
  | 'phone'
  | 'date'
  | 'future-date'
  | 'province'
  | 'region-required'
  | 'card-number'
  | `id-${Exclude<IdNumberProblem, 'empty'>}`
  | 'sex-mismatch'
  | 'birth-date-mismatch';

const problem = (code: PatientProblem) => code;

/** 参保 patients are settled by their insured region (异地 or local); self-pay ones need none. */
const INSURED_SCHEMES = new Set(['employee', 'resident']);

/** "1990-3-7", "1990/03/07", "1990.3.7" and "19900307" all mean 1990-03-07. */
export const normalizeDateInput = (text: string): string => {
  const value = text.normalize('NFKC').trim();
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (compact) return `${compact[1]}-${compact[2]}-${compact[3]}`;
  const parts = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value);
  if (parts) return `${parts[1]}-${parts[2]!.padStart(2, '0')}-${parts[3]!.padStart(2, '0')}`;
  return value;
};

/** Card numbers are typed, pasted or read by a keyboard-wedge reader: spaces and case vary. */
export const normalizeCardNumber = (text: string): string =>
  text.normalize('NFKC').replace(/\s+/g, '').toUpperCase();

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, problem('too-long'))
    .optional()
    .transform((value) => (value ? value : undefined));

type GuardianInput = {
  name?: string;
  relation?: Relation;
  phone?: string;
  idType?: IdDocumentType;
  idNumber?: string;
};

const hasGuardian = (g: GuardianInput | undefined): g is GuardianInput =>
  !!(g?.name?.trim() || g?.relation || g?.phone?.trim() || g?.idNumber?.trim());

/** Whether a typed birth date (valid, not after today) makes the patient a child. */
export const isMinor = (birthDate: unknown, today: CalendarDate) =>
  typeof birthDate === 'string' &&
  isCalendarDate(birthDate) &&
  birthDate <= today &&
  ageOn(birthDate, today) < ADULT_AGE;

/**
 * A child (under 18 at the clinic's today) is registered with a guardian: name, relation and a
 * phone number to reach them. Boxes typed for an adult are checked the same way. The guardian's
 * ID number is optional here, but when typed it must be a valid one.
 */
const checkGuardian = (
  value: { birthDate: unknown; guardian?: GuardianInput },
  today: CalendarDate,
  add: (path: (string | number)[], code: PatientProblem) => void,
) => {
  const g = value.guardian;
  if (!isMinor(value.birthDate, today) && !hasGuardian(g)) return;
  if (!g?.name?.trim()) add(['guardian', 'name'], 'required');
  if (!g?.relation) add(['guardian', 'relation'], 'required');
  const phone = g?.phone?.trim() ?? '';
  if (phone === '') add(['guardian', 'phone'], 'required');
  else if (!phoneSchema.safeParse(phone).success) add(['guardian', 'phone'], 'phone');
  const idNumber = g?.idNumber?.trim() ?? '';
  if (idNumber !== '') {
    const parsed = parseIdNumber(g?.idType ?? 'resident', idNumber, { today });
    if (!parsed.ok && parsed.reason !== 'empty')
      add(['guardian', 'idNumber'], `id-${parsed.reason}`);
  }
};

/** The checked guardian, or none when every box was left empty (an adult). */
const guardianOf = (g: GuardianInput | undefined, today: CalendarDate): Guardian | undefined => {
  if (!hasGuardian(g)) return undefined;
  const idType = g.idType ?? 'resident';
  const parsed = g.idNumber?.trim() ? parseIdNumber(idType, g.idNumber, { today }) : undefined;
  return {
    name: g.name!.trim(),
    relation: g.relation!,
    phone: g.phone!.trim(),
    ...(parsed?.ok ? { idType, idNumber: parsed.normalized } : {}),
  };
};

/**
 * The registration form as typed (PRODUCT.md §1.2), checked by the same rules in the form and in
 * the repository. `today` is the clinic's: nobody at the desk was born after it.
 */
export const patientInputSchema = (today: CalendarDate) =>
  z
    .object({
      name: z.string().trim().min(1, problem('required')).max(40, problem('too-long')),
      sex: sexSchema.optional().refine((sex) => sex !== undefined, problem('required')),
      birthDate: z
        .string()
        .transform(normalizeDateInput)
        .superRefine((date, ctx) => {
          // One problem at a time, without `abort`: an aborted field would hide the others.
          const code: PatientProblem | undefined =
            date === ''
              ? 'required'
              : !isCalendarDate(date)
                ? 'date'
                : date > today
                  ? 'future-date'
                  : undefined;
          if (code) ctx.addIssue({ code: 'custom', message: code });
        }),
      idType: idDocumentTypeSchema
        .optional()
        .refine((type) => type !== undefined, problem('required')),
      idNumber: z.string(),
      phone: z
        .string()
        .trim()
        .optional()
        .transform((value) => (value ? value : undefined))
        .refine((value) => value === undefined || phoneSchema.safeParse(value).success, {
          message: problem('phone'),
        }),
      insuredRegion: z
        .object({
          province: z.string().optional(),
          city: z.string().trim().max(40, problem('too-long')).optional(),
        })
        .optional(),
      scheme: insuranceSchemeSchema.optional().refine((s) => s !== undefined, problem('required')),
      cardNumber: z
        .string()
        .optional()
        .transform((value) => (value ? normalizeCardNumber(value) : undefined))
        .refine((value) => value === undefined || /^[0-9A-Z-]{1,32}$/.test(value), {
          message: problem('card-number'),
        }),
      priorReimbursements: optionalText(500),
      notes: z.string().max(2000, problem('too-long')).optional(),
      /** Boxes left empty for an adult: no guardian. A child's are required (see below). */
      guardian: z
        .object({
          name: z.string().trim().max(40, problem('too-long')).optional(),
          relation: relationSchema.optional(),
          phone: z.string().trim().optional(),
          idType: idDocumentTypeSchema.optional(),
          idNumber: z.string().trim().optional(),
        })
        .optional(),
    })
    .superRefine(
      (value, ctx) => {
        const add = (path: (string | number)[], code: PatientProblem) =>
          ctx.addIssue({ code: 'custom', path, message: code });
        // Runs even when other fields are wrong, so every mistake shows at once; hence the guards.
        const idType = idDocumentTypeSchema.safeParse(value.idType).data;
        if (idType) {
          const parsed = parseIdNumber(idType, String(value.idNumber ?? ''), { today });
          if (!parsed.ok) {
            add(['idNumber'], parsed.reason === 'empty' ? 'required' : `id-${parsed.reason}`);
          } else {
            const birthDate = isCalendarDate(value.birthDate) ? value.birthDate : undefined;
            const sex = sexSchema.safeParse(value.sex).data;
            for (const contradiction of crossCheckIdentity({ parsed, sex, birthDate })) {
              if (contradiction === 'sex-mismatch') add(['sex'], 'sex-mismatch');
              else add(['birthDate'], 'birth-date-mismatch');
            }
          }
        }
        checkGuardian(value, today, add);
        const province = value.insuredRegion?.province ?? '';
        if (province !== '' && !provinceByCode(province)) {
          add(['insuredRegion', 'province'], 'province');
        }
        if (province === '' && value.scheme !== undefined && INSURED_SCHEMES.has(value.scheme)) {
          add(['insuredRegion', 'province'], 'region-required');
        }
      },
      { when: () => true },
    )
    .transform((value): PatientDetails => {
      const idType = value.idType!;
      const parsed = parseIdNumber(idType, value.idNumber, { today });
      const province = value.insuredRegion?.province ?? '';
      const insuredRegion: InsuredRegion | undefined =
        province === '' ? undefined : { province, city: value.insuredRegion?.city ?? '' };
      return {
        name: value.name,
        sex: value.sex!,
        birthDate: value.birthDate,
        idType,
        // The superRefine above has refused a number that does not parse.
        idNumber: parsed.ok ? parsed.normalized : value.idNumber,
        phone: value.phone,
        insuredRegion,
        scheme: value.scheme!,
        cardNumber: value.cardNumber,
        priorReimbursements: value.priorReimbursements,
        notes: value.notes ?? '',
        guardian: guardianOf(value.guardian, today),
      };
    });

/** What a person types at the desk: strings as the form holds them, '' for an empty box. */
export type PatientInput = z.input<ReturnType<typeof patientInputSchema>>;

/** A checked registration: trimmed, the ID number normalized, empty boxes gone. */
export type PatientDetails = Pick<
  Patient,
  | 'name'
  | 'sex'
  | 'birthDate'
  | 'idType'
  | 'idNumber'
  | 'phone'
  | 'insuredRegion'
  | 'scheme'
  | 'cardNumber'
  | 'priorReimbursements'
  | 'notes'
  | 'guardian'
>;

/** The fields whose change is an identity change: PRODUCT.md §7.2 wants a reason for each. */
export const IDENTITY_FIELDS = ['name', 'idType', 'idNumber'] as const;

export const identityChanged = (
  before: Pick<Patient, (typeof IDENTITY_FIELDS)[number]>,
  after: Pick<Patient, (typeof IDENTITY_FIELDS)[number]>,
): boolean => IDENTITY_FIELDS.some((field) => before[field] !== after[field]);
