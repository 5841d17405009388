import { encodeHlc } from '../../../shared/clock/hlc';
import { newId } from '../../../shared/ids';
import {
  BASE_CLOCK,
  ROW_CLOCK,
  rowAsChanges,
  type RebuiltChange,
} from '../../../shared/sync/merge';
import { MERGE_SPECS, syncedTables } from '../../../shared/sync/merge-spec';
import { WIRE_SCHEMA_VERSION } from '../../../shared/sync/protocol';
import { erasureEventId } from '../../../shared/sync/verdict';
import { forOlderDevices } from '../../../shared/sync/wire-compat';
import type { HubClient } from '../../../shared/sync/hub-client';
import type { HubStamp } from '../../../shared/sync/protocol';
import type { ClinicDb, ErasureRow, OutboxEntry } from '../db/database';
import { DEVICE_SEQ_KEY } from '../db/outbox';
import { rowClocksKey } from '../db/write';
import type { ApplyContext } from './apply';
import { HubLostChangesError, pushOutbox } from './exchange';
import { REPUSH_KEY, startOver } from './start-over';

/** Rows read, rebuilt and queued per transaction. */
const PAGE = 1000;
/** Catalogue items travel in chunks, as an import sends them. */
const CATALOGUE_CHUNK = 2000;

type Row = Record<string, unknown>;

/**
 * Queues every row this device holds as changes, each group with the stamp that won it
 * (`rowAsChanges`): for a hub that lost its log (rebuilt, or restored from an older copy of
 * itself). What any device holds reaches the hub again, and the merge makes the re-pushed rows
 * no news to a device that has them. A row with no stamp at all (written before stamps
 * existed) goes with the lowest stamp, so it fills a gap and never overrides anything.
 */
export const queueRepush = async (
  db: ClinicDb,
  context: { deviceId: string; now: () => number },
): Promise<number> => {
  const unstamped = encodeHlc({ wall: 0, counter: 0, node: context.deviceId });
  const { byEvent, unlinked } = await heldErasures(db);
  // An erasure whose disposal event this PC does not hold goes alone, first: the new hub refuses
  // it (nobody answers for it) and keeps the content, and the owner sees it refused.
  let queued = await queueAlone(db, unlinked, context);
  for (const table of syncedTables) {
    const store = db.table(table);
    const keyPath = store.schema.primKey.keyPath as string;
    let after: string | undefined;
    for (;;) {
      const added = await db.transaction(
        'rw',
        [store, db.rowClocks, db.outbox, db.deviceState],
        async () => {
          const rows = (await (
            after === undefined ? store.orderBy(':id') : store.where(':id').above(after)
          )
            .limit(table === 'catalogueItems' ? CATALOGUE_CHUNK : PAGE)
            .toArray()) as Row[];
          if (rows.length === 0) return -1;
          after = String(rows.at(-1)![keyPath]);
          const changes: { entityId: string; rebuilt: RebuiltChange[] }[] =
            table === 'catalogueItems'
              ? [
                  {
                    entityId: `repush:${String(rows[0]![keyPath])}`,
                    rebuilt: [{ op: 'insert', hlc: unstamped, data: { set: { items: rows } } }],
                  },
                ]
              : await rebuild(db, table, keyPath, rows, unstamped);
          const seq = await db.deviceState.get(DEVICE_SEQ_KEY);
          let deviceSeq = typeof seq?.value === 'number' ? seq.value : 0;
          const createdAt = new Date(context.now()).toISOString();
          const entries: OutboxEntry[] = [];
          for (const { entityId, rebuilt } of changes) {
            const txId = newId();
            rebuilt.forEach((change, txIndex) =>
              entries.push({
                id: newId(),
                deviceSeq: ++deviceSeq,
                txId,
                txIndex,
                hlc: change.hlc,
                table,
                entityId,
                op: change.op,
                schemaVersion: WIRE_SCHEMA_VERSION,
                // An insert carries the row itself, as the write path sends it.
                data:
                  change.op === 'insert' ? change.data.set : forOlderDevices(table, change.data),
                createdAt,
              }),
            );
            // A disposal event goes with the erasures it authorises, in its chain's order, as
            // its transaction first went: the new hub judges them by it (shared/sync/verdict.ts).
            const erased = table === 'auditEvents' ? byEvent.get(entityId) : undefined;
            erased?.forEach((erasure, i) =>
              entries.push(eraseEntry(erasure, ++deviceSeq, txId, rebuilt.length + i, createdAt)),
            );
          }
          await db.outbox.bulkAdd(entries);
          await db.deviceState.put({ key: DEVICE_SEQ_KEY, value: deviceSeq });
          return entries.length;
        },
      );
      if (added < 0) break;
      queued += added;
    }
  }
  return queued;
};

