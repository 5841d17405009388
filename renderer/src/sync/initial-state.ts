import { SNAPSHOT_PARTS, type SnapshotPart } from '../../../shared/sync/snapshot-parts';
import type { ClinicDb } from '../db/database';

/**
 * Where this device's initial sync stands (syncState). A new device takes the hub's snapshot
 * part by part (setup, patients, visits, history), then pulls the tail of the log; it is
 * complete only once a pull reached the end of the log after that. Interrupted, it resumes at
 * the first snapshot line not applied.
 */
export type InitialSync = {
  complete: boolean;
  /** Snapshot segments applied, by `part:from:to` (a segment rewritten after an erasure keeps it). */
  segmentsDone: string[];
  /** The segment being applied, and how many of its lines are in. */
  current?: { segment: string; lines: number };
  /** Parts every segment of which is in: patient search works once `patients` is. */
  partsDone: SnapshotPart[];
  /** Changes applied since the initial sync began (snapshot lines and pulled changes). */
  applied: number;
};

export const INITIAL_KEY = 'initial';

export const freshInitialSync = (): InitialSync => ({
  complete: false,
  segmentsDone: [],
  partsDone: [],
  applied: 0,
});

/** A device linked before initial syncs were recorded is treated as incomplete until it catches up. */
export const readInitialSync = async (db: ClinicDb): Promise<InitialSync> => {
  const stored = (await db.syncState.get(INITIAL_KEY))?.value as Partial<InitialSync> | undefined;
  return { ...freshInitialSync(), ...stored };
};

export const startInitialSync = (db: ClinicDb) =>
  db.syncState.put({ key: INITIAL_KEY, value: freshInitialSync() });

/** Marks the initial sync complete: called once a pull reached the end of the log. */
export const completeInitialSync = async (db: ClinicDb): Promise<void> => {
  await db.transaction('rw', db.syncState, async () => {
    const state = await readInitialSync(db);
    if (state.complete) return;
    await db.syncState.put({
      key: INITIAL_KEY,
      value: { ...state, complete: true, current: undefined, partsDone: [...SNAPSHOT_PARTS] },
    });
  });
};

/** A device away past the hub's horizon catches up like a new one; its screens say so meanwhile. */
export const reopenInitialSync = async (db: ClinicDb): Promise<void> => {
  await db.transaction('rw', db.syncState, async () => {
    const state = await readInitialSync(db);
    await db.syncState.put({ key: INITIAL_KEY, value: { ...state, complete: false } });
  });
};
