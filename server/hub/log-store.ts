import type { Kysely } from 'kysely';
import { canonicalJson } from '../../shared/canonical-json';
import { createHash } from 'node:crypto';
import { FOLDED_TABLES } from '../../shared/sync/fold';
import { erasedData } from '../../shared/sync/merge';
import { SYNC_LIMITS, type Change } from '../../shared/sync/protocol';
import { advanceAuditHeads } from './audit-heads';
import type { HubTables, LogRow } from './hub-db';
import { HubError } from './hub-error';
import { snapshotBodies } from './snapshot-store';
import { insertInSlices, readMeta, type StoreCore } from './store-core';
import { erasedKey, judgePush } from './verdicts';

type StagedRow = HubTables['staged'];

/** What a push did; `ackedThrough` covers changes held in staging too (they are durable). */
export type PushOutcome = {
  ackedThrough: number;
  accepted: number;
  duplicates: number;
  logEnd: number;
};

/** A transaction's changes, held until its last one arrives, stay under this many bytes. */
const TX_MAX_BYTES = 16 * 1024 * 1024;

const toRow = (deviceId: string, change: Change, receivedAt: number): StagedRow => {
  const body = canonicalJson(change);
  return {
    device_id: deviceId,
    device_seq: change.deviceSeq,
    tx_id: change.txId,
    tx_index: change.txIndex,
    tx_size: change.txSize,
    tbl: change.table,
    entity_id: change.entityId,
    op: change.op,
    hash: createHash('sha256').update(body).digest('hex'),
    received_at: receivedAt,
    body,
  };
};

/**
 * The change with its content wiped: what stays of it once a retention disposal erased it. An
 * audit event keeps its chain fields and personal digest (shared/sync/merge.ts `erasedData`): a
 * new device needs them to verify its device's chain and continue it.
 */
const erasedBody = (body: string): string => {
  const change = JSON.parse(body) as { table?: unknown; data?: unknown };
  return canonicalJson({ ...change, data: erasedData(String(change.table), change.data) });
};

/**
 * Takes a device's changes into the log, in one transaction acknowledged only after a durable
 * commit. Changes already held are skipped (a retried push is harmless) unless their content
 * differs; a gap in the device's numbers is refused. A transaction's changes enter the log
 * together, with consecutive seqs, so a pull page never has to split one.
 */
