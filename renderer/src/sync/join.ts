import { encodeHlc } from '../../../shared/clock/hlc';
import type { Role } from '../../../shared/auth/roles';
import { BASE_CLOCK, mergeChange, type StoredRow } from '../../../shared/sync/merge';
import { fromOlderDevices } from '../../../shared/sync/wire-compat';
import type { ClinicDb } from '../db/database';
import { rowClocksKey } from '../db/write';

/**
 * What a PC in use brings to a clinic when it joins: shown to the owner before pairing, since
 * every workstation will see it and joining cannot be undone.
 */
export type JoinSummary = {
  patients: number;
  visits: number;
  consents: number;
  staff: { displayName: string; username: string; roles: readonly Role[] }[];
};

export const summarizeJoin = async (db: ClinicDb): Promise<JoinSummary> => {
  const [patients, visits, consents, staff] = await Promise.all([
    db.patients.count(),
    db.visits.count(),
    db.consents.count(),
    db.staff.orderBy('username').toArray(),
  ]);
  return {
    patients,
    visits,
    consents,
    staff: staff.map(({ displayName, username, roles }) => ({ displayName, username, roles })),
  };
};

/**
 * Older than any stamp a person's change gets: whatever the clinic has set beats it. `rank`
 * keeps this PC's own changes in their order (the later of two edits still wins among them).
 */
export const yieldingStamp = (node: string, rank = 0): string =>
  encodeHlc({ wall: 0, counter: Math.min(rank, MAX_RANK), node });

const MAX_RANK = 99_999;

/**
 * A PC in use joins a clinic whose hub already holds data: the clinic's settings win. This PC's
 * settings still go to the hub, but stamped older than any change (in their own order), so they
 * fill in only what the clinic never set. The rows held here keep, for each group, the stamp the
 * yielded changes give it, exactly as a PC that receives those changes folds them: one stamp for
 * the whole row would make the clinic's other PCs and this one judge a later competing change
 * differently (who created a row is its FIRST setter's, not its last change's). A row with no
 * change to yield has the lowest stamp of all. Runs in the pairing transaction (settings,
 * rowClocks, outbox).
 */
export const yieldSettings = async (db: ClinicDb, node: string): Promise<void> => {
  const changes = (await db.outbox.filter((entry) => entry.table === 'settings').toArray()).sort(
    (a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.deviceSeq - b.deviceSeq),
  );
  const folded = new Map<string, StoredRow>();
  changes.forEach((entry, i) => {
    entry.hlc = yieldingStamp(node, i + 1);
    const result = mergeChange(folded.get(entry.entityId), {
      table: 'settings',
      entityId: entry.entityId,
      op: entry.op,
      hlc: entry.hlc,
      data: fromOlderDevices('settings', entry.data),
      deviceId: node,
    });
    if (result.kind === 'write')
      folded.set(entry.entityId, { row: result.row, clocks: result.clocks });
  });
  await db.outbox.bulkPut(changes);
  const held = await db.settings.toArray();
  await db.rowClocks.bulkPut(
    held.map((row) => {
      const clocks = folded.get(row.key)?.clocks;
      return {
        key: rowClocksKey('settings', row.key),
        clocks:
          clocks && Object.keys(clocks).length > 0 ? clocks : { [BASE_CLOCK]: yieldingStamp(node) },
      };
    }),
  );
};
