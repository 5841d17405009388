import { versionInForce } from '../../../shared/catalogue/catalogue';
import { coverageProblem, type CoverageProblem } from '../../../shared/consents/notice';
import {
  missingPlanFields,
  planInputSchema,
  type PlanInput,
  type PlannedItem,
} from '../../../shared/consents/planned-item';
import { consentIntact, consentStatusOf, type Consent } from '../../../shared/consents/consent';
import { AppError, type AppErrorReason } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import type { ClinicDb } from './database';
import { loadOpenVisit } from './visits';
import {
  type Actor,
  authorize,
  recordKeepingTables,
  type StoreContext,
  withoutProvenance,
  writeRecord,
} from './write';

/**
 * The visit's consents that have not been voided: the ones that still count. For the store's own
 * checks inside a write; a screen reads a plan through `readVisitPlan`, which checks who asks.
 */
export const liveConsents = async (db: ClinicDb, visitId: string): Promise<Consent[]> => {
  const consents = await db.consents.where('visitId').equals(visitId).toArray();
  const voids = await db.consentVoids.bulkGet(consents.map((c) => c.id));
  return consents.filter((_, i) => !voids[i]);
};

/** The visit's plan, in the order the clinician added it. For the store's own checks, as above. */
export const plannedItemsForVisit = async (db: ClinicDb, visitId: string): Promise<PlannedItem[]> =>
  (await db.plannedItems.where('visitId').equals(visitId).toArray()).sort(byPlanOrder);

/** The order the clinician added items: creation time, then this device's causal stamp. */
export const byPlanOrder = (a: PlannedItem, b: PlannedItem): number =>
  a.createdAt.localeCompare(b.createdAt) || a.hlc.localeCompare(b.hlc);

const checkInput = (coverage: PlannedItem['coverage'], input: PlanInput): PlanInput => {
  const parsed = planInputSchema.safeParse(input);
  if (!parsed.success)
    throw new AppError(
      'invalid-input',
      'invalid plan line',
      String(parsed.error.issues[0]?.path[0] ?? ''),
    );
  const missing = missingPlanFields(coverage, parsed.data);
  if (missing.length > 0) throw new AppError('plan-incomplete', 'reason missing', missing[0]);
  return parsed.data;
};

/** What a change to the plan reads and writes, audit trail included: one transaction's scope. */
const itemTables = (db: ClinicDb) => [
  db.plannedItems,
  db.visits,
  db.catalogueItems,
  db.catalogueVersions,
  db.consents,
  db.consentVoids,
  ...recordKeepingTables(db),
];

/**
 * Puts one catalogue item on a visit's plan, with the terms of the catalogue in force on the
 * visit's date copied in (a later import changes nothing the patient was told).
 */
export const planItem = async (
  ctx: StoreContext,
  actor: Actor,
  input: { visitId: string; catalogueItemId: string } & PlanInput,
): Promise<PlannedItem> => {
  actor = authorize(actor, 'consent.prepare');
  const { db } = ctx;
  return db.transaction('rw', itemTables(db), async () => {
    const visit = await loadOpenVisit(db, input.visitId);
    const item = await db.catalogueItems.get(input.catalogueItemId);
    const inForce = versionInForce(await db.catalogueVersions.toArray(), visit.date);
    if (!item || item.versionId !== inForce?.id)
      throw new AppError('catalogue-missing', 'item not in the catalogue in force');
    const { visitId: _v, catalogueItemId: _c, ...plan } = input;
    const checked = checkInput(item.coverage, plan);
    return writeRecord<PlannedItem>(ctx, {
      table: 'plannedItems',
      row: {
        id: newId(ctx.clock),
        visitId: visit.id,
        patientId: visit.patientId,
        date: visit.date,
        clinicianId: actor.staffId,
        catalogueItemId: item.id,
        versionId: item.versionId,
        code: item.code,
        name: item.name,
        category: item.category,
        unit: item.unit,
        priceFen: item.priceFen,
        coverage: item.coverage,
        selfPayRatioBp: item.selfPayRatioBp,
        ...(item.restriction ? { restriction: item.restriction } : {}),
        status: 'planned',
        ...checked,
      },
      before: undefined,
      audit: { actor, action: 'create', entity: 'planned-item', summary: item.name },
    });
  });
};

const loadPlanned = async (db: ClinicDb, id: string): Promise<PlannedItem> => {
  const item = await db.plannedItems.get(id);
  if (!item) throw new AppError('not-found', 'no such planned item');
  return item;
};

