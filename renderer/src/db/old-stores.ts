import { AppError } from '../../../shared/errors';
import {
  activeStoreName,
  previousStores,
  setPreviousStores,
  type OldStore,
  type PointerStorage,
} from './active-store';
import { recordOldStoreDeleted } from './backup-audit';
import { confirmOwner, type GuardedChange } from './backup-settings';
import type { Actor, StoreContext } from './write';

/*
 * Stores a restore left behind (hardening item 14). A restore writes the backup into a new
 * IndexedDB database and points the app at it (active-store.ts); the database it replaced stays
 * as the fallback, in the same origin's IndexedDB, with the list of them in localStorage. The
 * desktop app is no different: Chromium keeps all of a page's databases in one LevelDB folder of
 * its profile, which the main process can neither list nor delete by database. So the page lists
 * and deletes them itself, through indexedDB.databases() and deleteDatabase(), in both hosts; only
 * names on the list, present in IndexedDB and other than the store in use, can be deleted.
 */

/** Old stores kept on this PC: a restore that would leave more deletes the oldest. */
export const KEEP_OLD_STORES = 1;

/** The page's IndexedDB (fake-indexeddb in tests). */
export type StoreDirectory = Pick<IDBFactory, 'databases' | 'deleteDatabase'>;
export type OldStoreAccess = { storage: PointerStorage; directory: StoreDirectory };

/** The old stores still on this PC, oldest first. */
export const listOldStores = async ({
  storage,
  directory,
}: OldStoreAccess): Promise<OldStore[]> => {
  const present = new Set((await directory.databases()).map((found) => found.name));
  const active = activeStoreName(storage);
  return previousStores(storage).filter(
    (store) => store.name !== active && present.has(store.name),
  );
};

const removeDatabase = (directory: StoreDirectory, name: string) =>
  new Promise<void>((resolve, reject) => {
    const request = directory.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
    // A tab still open on it is 'blocked' only for a moment: Dexie closes its connection on the
    // deletion's versionchange event, and the deletion then goes on.
  });

const forget = (storage: PointerStorage, names: readonly string[]) =>
  setPreviousStores(
    storage,
    previousStores(storage).filter((store) => !names.includes(store.name)),
  );

/**
 * The owner deletes one old store, by their own password (the data are gone for good); the log
 * of the store in use says who and which.
 */
export const deleteOldStore = async (
  change: GuardedChange,
  access: OldStoreAccess,
  name: string,
): Promise<void> => {
  await confirmOwner(change);
  const store = (await listOldStores(access)).find((old) => old.name === name);
  if (!store) throw new AppError('not-found', 'not an old store on this PC');
  await removeDatabase(access.directory, store.name);
  forget(access.storage, [store.name]);
  await recordOldStoreDeleted(change.ctx, change.actor, store, 'by-owner');
};

/**
 * Before a restore switches stores, the store in use is about to become an old one: the oldest
 * already there are deleted so that no more than KEEP_OLD_STORES remain. `ctx` is the restored
 * store, whose log is the one in use from then on; it records each deletion.
 */
export const makeRoomForOldStore = async (
  ctx: StoreContext,
  actor: Actor,
  access: OldStoreAccess,
): Promise<void> => {
  const old = await listOldStores(access);
  // Names listed but no longer in IndexedDB (deleted in another tab) are only forgotten.
  const listed = previousStores(access.storage).map((store) => store.name);
  forget(
    access.storage,
    listed.filter((name) => !old.some((store) => store.name === name)),
  );
  for (const store of old.slice(0, Math.max(0, old.length - (KEEP_OLD_STORES - 1)))) {
    await removeDatabase(access.directory, store.name);
    forget(access.storage, [store.name]);
    await recordOldStoreDeleted(ctx, actor, store, 'by-restore');
  }
};
