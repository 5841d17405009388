import type { HubClient } from '../../../shared/sync/hub-client';
import { HubRequestError } from '../../../shared/sync/hub-client';
import { SYNC_LIMITS, type Change, type HubStamp } from '../../../shared/sync/protocol';
import type { ClinicDb, OutboxEntry } from '../db/database';
import { applyPreparedPage, CURSOR_KEY, prepareEntries, type ApplyContext } from './apply';
import { hashOutboxAttachments, uploadAttachments } from './attachments';

/** Room left in a push body for the envelope around the changes. */
const PUSH_BYTES = SYNC_LIMITS.pushMaxBytes - 64 * 1024;

/** An outbox page as the hub takes it: ≤ 1000 changes and ≤ 4 MiB. */
const nextPushPage = async (db: ClinicDb): Promise<Change[]> => {
  const entries = await db.outbox.orderBy('deviceSeq').limit(SYNC_LIMITS.pushMaxChanges).toArray();
  const page: OutboxEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = JSON.stringify(entry.data).length + 300;
    if (page.length > 0 && bytes + size > PUSH_BYTES) break;
    page.push(entry);
    bytes += size;
  }
  const sizes = new Map<string, number>();
  for (const txId of new Set(page.map((e) => e.txId)))
    sizes.set(txId, await db.outbox.where('txId').equals(txId).count());
  return page.map((e) => ({
    deviceSeq: e.deviceSeq,
    txId: e.txId,
    txIndex: e.txIndex,
    txSize: sizes.get(e.txId)!,
    table: e.table,
    entityId: e.entityId,
    op: e.op,
    hlc: e.hlc,
    schemaVersion: e.schemaVersion,
    data: e.data,
  }));
};

/** The hub expects this device's numbers to go on from `expected`, below what it still holds. */
export class HubLostChangesError extends Error {
  constructor(readonly expected: number) {
    super(`the hub expects change ${expected} of this device again`);
    this.name = 'HubLostChangesError';
  }
}

/** What the last answer said about the hub: its epoch, its clock, the end of its log. */
export type HubSeen = HubStamp & { at: number };

/**
 * Pushes the outbox page by page until it is empty. An entry is deleted only once the hub has
 * acknowledged it durably; a retried push is counted by the hub as a duplicate, never twice.
 */
export const pushOutbox = async (
  db: ClinicDb,
  client: HubClient,
  onHub?: (stamp: HubStamp) => void,
): Promise<number> => {
  let pushed = 0;
  await hashOutboxAttachments(db);
  for (;;) {
    const changes = await nextPushPage(db);
    if (changes.length === 0) return pushed;
    // The bytes first: a PC that pulls the row can fetch them at once.
    await uploadAttachments(db, client, changes);
    let ackedThrough: number;
    try {
      const response = await client.push(changes);
      onHub?.(response.hub);
      ackedThrough = response.ackedThrough;
    } catch (error) {
      // The hub already holds changes up to `expected - 1` (an acknowledgement lost on the way).
      const expected = (error as HubRequestError).body?.expected;
      if (error instanceof HubRequestError && error.status === 409 && typeof expected === 'number')
        if (expected > changes[0]!.deviceSeq) ackedThrough = expected - 1;
        // The hub lacks changes it once acknowledged: it was restored from an older copy.
        else if (expected < changes[0]!.deviceSeq) throw new HubLostChangesError(expected);
        else throw error;
      else throw error;
    }
    // An explicit transaction: it waits while a backup reads the store (db/write-gate.ts).
    const done = await db.transaction('rw', db.outbox, async () => {
      const keys = await db.outbox.where('deviceSeq').belowOrEqual(ackedThrough).primaryKeys();
      await db.outbox.bulkDelete(keys);
      return keys;
    });
    pushed += done.length;
    if (done.length === 0) throw new Error('the hub acknowledged nothing of a push');
  }
};

/**
 * Pulls and applies every page after the cursor; each page and its cursor commit together, in
 * order. The next page is fetched and prepared while this one is committed: the network, this
 * thread and IndexedDB work side by side.
 */
export const pullAll = async (
  ctx: ApplyContext,
  client: HubClient,
  onHub?: (stamp: HubStamp) => void,
  /** After each page: how many it applied, and how far the cursor is from the log's end. */
  onPage?: (page: { applied: number; behind: number }) => void,
): Promise<number> => {
  const fetchPage = (after: number) =>
    // Large pages: an initial sync is hundreds of thousands of changes, each page one transaction.
    client.pull(after, { limit: SYNC_LIMITS.pullMaxLimit, maxBytes: SYNC_LIMITS.pullMaxBytes });
  const cursor = await ctx.db.syncState.get(CURSOR_KEY);
  let after = typeof cursor?.value === 'number' ? cursor.value : 0;
  let applied = 0;
  let pending = fetchPage(after);
  // A page is prepared (folded) while the one before it is committed.
  let committing: Promise<void> | undefined;
  try {
    for (;;) {
      const page = await pending;
      onHub?.(page.hub);
      if (page.more) {
        pending = fetchPage(page.next);
        // A failed prefetch is reported by the next iteration's await, not as an unhandled rejection.
        pending.catch(() => undefined);
      }
      if (page.changes.length > 0 || page.next !== after) {
        const prepared = prepareEntries(ctx, page.changes);
        await committing;
        const behind = Math.max(0, page.hub.logEnd - page.next);
        committing = applyPreparedPage(ctx, prepared, page.next).then((outcome) => {
          applied += outcome.applied;
          onPage?.({ applied: outcome.applied, behind });
        });
        committing.catch(() => undefined);
      }
      after = page.next;
      if (!page.more) {
        await committing;
        return applied;
      }
    }
  } catch (error) {
    // Whatever comes next (a snapshot, starting over) begins after this page's commit.
    await committing?.catch(() => undefined);
    throw error;
  }
};
