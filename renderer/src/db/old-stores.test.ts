import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../shared/ids';
import {
  ACTIVE_STORE_KEY,
  previousStores,
  restoredStoreName,
  setPreviousStores,
  switchActiveStore,
} from './active-store';
import { ClinicDb } from './database';
import { deleteOldStore, listOldStores, makeRoomForOldStore } from './old-stores';
import { memoryStorage } from './testing/memory-storage';
import { OWNER_PASSWORD, reasonOf, storeWithOwner } from './testing/store';

const FIRST_RESTORE = '2026-11-20T10:00:00.000Z';
const SECOND_RESTORE = '2026-11-23T02:30:00.000Z';

/** A store with a row in it, as a restore leaves one behind. */
const storeOnDisk = async () => {
  const db = new ClinicDb(restoredStoreName(newId()), { indexedDB, IDBKeyRange });
  await db.settings.put({ id: 'k', key: 'k', value: 1 } as never);
  db.close();
  return db.name;
};

const exists = async (name: string) =>
  (await indexedDB.databases()).some((found) => found.name === name);

/** A PC running on `active`, that once ran on `old` (replaced at FIRST_RESTORE). */
const pcWithOldStore = async () => {
  const clinic = await storeWithOwner();
  const old = await storeOnDisk();
  const storage = memoryStorage({ [ACTIVE_STORE_KEY]: restoredStoreName(newId()) });
  setPreviousStores(storage, [{ name: old, replacedAt: FIRST_RESTORE }]);
  const access = { storage, directory: indexedDB };
  const change = (password: string) => ({
    ctx: clinic.ctx,
    actor: clinic.ownerActor,
    host: undefined as never,
    password,
  });
  return { ...clinic, old, storage, access, change };
};

describe('stores left behind by restores', () => {
  it('keeps the store a restore replaced, with when, and a second restore deletes the older one', async () => {
    const { ownerActor, ctx } = await storeWithOwner();
    const original = await storeOnDisk();
    const storage = memoryStorage({ [ACTIVE_STORE_KEY]: original });
    const access = { storage, directory: indexedDB };

    const first = await storeOnDisk();
    await makeRoomForOldStore(ctx, ownerActor, access);
    switchActiveStore(storage, first, FIRST_RESTORE);
    expect(await listOldStores(access)).toEqual([{ name: original, replacedAt: FIRST_RESTORE }]);

    // The second restore writes into its own new store, whose log is the one in use afterwards.
    const second = await storeWithOwner();
    await makeRoomForOldStore(second.ctx, ownerActor, access);
    switchActiveStore(storage, restoredStoreName(newId()), SECOND_RESTORE);
    expect(await exists(original)).toBe(false);
    expect(await listOldStores(access)).toEqual([{ name: first, replacedAt: SECOND_RESTORE }]);
    const deleted = await second.db.auditEvents
      .filter((event) => event.action === 'delete')
      .toArray();
    expect(deleted).toEqual([
      expect.objectContaining({
        actorName: '李娜',
        entity: 'backup',
        entityId: original,
        summary: '恢复前的旧数据 / data from before a restore · 2026-11-20 18:00',
        reason:
          '恢复备份时自动删除：本机最多保留一份旧数据 / removed by a restore: one is kept at most',
      }),
    ]);
  });

  it('lets the owner delete one with their own password, and logs who deleted which', async () => {
    const { old, access, change, db } = await pcWithOldStore();
    expect(await reasonOf(deleteOldStore(change('not my password'), access, old))).toBe(
      'wrong-password',
    );
    expect(await exists(old)).toBe(true);

    await deleteOldStore(change(OWNER_PASSWORD), access, old);
    expect(await exists(old)).toBe(false);
    expect(await listOldStores(access)).toEqual([]);
    expect(previousStores(access.storage)).toEqual([]);
    const events = await db.auditEvents.filter((event) => event.action === 'delete').toArray();
    expect(events).toEqual([
      expect.objectContaining({
        actorName: '李娜',
        role: 'owner',
        entity: 'backup',
        entityId: old,
        summary: '恢复前的旧数据 / data from before a restore · 2026-11-20 18:00',
      }),
    ]);
    expect(events[0]!.reason).toBeUndefined();
  });

  it('deletes nothing but an old store on the list: not the store in use, not another database', async () => {
    const { access, change, storage, db } = await pcWithOldStore();
    const inUse = storage.getItem(ACTIVE_STORE_KEY)!;
    setPreviousStores(storage, [...previousStores(storage), { name: inUse }]);
    const someoneElses = new ClinicDb(`other-${newId()}`, { indexedDB, IDBKeyRange });
    await someoneElses.open();
    for (const name of [
      inUse,
      someoneElses.name,
      db.name,
      '../clinicdesk',
      restoredStoreName('gone'),
    ])
      expect(await reasonOf(deleteOldStore(change(OWNER_PASSWORD), access, name))).toBe(
        'not-found',
      );
    expect(await exists(someoneElses.name)).toBe(true);
    expect(await exists(db.name)).toBe(true);
  });

  it('lets only the owner delete one', async () => {
    const { old, access, change } = await pcWithOldStore();
    const asFrontDesk = {
      ...change(OWNER_PASSWORD),
      actor: {
        staffId: 'x',
        name: '王芳',
        roles: ['front-desk' as const],
        role: 'front-desk' as const,
      },
    };
    expect(await reasonOf(deleteOldStore(asFrontDesk, access, old))).toBe('forbidden');
    expect(await exists(old)).toBe(true);
  });
});
