import { HubRequestError, type HubClient } from '../../../shared/sync/hub-client';
import type { HubStamp } from '../../../shared/sync/protocol';
import type { LogEntry, SnapshotManifest } from '../../../shared/sync/protocol';
import {
  SNAPSHOT_PARTS,
  snapshotOrder,
  type SnapshotPart,
} from '../../../shared/sync/snapshot-parts';
import {
  applyKeptChanges,
  applySnapshotBatch,
  CURSOR_KEY,
  prepareEntries,
  type ApplyContext,
} from './apply';
import { pullAll } from './exchange';
import {
  completeInitialSync,
  INITIAL_KEY,
  readInitialSync,
  reopenInitialSync,
  type InitialSync,
} from './initial-state';
import { startOver } from './start-over';
import { auditDevices, verifyArrivedChains } from './audit-arrival';

/** What the progress bar shows. */
export type InitialProgress = {
  applied: number;
  /** Changes an initial sync applies in all, as far as known (the snapshot and the log's tail). */
  total: number;
  partsDone: SnapshotPart[];
};

/** Lines of a snapshot applied in one transaction, like one pull page. */
const BATCH = 5000;

/**
 * A segment the hub rewrote (folded, or wiped after an erasure) has a new id and may have fewer
 * lines: it is applied afresh, never resumed at a line count of its older version.
 */
export const segmentKey = (segment: SnapshotManifest['segments'][number]) =>
  `${segment.part}:${segment.from}:${segment.to}#${segment.id}`;

/** Parts every segment of which is applied (a legacy 'all' segment belongs to every part). */
const partsDoneOf = (manifest: SnapshotManifest, done: ReadonlySet<string>): SnapshotPart[] =>
  SNAPSHOT_PARTS.filter((part) =>
    manifest.segments
      .filter((segment) => segment.part === part || segment.part === 'all')
      .every((segment) => done.has(segmentKey(segment))),
  );

/** Lines to apply in one transaction; `done`: segments wholly in once it commits. */
export type SnapshotBatch = {
  entries: LogEntry[];
  done: string[];
  /** The segment the batch stops inside, and how many of its lines are in with it. */
  current?: { segment: string; lines: number };
};

/**
 * The segments' lines in batches of BATCH, without holding a segment's text whole. A batch runs
 * on across segments: the hub cuts them by ranges of its log, so a part's segment may hold only
 * a thousand lines, and a transaction (and a progress write) per segment would cost a new
 * device's first sync dearly. A part's last batch ends with it, so that a part is in (patient
 * search works) as soon as that batch commits. The next segment downloads while one is read.
 */
export async function* snapshotBatches(
  client: HubClient,
  todo: readonly SnapshotManifest['segments'][number][],
  resumeAt: InitialSync['current'],
  size = BATCH,
): AsyncGenerator<SnapshotBatch> {
  const download = (i: number) => {
    const segment = todo[i];
    if (!segment) return undefined;
    const bytes = client.segment(segment.id);
    bytes.catch(() => undefined);
    return bytes;
  };
  let pending = download(0);
  let batch: SnapshotBatch = { entries: [], done: [] };
  for (let i = 0; i < todo.length; i++) {
    const segment = todo[i]!;
    const key = segmentKey(segment);
    const gz = await pending!;
    pending = download(i + 1);
    const skip = resumeAt?.segment === key ? resumeAt.lines : 0;
    let seen = 0;
    const full: SnapshotBatch[] = [];
    const take = (line: string) => {
      if (line.length === 0) return;
      seen += 1;
      if (seen <= skip) return;
      batch.entries.push(JSON.parse(line) as LogEntry);
      if (batch.entries.length >= size) {
        full.push({ ...batch, current: { segment: key, lines: seen } });
        batch = { entries: [], done: [] };
      }
    };
    const text = new Blob([gz as BlobPart])
      .stream()
      .pipeThrough(new DecompressionStream('gzip'))
      .pipeThrough(new TextDecoderStream());
    let buffer = '';
    for await (const chunk of text as unknown as AsyncIterable<string>) {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n')) >= 0) {
        take(buffer.slice(0, end));
        buffer = buffer.slice(end + 1);
      }
      yield* full.splice(0);
    }
    take(buffer);
    yield* full.splice(0);
    batch.done.push(key);
    if (todo[i + 1]?.part !== segment.part) {
      yield batch;
      batch = { entries: [], done: [] };
    }
  }
  if (batch.entries.length > 0 || batch.done.length > 0) yield batch;
}

/**
 * Takes the hub's snapshot when this device has nothing of the log yet (cursor 0) or was away
 * past the hub's horizon (`force`). Returns false when there is no snapshot to take: the device
 * then pulls the log from its cursor.
 */
