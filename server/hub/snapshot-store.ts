import { gunzipSync, gzipSync } from 'node:zlib';
import { canonicalJson } from '../../shared/canonical-json';
import type { SnapshotManifest } from '../../shared/sync/protocol';
import { snapshotPartOf, type SegmentPart } from '../../shared/sync/snapshot-parts';
import { HubError } from './hub-error';
import type { HubTables } from './hub-db';
import { readMeta, type StoreCore } from './store-core';

/**
 * The snapshot is the log up to seq S, kept as gzip'd NDJSON segments of log entries (the same
 * lines a pull returns). A new device downloads the segments, then pulls after S. Segments are
 * built as the log grows; the log's bodies at or below the lowest cursor of the active devices
 * and below the last segment are then dropped (compacted): a cursor below that horizon gets 410.
 */

export type MaintenanceOptions = {
  /** Build a new segment once this many changes wait beyond the last one. */
  segmentMinEntries: number;
  /** Changes in one segment at most (each is one gzip file of a few MB). */
  segmentMaxEntries: number;
  /** A device not seen for this long no longer holds the log back (it re-snapshots). */
  activeDeviceMs: number;
};

export const DEFAULT_MAINTENANCE: MaintenanceOptions = {
  segmentMinEntries: 5000,
  segmentMaxEntries: 50_000,
  activeDeviceMs: 30 * 24 * 3600_000,
};

const CHUNK_BYTES = 1024 * 1024;
const READ_PAGE = 2000;

/** One log entry as served: pull pages and snapshot lines are the same bytes. */
export const entryJson = (row: {
  seq: number;
  device_id: string;
  received_at: number;
  body: string;
  erased: number;
}): string =>
  `{"seq":${row.seq},"deviceId":${JSON.stringify(row.device_id)},"receivedAt":${row.received_at}${
    row.erased ? ',"erased":true' : ''
  },"change":${row.body}}`;

type NewSegment = { part: string; from: number; to: number; entries: number; gz: Buffer };

/**
 * Stores the parts of one range of the log together: their chunks first, then every segment row
 * in one transaction. A crash in between leaves only orphan chunks (swept), never a range with
 * some of its parts missing (the next build starts after the last range stored).
 */
const storeSegments = async (core: StoreCore, segments: readonly NewSegment[]): Promise<void> => {
  const last = await core.db
    .selectFrom('segments')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  let id = Number(last?.id ?? 0);
  const rows: HubTables['segments'][] = [];
  for (const segment of segments) {
    id += 1;
    for (let idx = 0, at = 0; at < segment.gz.length || idx === 0; idx++, at += CHUNK_BYTES) {
      await core.db
        .insertInto('segment_chunks')
        .values({ segment_id: id, idx, data: segment.gz.subarray(at, at + CHUNK_BYTES) })
        .execute();
    }
    rows.push({
      id,
      part: segment.part,
      from_seq: segment.from,
      to_seq: segment.to,
      entries: segment.entries,
      bytes: segment.gz.length,
      created_at: core.clock.now(),
    });
  }
  if (rows.length === 0) return;
  await core.transaction(async (trx) => {
    await trx.insertInto('segments').values(rows).execute();
  });
};

const gzipLines = (lines: readonly string[]): Buffer => gzipSync(`${lines.join('\n')}\n`);

/** The log's lines for seqs from+1 … to, sorted into snapshot parts (each in log order). */
const readParts = async (
  core: StoreCore,
  from: number,
  to: number,
): Promise<Map<string, string[]>> => {
  const parts = new Map<string, string[]>();
  for (let after = from; after < to;) {
    const rows = await core.db
      .selectFrom('log')
      .select(['seq', 'device_id', 'received_at', 'body', 'erased', 'tbl'])
      .where('seq', '>', after)
      .where('seq', '<=', to)
      .orderBy('seq')
      .limit(READ_PAGE)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.body === null) throw new Error(`log body ${row.seq} already compacted`);
      const part = snapshotPartOf(row.tbl);
      const lines = parts.get(part) ?? [];
      lines.push(entryJson(row as typeof row & { body: string }));
      parts.set(part, lines);
    }
    after = rows.at(-1)!.seq;
  }
  return parts;
};

const lastSegmentEnd = async (core: StoreCore): Promise<number> => {
  const row = await core.db
    .selectFrom('segments')
    .select((eb) => eb.fn.max('to_seq').as('to'))
    .executeTakeFirst();
  return Number(row?.to ?? 0);
};

/** Ends a segment on a transaction boundary: never split a row from its audit event. */
const segmentEnd = async (core: StoreCore, from: number, max: number): Promise<number> => {
  const row = await core.db
    .selectFrom('log')
    .select(['seq', 'tx_index', 'tx_size'])
    .where('seq', '<=', max)
    .where('seq', '>', from)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return from;
  return row.seq + (row.tx_size - 1 - row.tx_index);
};

