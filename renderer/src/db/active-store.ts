import { DEFAULT_DB_NAME } from './database';

/**
 * Which IndexedDB store the app opens. A restore writes the backup into a new store and, only
 * once it has been read and checked in full, points the app at it; the store that was in use
 * stays untouched as the fallback (PRODUCT.md §5.3). The pointer lives outside IndexedDB so that
 * start-up knows which store to open before opening any.
 */
export const ACTIVE_STORE_KEY = 'clinicdesk.store';
/** Stores replaced by a restore, oldest first, with when (old-stores.ts keeps at most one). */
export const PREVIOUS_STORES_KEY = 'clinicdesk.store.previous';

export type PointerStorage = Pick<Storage, 'getItem' | 'setItem'>;

const STORE_NAME = /^clinicdesk(-restored-[0-9a-z-]{1,64})?$/;

export const activeStoreName = (storage: PointerStorage): string => {
  const name = storage.getItem(ACTIVE_STORE_KEY);
  return name && STORE_NAME.test(name) ? name : DEFAULT_DB_NAME;
};

/** A name no store has had: a restore never writes into a store that exists. */
export const restoredStoreName = (id: string): string => `${DEFAULT_DB_NAME}-restored-${id}`;

/** A store a restore replaced. `replacedAt` (ISO) is missing for those listed before it was kept. */
export type OldStore = { name: string; replacedAt?: string };

const isStoreName = (name: unknown): name is string =>
  typeof name === 'string' && STORE_NAME.test(name);

/** Reads the list, as plain names (before dates were kept) or dated entries; junk is dropped. */
export const previousStores = (storage: PointerStorage): OldStore[] => {
  try {
    const list: unknown = JSON.parse(storage.getItem(PREVIOUS_STORES_KEY) ?? '[]');
    if (!Array.isArray(list)) return [];
    return list.flatMap((entry: unknown): OldStore[] => {
      if (isStoreName(entry)) return [{ name: entry }];
      const { name, replacedAt } = (entry ?? {}) as Partial<Record<keyof OldStore, unknown>>;
      if (!isStoreName(name)) return [];
      return [typeof replacedAt === 'string' ? { name, replacedAt } : { name }];
    });
  } catch {
    return [];
  }
};

export const setPreviousStores = (storage: PointerStorage, stores: readonly OldStore[]): void =>
  storage.setItem(PREVIOUS_STORES_KEY, JSON.stringify(stores));

/** Points the app at a restored store and remembers the one it replaces, and when. */
export const switchActiveStore = (storage: PointerStorage, name: string, at: string): void => {
  if (!STORE_NAME.test(name)) throw new RangeError(`not a store name: ${name}`);
  const current = activeStoreName(storage);
  if (current === name) return;
  const kept = previousStores(storage).filter((store) => store.name !== current);
  setPreviousStores(storage, [...kept, { name: current, replacedAt: at }]);
  storage.setItem(ACTIVE_STORE_KEY, name);
};
