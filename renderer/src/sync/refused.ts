import { canonicalJson } from '../../../shared/canonical-json';
import { HubRequestError, type HubClient } from '../../../shared/sync/hub-client';
import { ALSO_FIELD, MERGE_SPECS } from '../../../shared/sync/merge-spec';
import { impliedByRow, mergeChange, type StoredRow } from '../../../shared/sync/merge';
import { erasedAway, incomingOf, refusedAway } from '../../../shared/sync/fold';
import type { LogEntry } from '../../../shared/sync/protocol';
import { fromOlderDevices } from '../../../shared/sync/wire-compat';
import type { ClinicDb } from '../db/database';
import { rowClocksKey } from '../db/write';
import type { ApplyContext } from './apply';
import { ATTACHMENTS_WAITING_KEY } from './attachments';
import { erasureOf, forgetErased } from './erasure';
import { HUB_LINK_KEY, type HubLink } from './engine';

/**
 * Undoing, on the PC that wrote it, a change the clinic's log refused (shared/sync/verdict.ts):
 * this PC applied it when it was made, every other PC quarantines it, so this one must end where
 * they do. A row written once (a check, a notice) is simply taken back. An editable row is folded
 * again from what the hub holds of it, without the refused change, plus what this PC has not
 * pushed yet: its other fields and later edits stay. A refused disposal gives back every row it
 * erased here, whatever its kind: each is folded again from the hub's history of it (a signed
 * consent, a check, an audit event as well as a patient), as a PC that never applied it holds it.
 */

/**
 * Rows still to be folded again, as rowClocks keys (syncState): kept across restarts, and until
 * the hub has answered for each (a refold that fails leaves it noted for the next exchange).
 */
export const REFOLD_KEY = 'refold';

type Row = Record<string, unknown>;

const pendingRefolds = async (db: ClinicDb): Promise<string[]> => {
  const stored = (await db.syncState.get(REFOLD_KEY))?.value;
  return Array.isArray(stored) ? (stored as string[]) : [];
};

/**
 * Did this PC write the change? The hub names devices by their pairing (a PC paired again has a
 * new name there), so the row's own provenance decides too: the store's device id it was
 * written with (a whole row's `deviceId`, or an edit's `set.deviceId`).
 */
const writtenHere = async (ctx: ApplyContext, entry: LogEntry): Promise<boolean> => {
  const link = (await ctx.db.syncState.get(HUB_LINK_KEY))?.value as HubLink | undefined;
  if (link && entry.deviceId === link.hubDeviceId) return true;
  const data = entry.change.data as { deviceId?: unknown; set?: { deviceId?: unknown } } | null;
  return (data?.deviceId ?? data?.set?.deviceId) === ctx.deviceId;
};

/**
 * Takes back this PC's own refused changes (others' are only quarantined), inside the transaction
 * applying them (it covers every synced table, rowClocks and syncState). Editable rows, and
 * every row a refused disposal erased here, are noted for `refoldRefused`. Returns the keys of
 * the rows whose erasure was taken back.
 */
export const undoOwnRefused = async (
  ctx: ApplyContext,
  entries: readonly LogEntry[],
): Promise<Set<string>> => {
  const undone = new Set<string>();
  const { db } = ctx;
  const refold = new Set(await pendingRefolds(db));
  const before = refold.size;
  for (const entry of entries) {
    if (!(await writtenHere(ctx, entry))) continue;
    const { change } = entry;
    const spec = MERGE_SPECS[change.table];
    if (!spec || spec.kind === 'local') continue;
    const key = rowClocksKey(change.table, change.entityId);
    if (change.op === 'erase') {
      // A disposal this PC carried out, refused by the clinic: it erased nothing anywhere else,
      // so here neither. Its erasure goes (only one made by this very transaction: an erasure
      // pushed again to a rebuilt hub, which judges it by today's staff, stays), and the row,
      // whatever its kind, is folded again from the clinic's history, which kept its content:
      // a device that completed its initial sync never takes a snapshot again to get it back.
      const held = await db.erasures.get(key);
      if (
        held?.txId !== undefined &&
        held.txId === change.txId &&
        held.hlc === change.hlc &&
        canonicalJson(held.data) === canonicalJson(change.data ?? null)
      ) {
        await db.erasures.delete(key);
        refold.add(key);
        undone.add(key);
      }
      continue;
    }
    if (spec.kind === 'editable') {
      refold.add(key);
      continue;
    }
    const store = db.table(change.table);
    const held = (await store.get(change.entityId)) as Row | undefined;
    // Only what this very change wrote: a row another PC's change decides stays.
    if (!held || held.hlc !== change.hlc) continue;
    const also = Array.isArray(held[ALSO_FIELD]) ? (held[ALSO_FIELD] as Row[]) : [];
    if (spec.kind === 'first-wins' && also.length > 0) {
      // The next earliest version wins, as on a PC that never applied the refused one.
      const [next, ...rest] = also;
      const { [ALSO_FIELD]: _dropped, ...kept } = held;
      await store.put({ ...kept, ...next, ...(rest.length > 0 ? { [ALSO_FIELD]: rest } : {}) });
    } else await store.delete(change.entityId);
    await db.rowClocks.delete(key);
  }
  if (refold.size !== before) await db.syncState.put({ key: REFOLD_KEY, value: [...refold] });
  return undone;
};