export const pushChanges = async (
  core: StoreCore,
  deviceId: string,
  changes: readonly Change[],
): Promise<PushOutcome> => {
  for (let i = 1; i < changes.length; i++) {
    if (changes[i]!.deviceSeq <= changes[i - 1]!.deviceSeq) {
      throw new HubError('malformed', { detail: 'deviceSeq must increase within a push' });
    }
  }
  const receivedAt = core.clock.now();
  const rows = changes.map((change) => toRow(deviceId, change, receivedAt));
  // Each change as pushed, parsed once (by the HTTP layer): judging reads them, not the bodies.
  const pushed = new Map<StagedRow, Change>(rows.map((row, i) => [row, changes[i]!]));
  for (const row of rows) {
    if (row.body!.length > SYNC_LIMITS.changeMaxBytes) {
      throw new HubError('too-large', {
        deviceSeq: row.device_seq,
        limits: { changeMaxBytes: SYNC_LIMITS.changeMaxBytes },
      });
    }
  }
  let keepLedger: (() => void) | undefined;
  const outcome = await core.transaction(async (trx) => {
    // The clinic's counter row, locked: seqs are handed out in commit order (PostgreSQL).
    const meta = await lockMeta(core, trx);
    const device = await trx
      .selectFrom('devices')
      .select(['acked_through'])
      .where('id', '=', deviceId)
      .executeTakeFirstOrThrow();
    const held = rows.filter((row) => row.device_seq <= device.acked_through);
    const fresh = rows.filter((row) => row.device_seq > device.acked_through);
    await checkDuplicates(trx, deviceId, held);
    let expected = device.acked_through + 1;
    for (const row of fresh) {
      if (row.device_seq !== expected) throw new HubError('gap', { expected });
      expected++;
    }
    if (fresh.length === 0) {
      return {
        ackedThrough: device.acked_through,
        accepted: 0,
        duplicates: held.length,
        logEnd: meta.log_end,
      };
    }
    const staged = await trx
      .selectFrom('staged')
      .selectAll()
      .where('device_id', '=', deviceId)
      .orderBy('device_seq')
      .execute();
    await advanceAuditHeads(trx, fresh);
    const { complete, open } = groupTransactions(staged, fresh);
    const erasedBefore = await erasedEntities(trx, complete);
    // One verdict per transaction, against the staff as the log stands before it.
    const verdicts = await judgePush(
      core.staff,
      trx,
      meta.log_end,
      complete,
      (row) => pushed.get(row) ?? (JSON.parse(row.body!) as Change),
      erasedBefore,
    );
    keepLedger = verdicts.commit;
    // Content of an entity an accepted erasure erased, before or in this push, enters wiped.
    const wiped = (row: StagedRow) =>
      row.op !== 'erase' &&
      (erasedBefore.has(erasedKey(row)) || verdicts.erased.has(erasedKey(row)));
    let seq = meta.log_end;
    const logRows: LogRow[] = complete.map((row, i) => ({
      ...row,
      seq: ++seq,
      body: wiped(row) ? erasedBody(row.body!) : row.body,
      erased: wiped(row) ? 1 : 0,
      folded: 0,
      refused: verdicts.refused[i] ?? null,
    }));
    await insertInSlices(logRows, (slice) => trx.insertInto('log').values(slice).execute());
    const completedStaged = complete.filter((row) =>
      staged.some((s) => s.device_seq === row.device_seq),
    );
    if (completedStaged.length > 0) {
      await trx
        .deleteFrom('staged')
        .where('device_id', '=', deviceId)
        .where('device_seq', '<=', completedStaged.at(-1)!.device_seq)
        .execute();
    }
    const newlyOpen = open.filter((row) => !staged.some((s) => s.device_seq === row.device_seq));
    await insertInSlices(newlyOpen, (slice) => trx.insertInto('staged').values(slice).execute());
    // Only an accepted erasure erases: a refused one enters the log refused, content kept.
    for (const row of logRows)
      if (row.op === 'erase' && row.refused === null) await recordErasure(trx, row);
    await trx
      .updateTable('devices')
      .set({ acked_through: expected - 1, last_seen_at: receivedAt })
      .where('id', '=', deviceId)
      .execute();
    if (logRows.length > 0) {
      await trx.updateTable('meta').set({ log_end: seq }).where('id', '=', 1).execute();
      await core.hooks.pushBeforeCommit?.(meta.log_end + 1, seq);
      await core.publish(trx, { kind: 'log', logEnd: seq });
    }
    return {
      ackedThrough: expected - 1,
      accepted: fresh.length,
      duplicates: held.length,
      logEnd: seq,
    };
  });
  // Only now that the push is durable does the ledger move on to the log it judged.
  keepLedger?.();
  return outcome;
};

