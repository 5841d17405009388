import type { AuditEvent } from '../../shared/audit/audit-event';
import type { ChainReport } from '../../shared/audit/chain';
import type { SeedProgress } from '../../renderer/src/db/demo-seed';
import { median, megabytes, type BenchTable } from './bench-table';
import {
  END_DATE,
  inFreshProfile,
  patientCount,
  percentile,
  perSecond,
  withRendererServer,
} from './chromium-harness';

export const name = 'store';
export const description =
  'the local store in real Chromium: demo seed, audit write path, chain verification';

/** The hook main.tsx puts on globalThis in dev and e2e builds (never in production). */
type DevHook = {
  db: { auditEvents: { toArray: () => Promise<AuditEvent[]> } };
  seed: (patients: number, endDate: string) => Promise<SeedProgress>;
  recordEvents: (count: number) => Promise<number>;
  verifyChain: () => Promise<ChainReport>;
};
type DevGlobal = { __clinicdeskDev: DevHook };
/** Chromium's non-standard heap figures; exact only with --enable-precise-memory-info. */
type MemoryInfo = { usedJSHeapSize: number };

const AUDIT_EVENTS = 2_000;
const VERIFY_ROUNDS = 5;

const seedGroup = async (url: string, patients: number): Promise<BenchTable[]> => {
  const { result, indexedDbBytes } = await inFreshProfile(url, async ({ page, garbageCollect }) => {
    // Timed inside the page: the clock starts and stops in Chromium, not across the CDP pipe.
    const seeded = await page.evaluate(
      async ({ patients, endDate }) => {
        const dev = (globalThis as unknown as DevGlobal).__clinicdeskDev;
        // Each read of performance.memory is a new snapshot: keep the object, not one MemoryInfo.
        const perf = performance as unknown as { memory?: MemoryInfo };
        const heapBefore = perf.memory?.usedJSHeapSize;
        let peakHeap = heapBefore ?? 0;
        // Timers run between the seed's batches, while IndexedDB commits.
        const sampler = setInterval(() => {
          peakHeap = Math.max(peakHeap, perf.memory?.usedJSHeapSize ?? 0);
        }, 50);
        const start = performance.now();
        const done = await dev.seed(patients, endDate);
        const ms = performance.now() - start;
        clearInterval(sampler);
        const heapAfter = perf.memory?.usedJSHeapSize;
        const estimate = await navigator.storage.estimate();
        return {
          ...done,
          ms,
          usage: estimate.usage ?? 0,
          heapBefore,
          heapPeak: heapAfter === undefined ? undefined : Math.max(peakHeap, heapAfter),
          heapAfter,
          userAgent: navigator.userAgent,
        };
      },
      { patients, endDate: END_DATE },
    );
    await garbageCollect();
    const heapAfterGc = await page.evaluate(
      () => (performance as unknown as { memory?: MemoryInfo }).memory?.usedJSHeapSize,
    );
    return { ...seeded, heapAfterGc };
  });
  const rows = result.patients + result.visits;
  const chromiumVersion = /(?:Headless)?Chrome\/([\d.]+)/.exec(result.userAgent)?.[1] ?? '?';
  const { heapBefore, heapPeak, heapAfter, heapAfterGc } = result;
  const heapRows =
    heapBefore === undefined ||
    heapPeak === undefined ||
    heapAfter === undefined ||
    heapAfterGc === undefined
      ? [{ measure: 'JS heap (performance.memory unavailable)', MB: '–' }]
      : [
          { measure: 'JS heap, before the seed', MB: megabytes(heapBefore) },
          {
            measure: 'JS heap, peak during the seed (sampled every 50 ms)',
            MB: megabytes(heapPeak),
          },
          { measure: 'JS heap, right after the seed', MB: megabytes(heapAfter) },
          { measure: 'JS heap, after a full garbage collection', MB: megabytes(heapAfterGc) },
        ];
  return [
    {
      title: `Demo seed through the page, ${patients.toLocaleString('en-US')} patients and their visits (Chromium ${chromiumVersion}, IndexedDB on disk)`,
      rows: [
        {
          work: 'seedDemoClinic (1,000 patients per transaction)',
          patients: result.patients,
          visits: result.visits,
          seconds: result.ms / 1000,
          'rows per second': perSecond(rows, result.ms),
        },
      ],
    },
    {
      title: 'Storage and memory after the seed',
      rows: [
        { measure: 'IndexedDB usage (navigator.storage.estimate)', MB: megabytes(result.usage) },
        { measure: 'IndexedDB folder on disk, Chromium closed', MB: megabytes(indexedDbBytes) },
        ...heapRows,
      ],
      note: `About ${Math.round(indexedDbBytes / rows).toLocaleString('en-US')} bytes on disk per row.`,
    },
  ];
};

