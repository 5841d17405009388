import type { AuditChange } from '../../../shared/audit/audit-event';
import { diffForAudit } from '../../../shared/audit/changes';
import {
  catalogueEntrySchema,
  versionInForce,
  type CatalogueEntry,
  type CatalogueItem,
  type CatalogueVersion,
} from '../../../shared/catalogue/catalogue';
import { catalogueSearchKeys } from '../../../shared/catalogue/catalogue-search';
import { isCalendarDate, type CalendarDate } from '../../../shared/clock/calendar-date';
import { AppError } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { addVersionItems, catalogueWriteTables } from './catalogue';
import type { ClinicDb } from './database';
import { namePinyin } from './pinyin';
import { authorize, writeRecord, type Actor, type StoreContext } from './write';

/** One item added to, or changed in, the version the clinic is looking at. */
export type CatalogueItemChange = {
  /** The version to copy: the new version is it plus this one change. */
  baseVersionId: string;
  /** The item being changed (of the base version); absent when adding one. */
  itemId?: string;
  effectiveFrom: CalendarDate;
  entry: CatalogueEntry;
};

/** The fields of an item that a person wrote, in the order the audit log lists them. */
const ENTRY_FIELDS = [
  'code',
  'name',
  'category',
  'unit',
  'priceFen',
  'coverage',
  'selfPayRatioBp',
  'restriction',
] as const satisfies readonly (keyof CatalogueEntry)[];

const entryOf = (item: CatalogueEntry): CatalogueEntry =>
  Object.fromEntries(
    ENTRY_FIELDS.filter((field) => item[field] !== undefined).map((field) => [field, item[field]]),
  ) as CatalogueEntry;

const sameCode = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

const checkEntry = (entry: CatalogueEntry): CatalogueEntry => {
  const parsed = catalogueEntrySchema.safeParse(entry);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'entry');
    throw new AppError('invalid-input', `the item's ${field} is not valid`, field);
  }
  return parsed.data;
};

/**
 * The new version replaces the base from its effective date, so the base must be the version in
 * force that day: a change made on an older version would silently drop what a newer one holds.
 */
const checkDate = (versions: CatalogueVersion[], base: CatalogueVersion, date: CalendarDate) => {
  if (!isCalendarDate(date)) throw new AppError('invalid-input', 'effective date', 'effectiveFrom');
  if (date < base.effectiveFrom)
    throw new AppError('catalogue-date-before-base', 'before the base', 'effectiveFrom', {
      date: base.effectiveFrom,
    });
  if (versionInForce(versions, date)?.id !== base.id)
    throw new AppError('catalogue-base-replaced', 'base replaced by then', 'effectiveFrom', {
      date,
    });
};

/** The base's items and the one added or changed, with what the audit log says about it. */
const applyChange = (
  items: CatalogueItem[],
  input: CatalogueItemChange,
  entry: CatalogueEntry,
): { items: CatalogueEntryWithKeys[]; before?: CatalogueEntry } => {
  const keep = (item: CatalogueItem): CatalogueEntryWithKeys => ({
    ...entryOf(item),
    searchKeys: item.searchKeys,
  });
  const changed = { ...entry, searchKeys: catalogueSearchKeys(entry, namePinyin) };
  if (input.itemId === undefined) {
    const taken = items.find((item) => sameCode(item.code, entry.code));
    if (taken)
      throw new AppError('catalogue-code-taken', `code ${entry.code} is taken`, 'code', {
        code: taken.code,
        name: taken.name,
      });
    return { items: [...items.map(keep), changed] };
  }
  const old = items.find((item) => item.id === input.itemId);
  if (!old) throw new AppError('not-found', 'no such item in the base version');
  // The code is what the insurance bureau and every plan line know the item by.
  if (old.code !== entry.code) throw new AppError('invalid-input', 'code changed', 'code');
  const before = entryOf(old);
  if (JSON.stringify(before) === JSON.stringify(entryOf(entry)))
    throw new AppError('catalogue-item-unchanged', 'nothing changed');
  return { items: items.map((item) => (item === old ? changed : keep(item))), before };
};

type CatalogueEntryWithKeys = CatalogueEntry & { searchKeys: string[] };

/**
 * Adds one item to the catalogue, or changes one, as a NEW version: every item of the base
 * version, plus the one added or changed, in force from `effectiveFrom`. Earlier versions stay as
 * they were, so a visit keeps the terms in force on its date. The version, its items, the audit
 * event (the item before and after) and the outbox entries commit in ONE transaction.
 */
export const changeCatalogueItem = async (
  ctx: StoreContext,
  actor: Actor,
  input: CatalogueItemChange,
): Promise<CatalogueVersion> => {
  actor = authorize(actor, 'catalogue.import');
  const entry = entryOf(checkEntry(input.entry));
  const { db } = ctx;
  return db.transaction('rw', catalogueWriteTables(db), async () => {
    const versions = await db.catalogueVersions.toArray();
    const base = versions.find((v) => v.id === input.baseVersionId);
    if (!base) throw new AppError('not-found', 'no such catalogue version');
    checkDate(versions, base, input.effectiveFrom);
    const result = applyChange(await versionItems(db, base.id), input, entry);
    const kind = result.before ? 'edit' : 'add';
    const changes: AuditChange[] = [
      { field: 'effectiveFrom', from: base.effectiveFrom, to: input.effectiveFrom },
      ...diffForAudit(result.before, entry),
    ];
    const version = await writeRecord<CatalogueVersion>(ctx, {
      table: 'catalogueVersions',
      row: {
        id: newId(ctx.clock),
        effectiveFrom: input.effectiveFrom,
        fileName: base.fileName,
        itemCount: result.items.length,
        fileHash: base.fileHash,
        change: { kind, basedOn: base.id, code: entry.code, name: entry.name },
      },
      before: undefined,
      audit: {
        actor,
        action: kind === 'add' ? 'create' : 'update',
        entity: 'catalogue',
        summary: `${entry.code} ${entry.name}`,
        changes,
      },
    });
    const items = result.items.map((item) => ({
      ...item,
      id: newId(ctx.clock),
      versionId: version.id,
    }));
    await addVersionItems(ctx, version, items);
    return version;
  });
};

/** A version's items in code order. */
export const versionItems = (db: ClinicDb, versionId: string): Promise<CatalogueItem[]> =>
  db.catalogueItems
    .where('[versionId+code]')
    .between([versionId, ''], [versionId, '\uffff'])
    .toArray();

/** The item of a version with this code, whatever its case: a code is taken once per version. */
export const itemWithCode = async (
  db: ClinicDb,
  versionId: string,
  code: string,
): Promise<CatalogueItem | undefined> =>
  db.catalogueItems
    .where('versionId')
    .equals(versionId)
    .filter((item) => sameCode(item.code, code.trim()))
    .first();
