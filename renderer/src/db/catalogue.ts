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
import type { ClinicDb } from './database';
import { queueChange } from './outbox';
import { searchCatalogueVersion } from './catalogue-index';
import { namePinyin } from './pinyin';
import {
  type Actor,
  authorize,
  recordKeepingTables,
  type StoreContext,
  writeRecord,
} from './write';

export type CatalogueImport = {
  fileName: string;
  fileHash: string;
  effectiveFrom: CalendarDate;
  entries: readonly CatalogueEntry[];
};

/** `keys`: search keys being made (pinyin, CPU only); `write`: rows going into the store. */
export type ImportProgress = { phase: 'keys' | 'write'; done: number; total: number };

/**
 * Rows per bulkAdd, and how often the progress bar moves. Large enough that IndexedDB's per-call
 * cost vanishes, small enough that the bar moves ten times for a city's 20,000 items.
 */
export const IMPORT_CHUNK = 2000;
const FILE_NAME_MAX = 260;

/** Lets the page paint the progress bar between chunks of CPU-bound work. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const checkImport = (input: CatalogueImport) => {
  if (!isCalendarDate(input.effectiveFrom))
    throw new AppError('invalid-input', 'effective date', 'effectiveFrom');
  if (input.entries.length === 0) throw new AppError('invalid-input', 'no items', 'entries');
  if (!/^[0-9a-f]{64}$/.test(input.fileHash) || input.fileName.length > FILE_NAME_MAX)
    throw new AppError('invalid-input', 'file name or hash', 'fileName');
  const codes = new Set<string>();
  input.entries.forEach((entry, index) => {
    // The preview checked the file; this is the store's own check, for any other caller.
    if (!catalogueEntrySchema.safeParse(entry).success)
      throw new AppError('invalid-input', `entry ${index} is not a valid item`, 'entries');
    const code = entry.code.toUpperCase();
    if (codes.has(code)) throw new AppError('invalid-input', `code ${code} twice`, 'entries');
    codes.add(code);
  });
};

const makeItems = async (
  clock: StoreContext['clock'],
  versionId: string,
  entries: readonly CatalogueEntry[],
  onProgress?: (progress: ImportProgress) => void,
): Promise<CatalogueItem[]> => {
  const items: CatalogueItem[] = [];
  for (let start = 0; start < entries.length; start += IMPORT_CHUNK) {
    for (const entry of entries.slice(start, start + IMPORT_CHUNK)) {
      items.push({
        ...entry,
        id: newId(clock),
        versionId,
        searchKeys: catalogueSearchKeys(entry, namePinyin),
      });
    }
    onProgress?.({ phase: 'keys', done: items.length, total: entries.length });
    await nextFrame();
  }
  return items;
};

/** Every table a new catalogue version writes: its row, items, audit event and outbox entries. */
export const catalogueWriteTables = (db: ClinicDb) => [
  db.catalogueVersions,
  db.catalogueItems,
  ...recordKeepingTables(db),
];

/**
 * Adds a new version's items and queues them for the hub, inside the caller's transaction (over
 * `catalogueWriteTables`), after the version row is written.
 *
 * Items go to the outbox one entry per chunk, not per item: `op: 'insert'`, `entityId` the version
 * and the chunk's number, `data.items` an array of up to IMPORT_CHUNK items (append-only rows, so
 * no merge is needed). An entry per item cost a quarter of the write time for 20,000 rows
 * (tests/bench/catalogue.bench.ts). The entries carry the version's HLC: the version and its items
 * are one change.
 */
export const addVersionItems = async (
  ctx: StoreContext,
  version: CatalogueVersion,
  items: readonly CatalogueItem[],
  onProgress?: (progress: ImportProgress) => void,
): Promise<void> => {
  const total = items.length;
  for (let start = 0; start < total; start += IMPORT_CHUNK) {
    const chunk = items.slice(start, start + IMPORT_CHUNK);
    await ctx.db.catalogueItems.bulkAdd(chunk);
    await queueChange(ctx, {
      hlc: version.hlc,
      table: 'catalogueItems',
      entityId: `${version.id}:${start / IMPORT_CHUNK}`,
      op: 'insert',
      data: { items: chunk },
    });
    onProgress?.({ phase: 'write', done: start + chunk.length, total });
  }
};

/**
 * Imports a catalogue file as a new version. The version, every item, the audit event and the
 * outbox entries commit in ONE transaction: a failure halfway leaves no half catalogue.
 */
export const importCatalogue = async (
  ctx: StoreContext,
  actor: Actor,
  input: CatalogueImport,
  onProgress?: (progress: ImportProgress) => void,
): Promise<CatalogueVersion> => {
  actor = authorize(actor, 'catalogue.import');
  checkImport(input);
  const { db } = ctx;
  const versionId = newId(ctx.clock);
  // Search keys before the transaction: a transaction is no place for seconds of CPU work.
  const items = await makeItems(ctx.clock, versionId, input.entries, onProgress);
  return db.transaction('rw', catalogueWriteTables(db), async () => {
    const version = await writeRecord<CatalogueVersion>(ctx, {
      table: 'catalogueVersions',
      row: {
        id: versionId,
        effectiveFrom: input.effectiveFrom,
        fileName: input.fileName,
        itemCount: items.length,
        fileHash: input.fileHash,
      },
      before: undefined,
      audit: { actor, action: 'import', entity: 'catalogue', summary: input.fileName },
    });
    await addVersionItems(ctx, version, items, onProgress);
    return version;
  });
};

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Newest first: by effective date, then by import order for two versions of the same day. */
export const versionsNewestFirst = async (db: ClinicDb): Promise<CatalogueVersion[]> =>
  (await db.catalogueVersions.toArray()).sort((a, b) =>
    a.effectiveFrom === b.effectiveFrom
      ? compare(b.hlc, a.hlc)
      : compare(b.effectiveFrom, a.effectiveFrom),
  );

export const versionInForceOn = async (
  db: ClinicDb,
  date: CalendarDate,
): Promise<CatalogueVersion | undefined> =>
  versionInForce(await db.catalogueVersions.toArray(), date);

/**
 * Earlier imports of the same file (by its hash): the preview warns before a second import. A
 * version changed by hand keeps its file's hash but is not an import of it.
 */
export const importsOfFile = async (db: ClinicDb, fileHash: string): Promise<CatalogueVersion[]> =>
  (await db.catalogueVersions.toArray()).filter((v) => v.fileHash === fileHash && !v.change);

export const loadCatalogueItem = async (db: ClinicDb, id: string): Promise<CatalogueItem> => {
  const item = await db.catalogueItems.get(id);
  if (!item) throw new AppError('not-found', 'no such catalogue item');
  return item;
};

/** The search box on a visit's date: only items of the catalogue in force that day. */
export const searchCatalogue = async (
  db: ClinicDb,
  date: CalendarDate,
  query: string,
  limit = 50,
): Promise<CatalogueItem[]> => {
  const version = await versionInForceOn(db, date);
  return version ? searchCatalogueVersion(db, version.id, query, limit) : [];
};

/** One page of a version's items in code order, for browsing without a query. */
export const catalogueItemsPage = (
  db: ClinicDb,
  versionId: string,
  page: { offset: number; limit: number },
): Promise<CatalogueItem[]> =>
  db.catalogueItems
    .where('[versionId+code]')
    .between([versionId, ''], [versionId, '\uffff'])
    .offset(page.offset)
    .limit(page.limit)
    .toArray();
