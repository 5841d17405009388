import type { ClinicDb } from '../db/database';
import { renumberOutbox } from '../db/outbox';
import { CURSOR_KEY } from './apply';
import { INITIAL_KEY, freshInitialSync } from './initial-state';

/** Set while this device owes a hub that lost its log every row it holds (see queueRepush). */
export const REPUSH_KEY = 'repush';

/**
 * The hub holds less than this device saw (rebuilt, or restored from an older copy of itself):
 * the device pulls its log from the start again, as a new device would, and pushes everything it
 * holds. `renumberFrom`: the hub expects this device's changes to go on from there, so what
 * waits in the outbox is numbered from it. Nothing is lost: the merge makes what the hub already
 * has no news.
 */
export const startOver = (db: ClinicDb, renumberFrom?: number): Promise<void> =>
  db.transaction('rw', db.syncState, db.outbox, db.deviceState, async () => {
    await db.syncState.put({ key: CURSOR_KEY, value: 0 });
    await db.syncState.put({ key: INITIAL_KEY, value: freshInitialSync() });
    await db.syncState.put({ key: REPUSH_KEY, value: true });
    if (renumberFrom !== undefined)
      await renumberOutbox(db.outbox, db.deviceState, undefined, renumberFrom);
  });