const lockMeta = (core: StoreCore, trx: Kysely<HubTables>) => {
  const query = trx.selectFrom('meta').selectAll().where('id', '=', 1);
  return (core.dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirstOrThrow();
};

/** A device number the hub holds must come back with the same content: else refuse and report. */
const checkDuplicates = async (
  trx: Kysely<HubTables>,
  deviceId: string,
  held: readonly StagedRow[],
): Promise<void> => {
  if (held.length === 0) return;
  const seqs = held.map((row) => row.device_seq);
  const stored = new Map<number, string>();
  for (const table of ['log', 'staged'] as const) {
    const found = await trx
      .selectFrom(table)
      .select(['device_seq', 'hash'])
      .where('device_id', '=', deviceId)
      .where('device_seq', 'in', seqs)
      .execute();
    for (const row of found) stored.set(row.device_seq, row.hash);
  }
  const differing = held.filter((row) => stored.get(row.device_seq) !== row.hash);
  if (differing.length === 0) return;
  const wiped = await wipedCopies(trx, deviceId, differing);
  for (const row of differing) {
    if (!wiped.has(row.device_seq)) {
      throw new HubError('conflicting-duplicate', { deviceSeq: row.device_seq });
    }
  }
};

/**
 * The held changes that come back wiped: a device whose row a retention disposal erased empties
 * the changes it had not seen acknowledged (`data: null`, an audit event wiped instead:
 * renderer/src/sync/erasure.ts), and one
 * the hub did take (its acknowledgement lost on the way) is the same change, less its content.
 */
const wipedCopies = async (
  trx: Kysely<HubTables>,
  deviceId: string,
  rows: readonly StagedRow[],
): Promise<Set<number>> => {
  // Already in its erased form: emptied, or an audit event wiped (`erasedData`).
  const candidates = rows.filter((row) => erasedBody(row.body!) === row.body);
  const same = new Set<number>();
  if (candidates.length === 0) return same;
  const seqs = candidates.map((row) => row.device_seq);
  const held = new Map<number, { body: string | null; erased: number }>();
  for (const row of await trx
    .selectFrom('log')
    .select(['device_seq', 'body', 'erased'])
    .where('device_id', '=', deviceId)
    .where('device_seq', 'in', seqs)
    .execute())
    held.set(row.device_seq, row);
  for (const row of await trx
    .selectFrom('staged')
    .select(['device_seq', 'body'])
    .where('device_id', '=', deviceId)
    .where('device_seq', 'in', seqs)
    .execute())
    held.set(row.device_seq, { body: row.body, erased: 0 });
  for (const row of candidates) {
    const kept = held.get(row.device_seq);
    if (!kept) continue;
    // A compacted body cannot be compared: an erased one was wiped by the hub itself.
    if (kept.body === null ? kept.erased === 1 : erasedBody(kept.body) === row.body)
      same.add(row.device_seq);
  }
  return same;
};

/**
 * Splits the device's staged tail and its new changes into whole transactions (ready for the
 * log) and the one transaction still open (held back). Refuses a transaction that is broken
 * off, interleaved with another, or too large.
 */
const groupTransactions = (
  staged: readonly StagedRow[],
  fresh: readonly StagedRow[],
): { complete: StagedRow[]; open: StagedRow[] } => {
  const complete: StagedRow[] = [];
  let open: StagedRow[] = [];
  let openBytes = 0;
  for (const row of [...staged, ...fresh]) {
    const first = open[0];
    const fits = first
      ? row.tx_id === first.tx_id &&
        row.tx_size === first.tx_size &&
        row.tx_index === open.at(-1)!.tx_index + 1
      : row.tx_index === 0;
    if (!fits) {
      throw new HubError('broken-transaction', {
        deviceSeq: row.device_seq,
        ...(first
          ? { openTransaction: first.tx_id, expectedIndex: open.at(-1)!.tx_index + 1 }
          : {}),
      });
    }
    open.push(row);
    openBytes += row.body!.length;
    if (openBytes > TX_MAX_BYTES) {
      throw new HubError('too-large', { txId: row.tx_id, limits: { txMaxBytes: TX_MAX_BYTES } });
    }
    if (row.tx_index === row.tx_size - 1) {
      complete.push(...open);
      open = [];
      openBytes = 0;
    }
  }
  return { complete, open };
};

/**
 * Entities an accepted erasure erased before this push (the `erasures` table holds only accepted
 * ones): their content never enters the log again. Those this push erases, judgePush says.
 */
const erasedEntities = async (
  trx: Kysely<HubTables>,
  rows: readonly StagedRow[],
): Promise<Set<string>> => {
  const keys = new Set<string>();
  const ids = [...new Set(rows.map((row) => row.entity_id))];
  for (let i = 0; i < ids.length; i += 400) {
    const found = await trx
      .selectFrom('erasures')
      .select(['tbl', 'entity_id'])
      .where('entity_id', 'in', ids.slice(i, i + 400))
      .execute();
    for (const row of found) keys.add(erasedKey(row));
  }
  return keys;
};

/**
 * An accepted retention disposal (shared/sync/verdict.ts judges every erasure): the hub wipes the
 * entity's content from its log; the erasure record stays. Never called for a refused one.
 */
const recordErasure = async (trx: Kysely<HubTables>, erase: LogRow): Promise<void> => {
  await trx
    .insertInto('erasures')
    .values({ tbl: erase.tbl, entity_id: erase.entity_id, seq: erase.seq, segments_done: 0 })
    .onConflict((oc) =>
      oc.columns(['tbl', 'entity_id']).doUpdateSet({ seq: erase.seq, segments_done: 0 }),
    )
    .execute();
  const earlier = await trx
    .selectFrom('log')
    .select(['seq', 'body'])
    .where('tbl', '=', erase.tbl)
    .where('entity_id', '=', erase.entity_id)
    .where('op', '!=', 'erase')
    .where('erased', '=', 0)
    .execute();
  for (const row of earlier) {
    await trx
      .updateTable('log')
      .set({ erased: 1, body: row.body === null ? null : erasedBody(row.body) })
      .where('seq', '=', row.seq)
      .execute();
  }
};

export type PulledRow = {
  seq: number;
  device_id: string;
  received_at: number;
  body: string;
  erased: number;
  refused: string | null;
};

export type PullOutcome = { rows: PulledRow[]; next: number; more: boolean };

/**
 * One page of the log after `after`, bounded by count and bytes, never ending inside a
 * transaction. A cursor below the compacted horizon must re-snapshot; one beyond the log's end
 * means the hub is not the one the device knew.
 */
export const pullChanges = async (
  core: StoreCore,
  deviceId: string,
  page: { after: number; limit: number; maxBytes: number },
): Promise<PullOutcome> => {
  const meta = await readMeta(core.db);
  if (page.after > meta.log_end) {
    throw new HubError('cursor-ahead', { logEnd: meta.log_end });
  }
  if (page.after < meta.compacted_through) {
    throw new HubError('behind-horizon', { horizon: meta.compacted_through });
  }
  const select = (after: number, limit: number) =>
    core.db
      .selectFrom('log')
      .select([
        'seq',
        'device_id',
        'received_at',
        'body',
        'erased',
        'refused',
        'tx_index',
        'tx_size',
      ])
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(limit)
      .execute();
  const fetched = await select(page.after, page.limit);
  const rows: typeof fetched = [];
  let bytes = 0;
  for (const row of fetched) {
    if (rows.length > 0 && bytes + row.body!.length > page.maxBytes) break;
    rows.push(row);
    bytes += row.body!.length;
  }
  // Finish the transaction the page stopped in: a row travels with its audit event.
  const last = rows.at(-1);
  if (last && last.tx_index < last.tx_size - 1) {
    const rest = await select(last.seq, last.tx_size - 1 - last.tx_index);
    rows.push(...rest);
  }
  if (rows.some((row) => row.body === null)) {
    // Compacted while this page was read: the device must take the snapshot.
    throw new HubError('behind-horizon', { horizon: (await readMeta(core.db)).compacted_through });
  }
  const next = rows.at(-1)?.seq ?? page.after;
  await core.db
    .updateTable('devices')
    .set({ cursor: page.after, last_seen_at: core.clock.now() })
    .where('id', '=', deviceId)
    .execute();
  return { rows: rows as PulledRow[], next, more: next < (await readMeta(core.db)).log_end };
};

/**
 * One row's history as the log holds it, in seq order: for the author's device undoing a refused
 * transaction, it re-applies what the clinic accepted of that row (shared/sync/verdict.ts).
 * Refused entries are left out, except an audit event's refused insert: every device applies it
 * (it is history). An erased entry comes wiped, as the log holds it.
 *
 * An editable row: every entry with a body (those folding dropped merge to the same row as the
 * ones kept); its bodies stay in the log after compaction. A written-once row (a check, a signed
 * consent, an audit event): compaction drops its bodies from the log, and the snapshot serves
 * them (`snapshotBodies`), wiped here if the row was erased since the segment was written.
 */
export const rowHistory = async (
  core: StoreCore,
  table: string,
  entityId: string,
): Promise<PulledRow[]> => {
  // A segment written again (maintenance runs beside requests) between reading the log and
  // reading the snapshot: read both again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const history = await readRowHistory(core, table, entityId);
    if (history) return history;
  }
  throw new HubError('unavailable');
};