/**
 * Whether an entry of a row's history is folded: as the apply step decides for a pulled one
 * (renderer/src/sync/apply.ts `prepareEntries`).
 */
const folds = (entry: LogEntry): boolean => !erasedAway(entry) && !refusedAway(entry);

/** Rows folded again before the list of those still noted is written again (and at the end). */
export const REFOLD_BATCH = 200;

/**
 * A failure that ends the round: the hub cannot be reached, or no longer knows this PC. Any
 * other failure is the row's own (a history the hub cannot serve, one that cannot be folded):
 * that row stays noted, and the others are folded meanwhile.
 */
const endsRound = (error: unknown): boolean =>
  error instanceof HubRequestError &&
  (error.reason === 'network' || error.reason === 'revoked' || error.status === 401);

/**
 * Folds again each row noted by `undoOwnRefused`: the hub's history of the row (refused changes
 * left out), through the merge from nothing, then this PC's changes not pushed yet. For a row
 * written once, the merge's own rule decides (the earliest of a first-wins row wins, the others
 * kept beside it). Returns the rows refolded. A row whose history cannot be fetched or folded
 * now stays noted for the next exchange, and does not hold back the rows after it; only a hub
 * out of reach ends the round (thrown, once what was done is noted).
 *
 * A disposal of hundreds of patients notes thousands of rows: those done leave the list
 * `REFOLD_BATCH` at a time, not one by one (each write is of the whole list). A crash in between
 * leaves a few done rows noted: they are folded again, to the same row.
 */
export const refoldRefused = async (ctx: ApplyContext, client: HubClient): Promise<number> => {
  const { db } = ctx;
  const done = new Set<string>();
  let unwritten = 0;
  // The engine runs this after its pull, never beside one: no key is noted meanwhile.
  const writeDone = async () => {
    if (unwritten === 0) return;
    unwritten = 0;
    await db.transaction('rw', db.syncState, async () => {
      const left = (await pendingRefolds(db)).filter((key) => !done.has(key));
      await db.syncState.put({ key: REFOLD_KEY, value: left });
    });
  };
  try {
    for (const key of await pendingRefolds(db)) {
      try {
        await refoldRow(ctx, client, key);
      } catch (error) {
        if (endsRound(error)) throw error;
        continue;
      }
      done.add(key);
      if (++unwritten >= REFOLD_BATCH) await writeDone();
    }
  } finally {
    await writeDone();
  }
  return done.size;
};

/** Folds one noted row again (see `refoldRefused`); throws when it cannot now. */
const refoldRow = async (ctx: ApplyContext, client: HubClient, key: string): Promise<void> => {
  const { db } = ctx;
  const slash = key.indexOf('/');
  const table = key.slice(0, slash);
  const id = key.slice(slash + 1);
  const { entries } = await client.rowHistory(table, id);
  await db.transaction(
    'rw',
    [db.table(table), db.rowClocks, db.outbox, db.syncState, db.erasures, db.syncIssues],
    async () => {
      let state: StoredRow | undefined;
      // An erased row stays erased: its history's erasure, or the one held here, wins.
      const held = await db.erasures.get(key);
      let erasure = held ? erasureOf(held) : undefined;
      const fold = (change: Parameters<typeof mergeChange>[1]) => {
        const result = mergeChange(state, change, ctx.recompute, erasure);
        if (result.kind === 'write') state = { row: result.row, clocks: result.clocks };
        if (result.kind === 'erase')
          [state, erasure] = [
            result.row ? { row: result.row, clocks: result.clocks } : undefined,
            result.erasure,
          ];
      };
      for (const entry of entries)
        if (folds(entry))
          fold({
            ...incomingOf(entry),
            data: fromOlderDevices(table, entry.change.data),
          });
      // The outbox is small (what waits for the hub) and has no index by row.
      const unpushed = await db.outbox
        .orderBy('deviceSeq')
        .filter((change) => change.table === table && change.entityId === id)
        .toArray();
      for (const change of unpushed)
        fold({
          table,
          entityId: id,
          op: change.op,
          hlc: change.hlc,
          data: fromOlderDevices(table, change.data),
          deviceId: ctx.deviceId,
        });
      const store = db.table(table);
      if (state) {
        await store.put(state.row);
        // A photo given back comes without its bytes: they are fetched as a pulled one's are.
        if (table === 'attachments' && state.row.blob === undefined)
          await db.syncState.put({ key: ATTACHMENTS_WAITING_KEY, value: true });
        const clocks = state.clocks ?? {};
        if (impliedByRow(table, clocks, state.row)) await db.rowClocks.delete(key);
        else await db.rowClocks.put({ key, clocks });
      } else {
        await store.delete(id);
        await db.rowClocks.delete(key);
      }
      if (erasure && !held) {
        await db.erasures.put({ key, ...erasure });
        await forgetErased(db, new Set([key]));
      }
    },
  );
};
