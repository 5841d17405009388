import { z } from 'zod';
import {
  catalogueCategorySchema,
  CODE_MAX,
  coverageSchema,
  ITEM_NAME_MAX,
  needsConsent,
  RATIO_SCALE,
  RESTRICTION_MAX,
  UNIT_MAX,
} from '../catalogue/catalogue';
import { calendarDateSchema } from '../clock/calendar-date';
import { personText, provenanceSchema } from '../record';
import { QUANTITY_MAX } from './self-pay';
import { teethSchema } from './teeth';

export const PLAN_TEXT_MAX = 500;

/**
 * The alternatives the clinician offered (PRODUCT.md §2.2). "None" is a choice the clinician makes
 * explicitly, never what an empty box means.
 */
export const alternativesSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('offered'), text: personText(PLAN_TEXT_MAX) }),
  z.object({ kind: z.literal('none') }),
]);
export type Alternatives = z.infer<typeof alternativesSchema>;

/**
 * On the plan, or taken off it before it was performed. Performing (at the chair) and billing
 * (at the desk) are separate marks, in either order: many clinics take payment first.
 */
export const plannedItemStatusSchema = z.enum(['planned', 'cancelled']);
export type PlannedItemStatus = z.infer<typeof plannedItemStatusSchema>;

/** What the clinician types for one line of the plan. */
export const planInputSchema = z
  .object({
    quantity: z.number().int().min(1).max(QUANTITY_MAX),
    /** The FDI tooth positions the line concerns (16, 26), when it concerns particular teeth. */
    teeth: teethSchema.optional(),
    reason: personText(PLAN_TEXT_MAX).optional(),
    alternatives: alternativesSchema.optional(),
  })
  .strict();
export type PlanInput = z.infer<typeof planInputSchema>;

/**
 * One catalogue item the clinician plans for a visit, with the catalogue's terms copied in: a
 * later import must not change what this visit's patient was told. Editable until a signed
 * consent covers it.
 */
export const plannedItemSchema = z
  .object({
    id: z.string(),
    visitId: z.string(),
    patientId: z.string(),
    /** The visit's clinic day, for the daily review. */
    date: calendarDateSchema,
    clinicianId: z.string(),
    catalogueItemId: z.string(),
    versionId: z.string(),
    code: z.string().max(CODE_MAX),
    name: z.string().max(ITEM_NAME_MAX),
    category: catalogueCategorySchema,
    unit: z.string().max(UNIT_MAX),
    priceFen: z.number().int().min(0),
    coverage: coverageSchema,
    selfPayRatioBp: z.number().int().min(0).max(RATIO_SCALE),
    restriction: z.string().max(RESTRICTION_MAX).optional(),
    status: plannedItemStatusSchema,
    performedAt: z.string().optional(),
    performedBy: z.string().optional(),
    billedAt: z.string().optional(),
    billedBy: z.string().optional(),
  })
  .extend(planInputSchema.shape)
  .extend(provenanceSchema.shape)
  .refine((item) => !needsConsent(item.coverage) || (!!item.reason && !!item.alternatives), {
    message: 'a self-pay item says why, and which alternatives were offered',
    path: ['reason'],
  });
export type PlannedItem = z.infer<typeof plannedItemSchema>;

/** Which of a plan input's required fields are missing for this coverage, for the form to mark. */
export const missingPlanFields = (
  coverage: PlannedItem['coverage'],
  input: Partial<PlanInput>,
): ('reason' | 'alternatives')[] =>
  needsConsent(coverage)
    ? [
        ...(input.reason?.trim() ? [] : (['reason'] as const)),
        ...(input.alternatives ? [] : (['alternatives'] as const)),
      ]
    : [];
