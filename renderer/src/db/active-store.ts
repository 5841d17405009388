import { DEFAULT_DB_NAME } from './database';

/**
 * Which IndexedDB store the app opens. A restore writes the backup into a new store and, only
 * once it has been read and checked in full, points the app at it; the store that was in use
 * stays untouched as the fallback (PRODUCT.md §5.3). The pointer lives outside IndexedDB so that
 * start-up knows which store to open before opening any.
 */
export const ACTIVE_STORE_KEY = 'clinicdesk.store';
/** Stores replaced by a restore, newest last: kept, never deleted by the app. */
export const PREVIOUS_STORES_KEY = 'clinicdesk.store.previous';

type PointerStorage = Pick<Storage, 'getItem' | 'setItem'>;

const STORE_NAME = /^clinicdesk(-restored-[0-9a-z-]{1,64})?$/;

export const activeStoreName = (storage: PointerStorage): string => {
  const name = storage.getItem(ACTIVE_STORE_KEY);
  return name && STORE_NAME.test(name) ? name : DEFAULT_DB_NAME;
};

/** A name no store has had: a restore never writes into a store that exists. */
export const restoredStoreName = (id: string): string => `${DEFAULT_DB_NAME}-restored-${id}`;

export const previousStores = (storage: PointerStorage): string[] => {
  try {
    const list: unknown = JSON.parse(storage.getItem(PREVIOUS_STORES_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return [];
  }
};

/** Points the app at a restored store and remembers the one it replaces. */
export const switchActiveStore = (storage: PointerStorage, name: string): void => {
  if (!STORE_NAME.test(name)) throw new RangeError(`not a store name: ${name}`);
  const current = activeStoreName(storage);
  if (current === name) return;
  storage.setItem(PREVIOUS_STORES_KEY, JSON.stringify([...previousStores(storage), current]));
  storage.setItem(ACTIVE_STORE_KEY, name);
};