/** Builds segments for the log beyond the last one, rewrites those holding erased content, compacts. */
export const maintain = async (
  core: StoreCore,
  options: MaintenanceOptions = DEFAULT_MAINTENANCE,
  force = false,
): Promise<{ built: number; rewritten: number; compactedThrough: number }> => {
  await sweepOrphanChunks(core);
  let built = 0;
  for (;;) {
    const meta = await readMeta(core.db);
    const from = await lastSegmentEnd(core);
    const waiting = meta.log_end - from;
    if (waiting <= 0 || (waiting < options.segmentMinEntries && !force)) break;
    const to = await segmentEnd(
      core,
      from,
      Math.min(meta.log_end, from + options.segmentMaxEntries),
    );
    const parts = await readParts(core, from, to);
    await storeSegments(
      core,
      [...parts].map(([part, lines]) => ({
        part,
        from,
        to,
        entries: lines.length,
        gz: gzipLines(lines),
      })),
    );
    built += parts.size;
  }
  const rewritten = await rewriteErasedSegments(core);
  const compactedThrough = await compact(core, options);
  return { built, rewritten, compactedThrough };
};

const sweepOrphanChunks = async (core: StoreCore): Promise<void> => {
  await core.db
    .deleteFrom('segment_chunks')
    .where('segment_id', 'not in', core.db.selectFrom('segments').select('id'))
    .execute();
};

const readSegment = async (core: StoreCore, id: number): Promise<Buffer> => {
  const chunks = await core.db
    .selectFrom('segment_chunks')
    .select(['data'])
    .where('segment_id', '=', id)
    .orderBy('idx')
    .execute();
  return Buffer.concat(chunks.map((chunk) => chunk.data));
};

/** Segments holding content that a retention disposal erased are written again without it. */
const rewriteErasedSegments = async (core: StoreCore): Promise<number> => {
  const erasures = await core.db
    .selectFrom('erasures')
    .selectAll()
    .where('segments_done', '=', 0)
    .execute();
  if (erasures.length === 0) return 0;
  const keys = new Set(erasures.map((e) => `${e.tbl}\u0000${e.entity_id}`));
  const segments = await core.db.selectFrom('segments').selectAll().orderBy('id').execute();
  let rewritten = 0;
  for (const segment of segments) {
    const text = gunzipSync(await readSegment(core, segment.id)).toString('utf8');
    let touched = false;
    const lines = text
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => {
        const entry = JSON.parse(line) as {
          seq: number;
          deviceId: string;
          receivedAt: number;
          erased?: boolean;
          change: { table: string; entityId: string; op: string; data: unknown };
        };
        const key = `${entry.change.table}\u0000${entry.change.entityId}`;
        if (entry.change.op === 'erase' || entry.erased || !keys.has(key)) return line;
        touched = true;
        return entryJson({
          seq: entry.seq,
          device_id: entry.deviceId,
          received_at: entry.receivedAt,
          erased: 1,
          body: canonicalJson({ ...entry.change, data: null }),
        });
      });
    if (!touched) continue;
    await storeSegments(core, [
      {
        part: segment.part,
        from: segment.from_seq,
        to: segment.to_seq,
        entries: lines.length,
        gz: gzipLines(lines),
      },
    ]);
    await core.transaction(async (trx) => {
      await trx.deleteFrom('segments').where('id', '=', segment.id).execute();
      await trx.deleteFrom('segment_chunks').where('segment_id', '=', segment.id).execute();
    });
    rewritten++;
  }
  await core.db
    .updateTable('erasures')
    .set({ segments_done: 1 })
    .where('segments_done', '=', 0)
    .where('seq', '<=', Math.max(...erasures.map((e) => e.seq)))
    .execute();
  return rewritten;
};

const compact = async (core: StoreCore, options: MaintenanceOptions): Promise<number> => {
  const meta = await readMeta(core.db);
  const segmented = await lastSegmentEnd(core);
  const since = core.clock.now() - options.activeDeviceMs;
  const lowest = await core.db
    .selectFrom('devices')
    .select((eb) => eb.fn.min('cursor').as('cursor'))
    .where('revoked_at', 'is', null)
    .where('last_seen_at', '>=', since)
    .executeTakeFirst();
  const through = Math.min(segmented, Number(lowest?.cursor ?? segmented));
  if (through <= meta.compacted_through) return meta.compacted_through;
  await core.transaction(async (trx) => {
    await trx
      .updateTable('log')
      .set({ body: null })
      .where('seq', '>', meta.compacted_through)
      .where('seq', '<=', through)
      .execute();
    await trx.updateTable('meta').set({ compacted_through: through }).where('id', '=', 1).execute();
  });
  return through;
};

export const snapshotManifest = async (core: StoreCore): Promise<SnapshotManifest> => {
  const segments = await core.db
    .selectFrom('segments')
    .selectAll()
    .orderBy('from_seq')
    .orderBy('id')
    .execute();
  if (segments.length === 0) throw new HubError('no-snapshot');
  return {
    format: 'log/1',
    seq: Math.max(...segments.map((s) => s.to_seq)),
    segments: segments.map((s) => ({
      id: s.id,
      part: s.part as SegmentPart,
      from: s.from_seq,
      to: s.to_seq,
      entries: s.entries,
      bytes: s.bytes,
    })),
  };
};

/** One segment's gzip bytes, chunk by chunk, so a download never holds a whole snapshot. */
export async function* segmentChunks(core: StoreCore, id: number): AsyncGenerator<Buffer> {
  const segment = await core.db
    .selectFrom('segments')
    .select(['id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!segment) throw new HubError('not-found');
  for (let idx = 0; ; idx++) {
    const chunk = await core.db
      .selectFrom('segment_chunks')
      .select(['data'])
      .where('segment_id', '=', id)
      .where('idx', '=', idx)
      .executeTakeFirst();
    if (!chunk) return;
    yield chunk.data;
  }
}