const readRowHistory = async (
  core: StoreCore,
  table: string,
  entityId: string,
): Promise<PulledRow[] | undefined> => {
  const max = SYNC_LIMITS.rowHistoryMaxEntries;
  const editable = FOLDED_TABLES.includes(table);
  const rows = await core.db
    .selectFrom('log')
    .select(['seq', 'device_id', 'received_at', 'body', 'erased', 'refused'])
    .where('tbl', '=', table)
    .where('entity_id', '=', entityId)
    .$if(editable, (q) => q.where('body', 'is not', null))
    .$if(!editable, (q) => q.where('folded', '=', 0))
    .where((eb) =>
      table === 'auditEvents'
        ? eb.or([eb('refused', 'is', null), eb('op', '!=', 'erase')])
        : eb('refused', 'is', null),
    )
    .orderBy('seq')
    .limit(max + 1)
    .execute();
  if (rows.length > max) throw new HubError('too-large', { limits: { rowHistoryMaxEntries: max } });
  const compacted = rows.filter((row) => row.body === null).map((row) => row.seq);
  if (compacted.length === 0) return rows as PulledRow[];
  const bodies = await snapshotBodies(core, table, entityId, compacted);
  if (bodies.size < compacted.length) return undefined;
  return rows.map((row) => {
    if (row.body !== null) return row as PulledRow;
    // Erased since either was read: wiped all the same.
    const { body, erased } = bodies.get(row.seq)!;
    if (!row.erased && !erased) return { ...row, body };
    return { ...row, erased: 1, body: erased ? body : erasedBody(body) };
  });
};