const notPlanned = (item: PlannedItem) =>
  new AppError('item-not-planned', 'item is no longer open', undefined, { item: item.name });

/** Whether a signed, live consent names this item: its terms are then what the patient signed. */
const isSignedFor = (item: PlannedItem, live: readonly Consent[]) =>
  live.some(
    (c) =>
      consentStatusOf(c) === 'signed' && c.content.lines.some((l) => l.plannedItemId === item.id),
  );

/** Changes quantity, teeth, reason or alternatives; refused once a signed consent covers the item. */
export const updatePlannedItem = async (
  ctx: StoreContext,
  actor: Actor,
  id: string,
  input: PlanInput,
): Promise<PlannedItem> => {
  actor = authorize(actor, 'consent.prepare');
  const { db } = ctx;
  return db.transaction('rw', itemTables(db), async () => {
    const item = await loadPlanned(db, id);
    if (item.status !== 'planned' || item.performedAt || item.billedAt) throw notPlanned(item);
    if (isSignedFor(item, await liveConsents(db, item.visitId)))
      throw new AppError('item-locked', 'signed for', undefined, { item: item.name });
    const checked = checkInput(item.coverage, input);
    // What the input leaves out is removed (no teeth any more), not kept from before.
    const { reason: _r, alternatives: _a, teeth: _t, ...rest } = withoutProvenance(item);
    return writeRecord<PlannedItem>(ctx, {
      table: 'plannedItems',
      row: { ...rest, ...checked },
      before: item,
      audit: { actor, action: 'update', entity: 'planned-item', summary: item.name },
    });
  });
};

/** Takes an item off the plan before it is performed or billed. */
export const cancelPlannedItem = async (
  ctx: StoreContext,
  actor: Actor,
  id: string,
): Promise<PlannedItem> => {
  actor = authorize(actor, 'consent.prepare');
  const { db } = ctx;
  return db.transaction('rw', itemTables(db), async () => {
    const item = await loadPlanned(db, id);
    if (item.status !== 'planned' || item.performedAt || item.billedAt) throw notPlanned(item);
    return writeRecord<PlannedItem>(ctx, {
      table: 'plannedItems',
      row: { ...withoutProvenance(item), status: 'cancelled' },
      before: item,
      audit: { actor, action: 'cancel', entity: 'planned-item', summary: item.name },
    });
  });
};

const problemReason: Record<CoverageProblem, AppErrorReason> = {
  'no-consent': 'consent-required',
  refused: 'consent-refused',
  quantity: 'consent-quantity',
};

/**
 * Enforcement (PRODUCT.md §2.4): performing or billing a 乙类 or 自费 item needs a signed,
 * non-voided consent naming it with at least its quantity, and every notice naming it must pass its
 * tamper check. The check and the mark commit together, so a consent voided on another tab cannot
 * slip between them.
 */
const markItem = async (
  ctx: StoreContext,
  actor: Actor,
  id: string,
  mark: 'perform' | 'bill',
): Promise<PlannedItem> => {
  actor = authorize(actor, mark === 'perform' ? 'item.perform' : 'item.bill');
  const { db } = ctx;
  return db.transaction('rw', itemTables(db), async () => {
    const item = await loadPlanned(db, id);
    const already = mark === 'perform' ? item.performedAt : item.billedAt;
    if (item.status !== 'planned' || already) throw notPlanned(item);
    const live = await liveConsents(db, item.visitId);
    const naming = live.filter((c) => c.content.lines.some((l) => l.plannedItemId === item.id));
    if (naming.some((c) => !consentIntact(c)))
      throw new AppError('consent-tampered', `${mark} refused: notice fails its check`, undefined, {
        item: item.name,
      });
    const problem = coverageProblem(item, live);
    if (problem)
      throw new AppError(problemReason[problem], `${mark} refused: ${problem}`, undefined, {
        item: item.name,
      });
    const at = new Date(ctx.clock.now()).toISOString();
    const stamp =
      mark === 'perform'
        ? { performedAt: at, performedBy: actor.staffId }
        : { billedAt: at, billedBy: actor.staffId };
    return writeRecord<PlannedItem>(ctx, {
      table: 'plannedItems',
      row: { ...withoutProvenance(item), ...stamp },
      before: item,
      audit: { actor, action: mark, entity: 'planned-item', summary: item.name },
    });
  });
};

export const markPerformed = (ctx: StoreContext, actor: Actor, id: string) =>
  markItem(ctx, actor, id, 'perform');

export const markBilled = (ctx: StoreContext, actor: Actor, id: string) =>
  markItem(ctx, actor, id, 'bill');
