import { chromium, type Page } from '@playwright/test';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import type { AuditEvent } from '../../shared/audit/audit-event';
import type { ChainReport } from '../../shared/audit/chain';
import type { SeedProgress } from '../../renderer/src/db/demo-seed';
import { median, megabytes, type BenchTable } from './bench-table';

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

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** Its own output folder, so a bench never empties dist/renderer under a running e2e suite. */
const outDir = join(repoRoot, 'dist', 'bench-renderer');
/** Not 4173: Playwright's e2e server may be running at the same time. */
const PORT = 4174;
const END_DATE = '2026-11-22';
const AUDIT_EVENTS = 2_000;
const VERIFY_ROUNDS = 5;

const patientCount = (): number => {
  const raw = process.env.BENCH_PATIENTS ?? '100000';
  const count = Number(raw);
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new RangeError(`BENCH_PATIENTS must be a positive whole number, got "${raw}"`);
  }
  return count;
};

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // Otherwise performance.memory is rounded into coarse buckets and refreshed only now and then.
  '--enable-precise-memory-info',
];

const perSecond = (count: number, ms: number) => (count / ms) * 1000;

/** Nearest-rank percentile. */
const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
};

const folderBytes = async (folder: string): Promise<number> => {
  let bytes = 0;
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return bytes;
};

type Session = { page: Page; garbageCollect: () => Promise<void> };

/**
 * One measurement group in a fresh Chromium profile on disk, as the Electron app keeps its store
 * (a non-persistent Playwright context would keep IndexedDB in memory, like an incognito window).
 * Returns the group's result and the size of the profile's IndexedDB folder once Chromium closed.
 */
const inFreshProfile = async <T>(
  url: string,
  measure: (session: Session) => Promise<T>,
): Promise<{ result: T; indexedDbBytes: number }> => {
  const profile = await mkdtemp(join(tmpdir(), 'clinicdesk-bench-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
    let result: T;
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
      await page.goto(url);
      await page.waitForFunction(() => '__clinicdeskDev' in globalThis, null, { timeout: 60_000 });
      const cdp = await context.newCDPSession(page);
      result = await measure({
        page,
        garbageCollect: async () => {
          await cdp.send('HeapProfiler.collectGarbage');
        },
      });
    } finally {
      await context.close();
    }
    return { result, indexedDbBytes: await folderBytes(join(profile, 'Default', 'IndexedDB')) };
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
};

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
  // e2e mode: __DEV_TOOLS__ is on, so the page carries the hook; otherwise a production bundle.
  const shared = {
    configFile: join(repoRoot, 'vite.config.ts'),
    root: join(repoRoot, 'renderer'),
    mode: 'e2e',
    logLevel: 'warn' as const,
    build: { outDir, emptyOutDir: true },
  };
  console.error('building the renderer (mode e2e) …');
  await build(shared);
  const server = await preview({
    ...shared,
    preview: { host: '127.0.0.1', port: PORT, strictPort: true, open: false },
  });
  try {
    const url = `http://127.0.0.1:${PORT}/`;
    console.error(`seeding ${patients.toLocaleString('en-US')} patients in Chromium …`);
    const seedTables = await seedGroup(url, patients);
    console.error(`writing and verifying ${AUDIT_EVENTS.toLocaleString('en-US')} audit events …`);
    const auditTables = await auditGroup(url);
    return [...seedTables, ...auditTables];
  } finally {
    await server.close();
  }
};
