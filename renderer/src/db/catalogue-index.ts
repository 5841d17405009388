import Dexie from 'dexie';
import type { CatalogueItem } from '../../../shared/catalogue/catalogue';
import { searchText } from '../../../shared/catalogue/catalogue-search';
import { bestMatches } from '../../../shared/search/match-rank';
import type { ClinicDb } from './database';

type Indexed = { item: CatalogueItem; code: string; keys: readonly string[] };

/**
 * A version's items held in memory, in code order, for matching anywhere in a key: IndexedDB can
 * only match from a key's start. A version never changes once imported, so its index stays right
 * until the page closes. A city's 20,000 items are a few megabytes; only the last two versions
 * looked at are kept (a visit's and the catalogue screen's).
 */
const KEPT_VERSIONS = 2;
const indexes = new WeakMap<ClinicDb, Map<string, Promise<Indexed[]>>>();

const load = (db: ClinicDb, versionId: string): Promise<Indexed[]> =>
  // Outside any caller's transaction or live query: the index outlives them both.
  Dexie.ignoreTransaction(async () => {
    const items = await db.catalogueItems
      .where('[versionId+code]')
      .between([versionId, ''], [versionId, '\uffff'])
      .toArray();
    return items.map((item) => ({ item, code: searchText(item.code), keys: item.searchKeys }));
  });

const versionIndex = (db: ClinicDb, versionId: string): Promise<Indexed[]> => {
  let byVersion = indexes.get(db);
  if (!byVersion) indexes.set(db, (byVersion = new Map()));
  const cached = byVersion.get(versionId);
  if (cached) {
    // Most recently used last, so the oldest is the first to go.
    byVersion.delete(versionId);
    byVersion.set(versionId, cached);
    return cached;
  }
  const loading = load(db, versionId);
  byVersion.set(versionId, loading);
  loading.catch(() => byVersion.delete(versionId));
  for (const old of [...byVersion.keys()].slice(0, -KEPT_VERSIONS)) byVersion.delete(old);
  return loading;
};

/** Reads a version into memory ahead of the first keystroke (the search box calls it on open). */
export const warmCatalogueIndex = async (db: ClinicDb, versionId: string): Promise<void> => {
  await versionIndex(db, versionId);
};

/**
 * Items of one version matching the query in their code, name, full pinyin or initials: the exact
 * code first, then keys starting with it, then keys holding it anywhere; code order within each.
 */
export const searchCatalogueVersion = async (
  db: ClinicDb,
  versionId: string,
  query: string,
  limit = 50,
): Promise<CatalogueItem[]> => {
  const key = searchText(query);
  if (key === '') return [];
  const index = await versionIndex(db, versionId);
  return bestMatches(key, index, (entry) => entry, limit).map((entry) => entry.item);
};
