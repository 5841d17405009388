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
import { forOlderDevices } from '../../../shared/sync/wire-compat';
import type { HubClient } from '../../../shared/sync/hub-client';
import type { HubStamp } from '../../../shared/sync/protocol';
import type { ClinicDb, OutboxEntry } from '../db/database';
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
  // Retention disposals first: the new hub then wipes on arrival what a lagging PC re-pushes.
  let queued = await queueErasures(db, context);
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

/** Every erasure this device holds, as the `erase` change that made it (its own transaction). */
const queueErasures = async (db: ClinicDb, context: { now: () => number }): Promise<number> => {
  let queued = 0;
  let after: string | undefined;
  for (;;) {
    const added = await db.transaction('rw', [db.erasures, db.outbox, db.deviceState], async () => {
      const erasures = await (
        after === undefined ? db.erasures.orderBy(':id') : db.erasures.where(':id').above(after)
      )
        .limit(PAGE)
        .toArray();
      if (erasures.length === 0) return -1;
      after = erasures.at(-1)!.key;
      const seq = await db.deviceState.get(DEVICE_SEQ_KEY);
      let deviceSeq = typeof seq?.value === 'number' ? seq.value : 0;
      const createdAt = new Date(context.now()).toISOString();
      const entries = erasures.map((erasure): OutboxEntry => ({
        id: newId(),
        deviceSeq: ++deviceSeq,
        txId: newId(),
        txIndex: 0,
        hlc: erasure.hlc,
        table: erasure.table,
        entityId: erasure.entityId,
        op: 'erase',
        schemaVersion: WIRE_SCHEMA_VERSION,
        data: erasure.data,
        createdAt,
      }));
      await db.outbox.bulkAdd(entries);
      await db.deviceState.put({ key: DEVICE_SEQ_KEY, value: deviceSeq });
      return entries.length;
    });
    if (added < 0) return queued;
    queued += added;
  }
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
