import { chromium, type Page } from '@playwright/test';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';

/**
 * What the benches that measure inside real Chromium share: the renderer built in e2e mode (so
 * the page carries the __clinicdeskDev hook) and served on loopback, a fresh on-disk profile per
 * measurement group, and nearest-rank percentiles.
 */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** Its own output folder, so a bench never empties dist/renderer under a running e2e suite. */
const outDir = join(repoRoot, 'dist', 'bench-renderer');
/** Not 4173: Playwright's e2e server may be running at the same time; BENCH_PORT for a second checkout. */
const PORT = Number(process.env.BENCH_PORT ?? 4174);

export const END_DATE = '2026-11-22';

/** How many patients to seed: BENCH_PATIENTS, 100,000 by default. */
export const patientCount = (): number => {
  const raw = process.env.BENCH_PATIENTS ?? '100000';
  const count = Number(raw);
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new RangeError(`BENCH_PATIENTS must be a positive whole number, got "${raw}"`);
  }
  return count;
};

const BENCH_CHROMIUM_ARGS = [
  ...CHROMIUM_ARGS,
  // Otherwise performance.memory is rounded into coarse buckets and refreshed only now and then.
  '--enable-precise-memory-info',
];

export const perSecond = (count: number, ms: number) => (count / ms) * 1000;

/** Nearest-rank percentile. */
export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
};

export const folderBytes = async (folder: string): Promise<number> => {
  let bytes = 0;
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return bytes;
};

export type Session = { page: Page; garbageCollect: () => Promise<void> };

/**
 * One measurement group in a fresh Chromium profile on disk, as the Electron app keeps its store
 * (a non-persistent Playwright context would keep IndexedDB in memory, like an incognito window).
 * Returns the group's result and the size of the profile's IndexedDB folder once Chromium closed.
 */
export const inFreshProfile = async <T>(
  url: string,
  measure: (session: Session) => Promise<T>,
): Promise<{ result: T; indexedDbBytes: number }> => {
  const profile = await mkdtemp(join(tmpdir(), 'clinicdesk-bench-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: BENCH_CHROMIUM_ARGS,
    });
    let result: T;
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
      if (process.env.BENCH_CONSOLE) page.on('console', (m) => console.error(m.text()));
      await page.goto(url);
      await page.waitForFunction(() => '__clinicdeskDev' in globalThis, null, { timeout: 60_000 });
      const cdp = await context.newCDPSession(page);
      // BENCH_CPU_PROFILE=folder: a .cpuprofile of each group, to open in Chromium's DevTools.
      const profileDir = process.env.BENCH_CPU_PROFILE;
      if (profileDir) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
        await cdp.send('Profiler.start');
      }
      result = await measure({
        page,
        garbageCollect: async () => {
          await cdp.send('HeapProfiler.collectGarbage');
        },
      });
      if (profileDir) {
        const { profile: cpu } = await cdp.send('Profiler.stop');
        const file = join(profileDir, `${Date.now()}.cpuprofile`);
        await writeFile(file, JSON.stringify(cpu));
        console.error(`CPU profile: ${file}`);
      }
    } finally {
      await context.close();
    }
    return { result, indexedDbBytes: await folderBytes(join(profile, 'Default', 'IndexedDB')) };
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
};

/**
 * Builds the renderer in e2e mode (__DEV_TOOLS__ on: the page carries the hook; otherwise it is a
 * production bundle), serves it on 127.0.0.1 for the duration of `run`, then stops the server.
 */
export const withRendererServer = async <T>(run: (url: string) => Promise<T>): Promise<T> => {
  const shared = {
    configFile: join(repoRoot, 'vite.config.ts'),
    root: join(repoRoot, 'renderer'),
    mode: 'e2e',
    logLevel: 'warn' as const,
    // With source maps when profiling, so that a .cpuprofile's frames can be read as our code.
    build: { outDir, emptyOutDir: true, sourcemap: Boolean(process.env.BENCH_CPU_PROFILE) },
  };
  console.error('building the renderer (mode e2e) …');
  await build(shared);
  const server = await preview({
    ...shared,
    preview: { host: '127.0.0.1', port: PORT, strictPort: true, open: false },
  });
  try {
    return await run(`http://127.0.0.1:${PORT}/`);
  } finally {
    await server.close();
  }
};
