import { encodeHlc } from '../../../shared/clock/hlc';
import type { Role } from '../../../shared/auth/roles';
import { BASE_CLOCK } from '../../../shared/sync/merge';
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
 * fill in only what the clinic never set; the rows held here carry the stamp of their last
 * change until the clinic's arrive. Runs in the pairing transaction (settings, rowClocks, outbox).
 */
export const yieldSettings = async (db: ClinicDb, node: string): Promise<void> => {
  const changes = (await db.outbox.filter((entry) => entry.table === 'settings').toArray()).sort(
    (a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.deviceSeq - b.deviceSeq),
  );
  const last = new Map<string, string>();
  changes.forEach((entry, i) => {
    entry.hlc = yieldingStamp(node, i + 1);
    last.set(entry.entityId, entry.hlc);
  });
  await db.outbox.bulkPut(changes);
  const held = await db.settings.toArray();
  await db.rowClocks.bulkPut(
    held.map((row) => ({
      key: rowClocksKey('settings', row.key),
      clocks: { [BASE_CLOCK]: last.get(row.key) ?? yieldingStamp(node) },
    })),
  );
};
