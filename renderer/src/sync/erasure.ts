import { isWipedAuditEvent, wipeAuditEvent } from '../../../shared/audit/personal-digest';
import { erasedData, erasureWipes, type Erasure } from '../../../shared/sync/merge';
import { syncedTables } from '../../../shared/sync/merge-spec';
import type { ClinicDb, ErasureRow } from '../db/database';
import { rowClocksKey } from '../db/write';

/**
 * Retention disposal on this device (shared/sync/merge-spec.ts, "Erasure"): what an erasure
 * removes besides the row itself, and how a restored store is made to honour the erasures.
 */

/** The erasure a stored row records. */
export const erasureOf = (row: ErasureRow): Erasure => ({
  table: row.table,
  entityId: row.entityId,
  hlc: row.hlc,
  data: row.data,
});

const keyOf = (item: { table: string; entityId: string }) =>
  rowClocksKey(item.table, item.entityId);

/**
 * This device's traces of erased rows (`keys`: "<table>/<id>"), inside the caller's transaction
 * over the outbox and syncIssues: its changes not yet acknowledged by the hub lose their content
 * (their numbers stay, so the hub sees no gap; it wipes what it received of them anyway; an audit
 * event goes out wiped, as the hub keeps it: its chain needs it), and changes kept for the owner
 * (quarantined, or too new) are dropped. Erasures are rare: both tables are small, and read whole
 * only when one is applied.
 */
export const forgetErased = async (db: ClinicDb, keys: ReadonlySet<string>): Promise<void> => {
  await db.outbox
    .filter((entry) => entry.op !== 'erase' && entry.data !== null && keys.has(keyOf(entry)))
    .modify((entry) => {
      entry.data = erasedData(entry.table, entry.data);
    });
  await db.syncIssues.filter((issue) => keys.has(keyOf(issue))).delete();
};

/**
 * Makes a store honour every erasure it holds, after `also` (the erasures of the store in use)
 * are added to them: the erased rows, their clocks, and the traces `forgetErased` removes. For a
 * restored backup, made perhaps before the disposal: it must not bring an erased row back, and
 * keeps blocking it afterwards. An erased audit event is wiped, not removed (its chain must
 * verify). Returns how many rows were removed or wiped.
 */
export const honourErasures = async (
  db: ClinicDb,
  also: readonly ErasureRow[] = [],
): Promise<number> => {
  return db.transaction(
    'rw',
    [db.erasures, db.rowClocks, db.outbox, db.syncIssues, ...syncedTables.map((t) => db.table(t))],
    async () => {
      // The store's own erasure stays when both hold one: the earliest of two is what the
      // merge keeps, and the next pull settles it the same way on every device.
      const held = new Set(await db.erasures.toCollection().primaryKeys());
      const added = also.filter((e) => !held.has(e.key));
      if (added.length > 0) await db.erasures.bulkAdd(added);
      const all = await db.erasures.toArray();
      if (all.length === 0) return 0;
      let removed = 0;
      const byTable = new Map<string, string[]>();
      for (const erasure of all) {
        if (!syncedTables.includes(erasure.table)) continue;
        byTable.set(erasure.table, [...(byTable.get(erasure.table) ?? []), erasure.entityId]);
      }
      const keys = new Set(all.map((e) => e.key));
      for (const [table, ids] of byTable) {
        if (erasureWipes(table)) {
          removed += await wipeAuditEvents(db, ids, keys);
          continue;
        }
        const present = (await db.table(table).bulkGet(ids)).filter(Boolean).length;
        removed += present;
        await db.table(table).bulkDelete(ids);
      }
      await db.rowClocks.bulkDelete([...keys]);
      await forgetErased(db, keys);
      return removed;
    },
  );
};

/**
 * Wipes the erased audit events a restored store holds whole; inside `honourErasures`'s
 * transaction. Their clocks go as any erased row's (`keys` keeps them listed): a wiped event's
 * own hlc stands for it. One written before personal digests cannot be wiped: it stays whole, and
 * its key leaves `keys`, so that what the owner was told of it stays. Returns how many were wiped.
 */
const wipeAuditEvents = async (
  db: ClinicDb,
  ids: readonly string[],
  keys: Set<string>,
): Promise<number> => {
  const rows = (await db.auditEvents.bulkGet([...ids])).filter((row) => row !== undefined);
  const wiped = [];
  for (const row of rows) {
    const left = wipeAuditEvent(row);
    if (!left) keys.delete(keyOf({ table: 'auditEvents', entityId: row.id }));
    else if (!isWipedAuditEvent(row)) wiped.push(left);
  }
  if (wiped.length > 0) await db.auditEvents.bulkPut(wiped);
  return wiped.length;
};
