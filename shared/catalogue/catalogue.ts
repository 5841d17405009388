import { z } from 'zod';
import { calendarDateSchema, type CalendarDate } from '../clock/calendar-date';
import { provenanceSchema } from '../record';

/** The insurance "three catalogues" (医保三大目录), with consumables kept apart as clinics do. */
export const catalogueCategorySchema = z.enum(['drug', 'procedure', 'material', 'facility']);
export type CatalogueCategory = z.infer<typeof catalogueCategorySchema>;

/**
 * How the insurance pays for an item: 甲类 fully covered, 乙类 partly covered (the patient pays a
 * self-pay ratio first), 自费 not covered at all (PRODUCT.md §2.1).
 */
export const coverageSchema = z.enum(['class-a', 'class-b', 'self-pay']);
export type Coverage = z.infer<typeof coverageSchema>;

/** Self-pay ratios are kept in basis points (1/10,000) so that "7.5 %" stays an integer. */
export const RATIO_SCALE = 10_000;

/** One million yuan: no clinic item costs more; a larger price is a slipped decimal point. */
export const MAX_PRICE_FEN = 100_000_000;

export const CODE_MAX = 50;
export const ITEM_NAME_MAX = 200;
export const UNIT_MAX = 20;
export const RESTRICTION_MAX = 500;

/** An item the patient must be told about and sign for before it is performed (seed 002 #2 三). */
export const needsConsent = (coverage: Coverage): boolean => coverage !== 'class-a';

/** The ratio an item's coverage allows: 甲类 0 %, 自费 100 %, 乙类 whatever the catalogue says. */
export const ratioFits = (coverage: Coverage, selfPayRatioBp: number): boolean =>
  coverage === 'class-a'
    ? selfPayRatioBp === 0
    : coverage === 'self-pay'
      ? selfPayRatioBp === RATIO_SCALE
      : selfPayRatioBp >= 0 && selfPayRatioBp <= RATIO_SCALE;

/** What a catalogue file says about one item, once parsed and checked. */
export const catalogueEntrySchema = z
  .object({
    code: z.string().trim().min(1).max(CODE_MAX),
    name: z.string().trim().min(1).max(ITEM_NAME_MAX),
    category: catalogueCategorySchema,
    unit: z.string().trim().min(1).max(UNIT_MAX),
    priceFen: z.number().int().min(0).max(MAX_PRICE_FEN),
    coverage: coverageSchema,
    selfPayRatioBp: z.number().int().min(0).max(RATIO_SCALE),
    /** 限定支付范围: when the insurance pays for it at all (restricted drugs, PRODUCT.md §2.3). */
    restriction: z.string().trim().min(1).max(RESTRICTION_MAX).optional(),
  })
  .refine((entry) => ratioFits(entry.coverage, entry.selfPayRatioBp), {
    message: 'the self-pay ratio does not fit the coverage class',
    path: ['selfPayRatioBp'],
  });
export type CatalogueEntry = z.infer<typeof catalogueEntrySchema>;

/**
 * One item of one version. Append-only: a new price or class comes with a new version (an import,
 * or one item added or changed), so a visit keeps the terms that were in force on its date.
 */
export type CatalogueItem = CatalogueEntry & {
  id: string;
  versionId: string;
  /** Code, name, full pinyin and initials, lower case: the `*searchKeys` index. */
  searchKeys: string[];
};

/**
 * A version made from another by adding or editing ONE item, not from a file: the clinic that adds
 * a new implant brand between two bureau lists. It holds every item of `basedOn`, plus that one.
 */
export const catalogueChangeSchema = z.object({
  kind: z.enum(['add', 'edit']),
  basedOn: z.string(),
  code: z.string().max(CODE_MAX),
  name: z.string().max(ITEM_NAME_MAX),
});
export type CatalogueChange = z.infer<typeof catalogueChangeSchema>;

/**
 * One version of the clinic's catalogue (an import, or one item's change), in force from
 * `effectiveFrom` until the next version.
 */
export const catalogueVersionSchema = z
  .object({
    id: z.string(),
    effectiveFrom: calendarDateSchema,
    /** The file its items came from; a changed version keeps the file of the version it copies. */
    fileName: z.string().max(260),
    itemCount: z.number().int().min(0),
    /** SHA-256 of that file, to recognise the same file imported twice. */
    fileHash: z.string().length(64),
    /** Absent for an import. */
    change: catalogueChangeSchema.optional(),
  })
  .extend(provenanceSchema.shape);
export type CatalogueVersion = z.infer<typeof catalogueVersionSchema>;

/**
 * The version in force on a day: the latest `effectiveFrom` not after it; of two versions from the
 * same day, the one imported later (a corrected file replaces the morning's).
 */
export const versionInForce = <V extends Pick<CatalogueVersion, 'effectiveFrom' | 'hlc'>>(
  versions: readonly V[],
  on: CalendarDate,
): V | undefined => {
  let best: V | undefined;
  for (const v of versions) {
    if (v.effectiveFrom > on) continue;
    if (
      !best ||
      v.effectiveFrom > best.effectiveFrom ||
      (v.effectiveFrom === best.effectiveFrom && v.hlc > best.hlc)
    )
      best = v;
  }
  return best;
};
