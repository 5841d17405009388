import Dexie, { type Table, type Transaction } from 'dexie';
import { newId } from '../../../shared/ids';
import { WIRE_SCHEMA_VERSION } from '../../../shared/sync/protocol';
import { patchOf } from '../../../shared/sync/merge';
import { forOlderDevices } from '../../../shared/sync/wire-compat';
import type { DeviceStateRow, OutboxEntry } from './database';
import type { StoreContext } from './write';

/** The last `deviceSeq` this device gave a change (in deviceState, never in a backup). */
export const DEVICE_SEQ_KEY = 'deviceSeq';

/** What a writer hands to the outbox; numbering and grouping are done here. */
export type QueuedChange = Pick<OutboxEntry, 'table' | 'entityId' | 'op' | 'hlc' | 'data'>;

/** The changes of one Dexie transaction share a txId: a pull page never splits them. */
const transactions = new WeakMap<Transaction, { txId: string; next: number }>();

/**
 * Queues one change for the hub, inside the caller's transaction (which must include the outbox
 * and deviceState): it commits with the rows it describes, or not at all.
 */
export const queueChange = async (ctx: StoreContext, change: QueuedChange): Promise<void> => {
  let tx = Dexie.currentTransaction;
  if (!tx) throw new Error('queueChange runs inside a transaction');
  // A nested transaction (writeRecord inside an import) belongs to its outermost one.
  while (tx.parent) tx = tx.parent;
  let group = transactions.get(tx);
  if (!group) {
    group = { txId: newId(ctx.clock), next: 0 };
    transactions.set(tx, group);
  }
  const stored = await ctx.db.deviceState.get(DEVICE_SEQ_KEY);
  const deviceSeq = (typeof stored?.value === 'number' ? stored.value : 0) + 1;
  await ctx.db.deviceState.put({ key: DEVICE_SEQ_KEY, value: deviceSeq });
  await ctx.db.outbox.add({
    id: newId(ctx.clock),
    deviceSeq,
    txId: group.txId,
    txIndex: group.next++,
    schemaVersion: WIRE_SCHEMA_VERSION,
    createdAt: new Date(ctx.clock.now()).toISOString(),
    ...change,
    data: forOlderDevices(change.table, change.data),
  });
};

/** An outbox entry as the stores before version 4 wrote it: whole rows, and no numbers. */
type LegacyEntry = {
  id: string;
  hlc: string;
  table: string;
  entityId: string;
  op: 'upsert' | 'insert';
  row: unknown;
  createdAt: string;
};

const isLegacy = (entry: OutboxEntry | LegacyEntry): entry is LegacyEntry =>
  !('deviceSeq' in entry) || typeof entry.deviceSeq !== 'number';

/** A legacy entry in the wire shape; catalogue chunks keep their shape under a per-chunk id. */
const fromLegacy = (entry: LegacyEntry, chunk: number): Pick<OutboxEntry, 'entityId' | 'data'> => {
  if (entry.table === 'catalogueItems' && Array.isArray(entry.row))
    return { entityId: `${entry.entityId}:${chunk}`, data: { items: entry.row } };
  if (entry.op === 'insert') return { entityId: entry.entityId, data: entry.row };
  const row = (entry.row ?? {}) as Record<string, unknown>;
  return {
    entityId: entry.entityId,
    data: patchOf(entry.table, undefined, row) ?? { set: {} },
  };
};

/**
 * Numbers every outbox entry 1, 2, 3, … in the order they were written and gives them the wire
 * shape. Used by the store upgrade to version 4 (entries written before numbering existed, in
 * HLC order), and when a restored backup joins the clinic as a new device: the dead device's
 * numbers are never replayed under the new one (their origin is kept).
 */
export const renumberOutbox = async (
  outbox: Table<OutboxEntry, string>,
  deviceState: Table<DeviceStateRow, string>,
  origin?: string,
  /** The first number: 1, or where a hub that lost this device's later changes expects it to go on. */
  start = 1,
): Promise<number> => {
  const entries: (OutboxEntry | LegacyEntry)[] = await outbox.toArray();
  const order = (e: OutboxEntry | LegacyEntry): [number, string, string] =>
    isLegacy(e) ? [0, e.hlc, e.id] : [e.deviceSeq, e.hlc, e.id];
  entries.sort((a, b) => {
    const [sa, ha, ia] = order(a);
    const [sb, hb, ib] = order(b);
    return sa - sb || (ha < hb ? -1 : ha > hb ? 1 : ia < ib ? -1 : ia > ib ? 1 : 0);
  });
  const renumbered: OutboxEntry[] = [];
  const chunks = new Map<string, number>();
  const txIndex = new Map<string, number>();
  for (const entry of entries) {
    const deviceSeq = start + renumbered.length;
    const txId = isLegacy(entry) ? `legacy-${entry.hlc}`.slice(0, 128) : entry.txId;
    const index = txIndex.get(txId) ?? 0;
    txIndex.set(txId, index + 1);
    if (isLegacy(entry)) {
      const chunk = chunks.get(entry.entityId) ?? 0;
      chunks.set(entry.entityId, chunk + 1);
      renumbered.push({
        id: entry.id,
        deviceSeq,
        txId,
        txIndex: index,
        hlc: entry.hlc,
        table: entry.table,
        op: entry.op,
        schemaVersion: WIRE_SCHEMA_VERSION,
        createdAt: entry.createdAt,
        ...fromLegacy(entry, chunk),
        ...(origin ? { origin: { deviceId: origin } } : {}),
      });
    } else {
      renumbered.push({
        ...entry,
        deviceSeq,
        txIndex: index,
        origin: entry.origin ?? {
          ...(origin ? { deviceId: origin } : {}),
          deviceSeq: entry.deviceSeq,
        },
      });
    }
  }
  await outbox.clear();
  await outbox.bulkAdd(renumbered);
  await deviceState.put({ key: DEVICE_SEQ_KEY, value: start - 1 + renumbered.length });
  return renumbered.length;
};