export const takeSnapshot = async (
  ctx: ApplyContext,
  client: HubClient,
  options: { force?: boolean; onProgress?: (progress: InitialProgress) => void } = {},
): Promise<boolean> => {
  const { db } = ctx;
  const cursorOf = async () => ((await db.syncState.get(CURSOR_KEY))?.value as number) ?? 0;
  for (;;) {
    let manifest: SnapshotManifest & { hub: { logEnd: number } };
    try {
      manifest = await client.snapshot();
    } catch (error) {
      if (error instanceof HubRequestError && error.reason === 'no-snapshot') return false;
      throw error;
    }
    const cursor = await cursorOf();
    if (manifest.seq <= cursor || (cursor > 0 && !options.force)) return false;

    const state = await readInitialSync(db);
    const done = new Set(state.segmentsDone);
    const total =
      manifest.segments.reduce((sum, segment) => sum + segment.entries, 0) +
      Math.max(0, manifest.hub.logEnd - manifest.seq);
    let applied = state.applied;
    const report = (through = applied) =>
      options.onProgress?.({ applied: through, total, partsDone: partsDoneOf(manifest, done) });
    report();

    const todo = snapshotOrder(manifest.segments).filter((s) => !done.has(segmentKey(s)));
    // `done` holds what is committed (and reported); `planned` also what the batch in flight
    // completes, written with it as its progress.
    const planned = new Set(done);
    let gone = false;
    // Each batch is prepared (parsed, folded) while the one before it is committed.
    let committing: Promise<unknown> | undefined;
    try {
      for await (const batch of snapshotBatches(client, todo, state.current)) {
        const prepared = prepareEntries(ctx, batch.entries);
        applied += batch.entries.length;
        for (const key of batch.done) planned.add(key);
        const progress: InitialSync = {
          ...state,
          segmentsDone: [...planned],
          current: batch.current,
          partsDone: partsDoneOf(manifest, planned),
          applied,
        };
        await committing;
        committing = applySnapshotBatch(ctx, prepared, () =>
          db.syncState.put({ key: INITIAL_KEY, value: progress }),
        ).then(() => {
          for (const key of batch.done) done.add(key);
          report(progress.applied);
        });
        // A failed commit is thrown by the next await, not reported as an unhandled rejection.
        committing.catch(() => undefined);
      }
      await committing;
    } catch (error) {
      await committing?.catch(() => undefined);
      // A segment rewritten after an erasure: read the manifest again and go on from there.
      if (error instanceof HubRequestError && error.status === 404) gone = true;
      else throw error;
    }
    if (gone) continue;
    // Every segment is in: the log is pulled from the snapshot's end.
    await db.transaction('rw', db.syncState, async () => {
      const now = ((await db.syncState.get(CURSOR_KEY))?.value as number) ?? 0;
      if (manifest.seq > now) await db.syncState.put({ key: CURSOR_KEY, value: manifest.seq });
    });
    return true;
  }
};

/**
 * Everything new comes down: a device that has not completed its initial sync takes the
 * snapshot first (when the hub has one), then every device pulls the log after its cursor. A
 * device away past the hub's horizon takes the snapshot again. The initial sync is complete once
 * a pull reached the end of the log.
 */
export const syncDown = async (
  context: ApplyContext,
  client: HubClient,
  hooks: {
    onHub?: (stamp: HubStamp) => void;
    onProgress?: (progress: InitialProgress) => void;
    onComplete?: () => void;
  } = {},
): Promise<number> => {
  const auditArrived = new Set<string>();
  const ctx: ApplyContext = { ...context, auditArrived };
  const { db } = ctx;
  // Kept while this PC was too old to read them: applied now if it has been updated since.
  await applyKeptChanges(ctx);
  let progress: InitialProgress | undefined;
  const show = (next: InitialProgress) => {
    progress = next;
    hooks.onProgress?.(next);
  };
  const onPage = ({ applied, behind }: { applied: number; behind: number }) => {
    if (!progress) return;
    const done = progress.applied + applied;
    show({ ...progress, applied: done, total: done + behind });
  };
  const catchUp = async (force: boolean) => {
    const state = await readInitialSync(db);
    show({ applied: state.applied, total: state.applied, partsDone: state.partsDone });
    await takeSnapshot(ctx, client, { force, onProgress: show });
  };
  if (!(await readInitialSync(db)).complete) await catchUp(false);
  let pulled: number;
  try {
    pulled = await pullAll(ctx, client, hooks.onHub, onPage);
  } catch (error) {
    if (!(error instanceof HubRequestError)) throw error;
    if (error.reason === 'behind-horizon') {
      // Away past the hub's horizon: what it missed is only in the snapshot now.
      await reopenInitialSync(db);
      await catchUp(true);
    } else if (error.reason === 'cursor-ahead') {
      // The hub holds less than this device saw: take its log from the start, push everything.
      await startOver(db);
      await catchUp(false);
    } else throw error;
    pulled = await pullAll(ctx, client, hooks.onHub, onPage);
  }
  // Each device's audit chain is checked as it arrives (from where this PC last stopped); at the
  // end of a first sync, every device's, whatever an interruption left unchecked.
  await verifyArrivedChains(ctx, progress ? await auditDevices(db) : auditArrived);
  if (progress) {
    await completeInitialSync(db);
    hooks.onComplete?.();
  }
  return pulled;
};
