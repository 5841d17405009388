import type { Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openHubStore } from '../../server/hub/hub-store';
import { bundleEntry, forkHub } from '../../server/hub/testing/spawn-hub';
import type {
  SyncLiveInput,
  SyncLiveResult,
  SyncLiveStep,
} from '../../renderer/src/dev/sync-live-bench';
import type { BenchTable } from './bench-table';
import { inFreshProfile, percentile } from './chromium-harness';

/**
 * The product's latency target, "a change visible on a second device p50 < 200 ms, p95 < 1 s":
 * two workstations (two Chromium profiles, each its own IndexedDB) paired with a fresh, small hub
 * of their own, so the figure is the live channel's and not a big log's. Workstation A registers
 * patients through the app's write path; B's engine, woken by the hub's live channel, pulls and
 * applies them; B's liveQuery (what a screen re-renders from) notes when each appears.
 */

/** Measured unless BENCH_SYNC_LIVE=0. */
export const liveWanted = (): boolean => process.env.BENCH_SYNC_LIVE !== '0';

/** How many changes are timed: BENCH_SYNC_LIVE_N, 200 by default. */
const liveCount = (): number => {
  const count = Number(process.env.BENCH_SYNC_LIVE_N ?? '200');
  if (!Number.isSafeInteger(count) || count < 1)
    throw new RangeError('BENCH_SYNC_LIVE_N must be a positive whole number');
  return count;
};

/** Not timed: the first changes also prove both live channels are open. */
const WARM_UP = 3;
/** Beyond the engine's quiet exchange (60 s): a missed wake-up shows as ~60 s, not as lost. */
const ARRIVAL_TIMEOUT_MS = 65_000;
/** A series this slow says the live channel is not waking the puller: stop rather than wait hours. */
const SLOW_MS = 5_000;
const SLOW_LIMIT = 5;

type LiveDevGlobal = {
  __clinicdeskDev: {
    syncLive: <K extends SyncLiveStep>(
      step: K,
      input: SyncLiveInput<K>,
    ) => Promise<SyncLiveResult<K>>;
  };
};

const step = <K extends SyncLiveStep>(
  page: Page,
  name: K,
  input: SyncLiveInput<K>,
): Promise<SyncLiveResult<K>> =>
  page.evaluate(
    ([n, i]) => (globalThis as unknown as LiveDevGlobal).__clinicdeskDev.syncLive(n, i),
    [name, input] as const,
  ) as Promise<SyncLiveResult<K>>;

type Series = {
  /** From A's registerPatient call to the row in B's liveQuery. */
  visible: number[];
  /** From the same call to its commit in A's store. */
  written: number[];
  /** From the same call to A's outbox being empty again: the hub acknowledged the push. */
  acknowledged: number[];
  /** From the same call to the hub's live event reaching B (on a listener beside B's engine). */
  heard: number[];
  stopped?: string;
};

/** One change at a time: each waits for the previous to arrive on B, then 50–100 ms more. */
const runSeries = async (a: Page, b: Page, count: number): Promise<Series> => {
  const series: Series = { visible: [], written: [], acknowledged: [], heard: [] };
  let slow = 0;
  for (let serial = 1; serial <= WARM_UP + count; serial++) {
    const write = await step(a, 'write', { serial });
    const arrivedAt = await step(b, 'arrived', { id: write.id, timeoutMs: ARRIVAL_TIMEOUT_MS });
    if (arrivedAt === null) {
      series.stopped = `change ${serial} did not reach B within ${ARRIVAL_TIMEOUT_MS / 1000} s`;
      break;
    }
    const pushedAt = await step(a, 'pushed', { after: write.committedAt, timeoutMs: 10_000 });
    const heardAt = await step(b, 'heard', { after: write.committedAt, timeoutMs: 10_000 });
    if (serial > WARM_UP) {
      series.visible.push(arrivedAt - write.startedAt);
      series.written.push(write.committedAt - write.startedAt);
      if (pushedAt !== null) series.acknowledged.push(pushedAt - write.startedAt);
      if (heardAt !== null) series.heard.push(heardAt - write.startedAt);
      if (arrivedAt - write.startedAt > SLOW_MS && ++slow >= SLOW_LIMIT) {
        series.stopped = `${SLOW_LIMIT} changes took over ${SLOW_MS / 1000} s`;
        break;
      }
    }
    await sleep(50 + ((serial * 37) % 51));
  }
  return series;
};

const row = (what: string, values: readonly number[]) =>
  values.length === 0
    ? { what, changes: 0, 'p50 ms': '—', 'p95 ms': '—', 'max ms': '—' }
    : {
        what,
        changes: values.length,
        'p50 ms': percentile(values, 50),
        'p95 ms': percentile(values, 95),
        'max ms': Math.max(...values),
      };

/** Runs on the bench renderer already served at `rendererUrl`; starts and stops its own hub. */
export const measureLiveLatency = async (rendererUrl: string): Promise<BenchTable> => {
  const count = liveCount();
  const dataDir = await mkdtemp(join(tmpdir(), 'clinicdesk-sync-live-bench-'));
  const hub = await forkHub(await bundleEntry('hub-child'), { dataDir });
  try {
    const store = await openHubStore({ sqliteDir: dataDir }, { clock: { now: () => Date.now() } });
    let codes: { first: string; second: string };
    try {
      codes = {
        first: (await store.createPairingCode(true)).code,
        second: (await store.createPairingCode(false)).code,
      };
    } finally {
      await store.close();
    }
    console.error(`a change on one workstation, seen on another: ${count} changes …`);
    const { result: series } = await inFreshProfile(rendererUrl, async ({ page: a }) => {
      await step(a, 'pair', {
        url: hub.url,
        code: codes.first,
        deviceName: 'front desk',
        clinicName: '基准诊所',
      });
      const { result } = await inFreshProfile(rendererUrl, async ({ page: b }) => {
        await step(b, 'pair', { url: hub.url, code: codes.second, deviceName: 'consulting room' });
        await step(a, 'watch', { listen: false });
        await step(b, 'watch', { listen: true });
        return runSeries(a, b, count);
      });
      return result;
    });
    return {
      title: `a change on one workstation visible on another, through the live channel: ${series.visible.length} registrations, one at a time`,
      rows: [
        row('registerPatient on A → the patient in B’s liveQuery', series.visible),
        row('  of which: committed in A’s store', series.written),
        row('  of which: A’s outbox empty again (hub acknowledged)', series.acknowledged),
        row('  of which: the hub’s live event heard on B', series.heard),
      ],
      note: `targets: p50 < 200 ms, p95 < 1 s. Wall clock of two Chromium profiles on one machine, a fresh SQLite hub; each change after the previous one arrived, then 50–100 ms.${series.stopped ? ` Stopped early: ${series.stopped}.` : ''}`,
    };
  } finally {
    hub.child.kill('SIGTERM');
    await hub.exited;
    await rm(dataDir, { recursive: true, force: true });
  }
};