const auditGroup = async (url: string): Promise<BenchTable[]> => {
  const { result } = await inFreshProfile(url, async ({ page }) => {
    const written = await page.evaluate(async (count) => {
      const dev = (globalThis as unknown as DevGlobal).__clinicdeskDev;
      const perWrite: number[] = [];
      const start = performance.now();
      for (let i = 0; i < count; i++) {
        const before = performance.now();
        await dev.recordEvents(1);
        perWrite.push(performance.now() - before);
      }
      return { ms: performance.now() - start, perWrite };
    }, AUDIT_EVENTS);
    const verified = await page.evaluate(async (rounds) => {
      const dev = (globalThis as unknown as DevGlobal).__clinicdeskDev;
      const verifyMs: number[] = [];
      const readMs: number[] = [];
      let report: ChainReport | undefined;
      for (let round = 0; round < rounds; round++) {
        const start = performance.now();
        report = await dev.verifyChain();
        verifyMs.push(performance.now() - start);
        const readStart = performance.now();
        await dev.db.auditEvents.toArray();
        readMs.push(performance.now() - readStart);
      }
      return { verifyMs, readMs, report: report! };
    }, VERIFY_ROUNDS);
    return { written, verified };
  });
  const { written, verified } = result;
  if (!verified.report.ok || verified.report.checked !== AUDIT_EVENTS) {
    throw new Error(`the benchmark chain does not verify: ${JSON.stringify(verified.report)}`);
  }
  const checked = verified.report.checked;
  return [
    {
      title: `Audit write path in the page, ${AUDIT_EVENTS.toLocaleString('en-US')} events one after another`,
      rows: [
        {
          operation: 'recordAuditEvent',
          seconds: written.ms / 1000,
          'events per second': perSecond(AUDIT_EVENTS, written.ms),
          'p50 ms': percentile(written.perWrite, 50),
          'p95 ms': percentile(written.perWrite, 95),
          'max ms': Math.max(...written.perWrite),
        },
      ],
      note: 'Each event is one Dexie transaction: HLC state, the hash-chained event and its outbox entry.',
    },
    {
      title: `Verifying that chain in the page, ${checked.toLocaleString('en-US')} events, median of ${VERIFY_ROUNDS}`,
      rows: [
        {
          operation: 'read + verify (verifyAuditChain over toArray)',
          'median ms': median(verified.verifyMs),
          'min ms': Math.min(...verified.verifyMs),
          'events per second': perSecond(checked, median(verified.verifyMs)),
        },
        {
          operation: 'read only (auditEvents.toArray)',
          'median ms': median(verified.readMs),
          'min ms': Math.min(...verified.readMs),
          'events per second': perSecond(checked, median(verified.readMs)),
        },
      ],
    },
  ];
};

export const run = async (): Promise<BenchTable[]> => {
  const patients = patientCount();
  return withRendererServer(async (url) => {
    console.error(`seeding ${patients.toLocaleString('en-US')} patients in Chromium …`);
    const seedTables = await seedGroup(url, patients);
    console.error(`writing and verifying ${AUDIT_EVENTS.toLocaleString('en-US')} audit events …`);
    const auditTables = await auditGroup(url);
    return [...seedTables, ...auditTables];
  });
};