/**
 * The erasures this device holds, sorted by how they go back to a hub that lost its log: with
 * the disposal event that authorised them (`EraseData.auditEventId`), when this PC holds it, or
 * alone. Erasures are rare next to rows: read whole.
 */
const heldErasures = async (
  db: ClinicDb,
): Promise<{ byEvent: Map<string, ErasureRow[]>; unlinked: ErasureRow[] }> => {
  const byEvent = new Map<string, ErasureRow[]>();
  const unlinked: ErasureRow[] = [];
  const erasures = await db.erasures.toArray();
  const named = erasures.map((erasure) => erasureEventId(erasure.data));
  const ids = [...new Set(named.filter((id): id is string => id !== undefined))];
  const held = new Set(
    (await db.auditEvents.bulkGet(ids)).flatMap((event) => (event ? [event.id] : [])),
  );
  erasures.forEach((erasure, i) => {
    const id = named[i];
    if (id === undefined || !held.has(id)) unlinked.push(erasure);
    else byEvent.set(id, [...(byEvent.get(id) ?? []), erasure]);
  });
  return { byEvent, unlinked };
};

/** The `erase` change that made an erasure, as the outbox holds it. */
const eraseEntry = (
  erasure: ErasureRow,
  deviceSeq: number,
  txId: string,
  txIndex: number,
  createdAt: string,
): OutboxEntry => ({
  id: newId(),
  deviceSeq,
  txId,
  txIndex,
  hlc: erasure.hlc,
  table: erasure.table,
  entityId: erasure.entityId,
  op: 'erase',
  schemaVersion: WIRE_SCHEMA_VERSION,
  data: erasure.data,
  createdAt,
});

/** Erasures queued each as its own transaction, with no disposal event. */
const queueAlone = async (
  db: ClinicDb,
  erasures: readonly ErasureRow[],
  context: { now: () => number },
): Promise<number> => {
  if (erasures.length === 0) return 0;
  return db.transaction('rw', [db.outbox, db.deviceState], async () => {
    const seq = await db.deviceState.get(DEVICE_SEQ_KEY);
    let deviceSeq = typeof seq?.value === 'number' ? seq.value : 0;
    const createdAt = new Date(context.now()).toISOString();
    const entries = erasures.map((erasure) =>
      eraseEntry(erasure, ++deviceSeq, newId(), 0, createdAt),
    );
    await db.outbox.bulkAdd(entries);
    await db.deviceState.put({ key: DEVICE_SEQ_KEY, value: deviceSeq });
    return entries.length;
  });
};

const rebuild = async (
  db: ClinicDb,
  table: string,
  keyPath: string,
  rows: Row[],
  unstamped: string,
) => {
  const editable = MERGE_SPECS[table]?.kind === 'editable';
  const clocks = editable
    ? await db.rowClocks.bulkGet(rows.map((row) => rowClocksKey(table, String(row[keyPath]))))
    : [];
  return rows.map((row, i) => {
    const entityId = String(row[keyPath]);
    const rebuilt = rowAsChanges(table, row, clocks[i]?.clocks);
    return {
      entityId,
      rebuilt:
        rebuilt.length > 0
          ? rebuilt
          : rowAsChanges(table, row, { [editable ? BASE_CLOCK : ROW_CLOCK]: unstamped }),
    };
  });
};

/**
 * Everything pending goes up: first, when this device owes a hub that lost its log every row it
 * holds, those rows are queued; then the outbox is pushed page by page. A hub that lost changes
 * of this device it had acknowledged (restored from an older copy) makes it start over.
 */
export const syncUp = async (
  ctx: ApplyContext,
  client: HubClient,
  onHub?: (stamp: HubStamp) => void,
): Promise<number> => {
  for (let attempt = 0; ; attempt++) {
    if ((await ctx.db.syncState.get(REPUSH_KEY))?.value === true) {
      await queueRepush(ctx.db, { deviceId: ctx.deviceId, now: () => ctx.clock.now() });
      await ctx.db.syncState.delete(REPUSH_KEY);
    }
    try {
      return await pushOutbox(ctx.db, client, onHub);
    } catch (error) {
      if (!(error instanceof HubLostChangesError) || attempt > 0) throw error;
      await startOver(ctx.db, error.expected);
    }
  }
};
