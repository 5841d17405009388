import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FloorVariant, ProgressSample } from '../../renderer/src/dev/restore-bench';
import { writeBackupFile } from '../../server/backup/backup-file';
import { fileStream, nodePrimitives } from '../../server/backup/node-backup';
import { deriveBackupKey } from '../../shared/backup/backup-key';
import { currentSchemaVersion } from '../../shared/db/schema';
import { DEMO_CLINIC } from '../../shared/demo/demo-store';
import { megabytes, type BenchTable } from './bench-table';
import { allowNamedHelpers } from './bench-clinic';
import { writeDemoPayload } from './demo-payload';
import { inFreshProfile, patientCount, perSecond, withRendererServer } from './chromium-harness';

export const name = 'restore';
export const description =
  'a generated clinic restored from a real encrypted backup file in real Chromium, beside the bulk-add floor';

const PASSPHRASE = 'bench passphrase 2026';
const SEED = 7;
const END_DATE = '2026-11-20';
/** Rows per bulkAdd call in the floor: BENCH_FLOOR_BATCH, 10,000 by default. */
const floorBatch = () => Number(process.env.BENCH_FLOOR_BATCH ?? '10000');
/** Rows per transaction in the restore: BENCH_RESTORE_BATCH, the app's own by default. */
const restoreBatch = (): number | undefined =>
  process.env.BENCH_RESTORE_BATCH ? Number(process.env.BENCH_RESTORE_BATCH) : undefined;
/** Floor and restore, one after the other, this many times in the same profile: BENCH_RUNS. */
const runs = () => Number(process.env.BENCH_RUNS ?? '1');

/**
 * The floor as IndexedDB's default and relaxed durability give it (the best is the floor); with
 * BENCH_RESTORE_ALTERNATIVES=1 also without secondary indexes, and with them built after the load:
 * what leaving them out of the load could save, and what building them afterwards costs.
 */
const FLOORS: { label: string; variant: FloorVariant }[] = [
  { label: 'floor, default durability', variant: { durability: 'default', indexes: 'app' } },
  { label: 'floor, relaxed durability', variant: { durability: 'relaxed', indexes: 'app' } },
  ...(process.env.BENCH_RESTORE_ALTERNATIVES === '1'
    ? [
        {
          label: 'primary keys only (no index at all)',
          variant: { durability: 'default', indexes: 'primary-keys-only' } as const,
        },
        {
          label: 'primary keys, then the indexes built',
          variant: { durability: 'default', indexes: 'built-after' } as const,
        },
      ]
    : []),
];

/** The demo clinic as the app's export writes it, sealed in a backup file as the app seals it. */
const writeBackup = async (dir: string, patients: number) => {
  const payload = join(dir, 'export.ndjson');
  const tables = await writeDemoPayload(payload, { seed: SEED, patients, endDate: END_DATE });
  const { path } = await writeBackupFile({
    dir,
    name: 'bench.cdbackup',
    key: await deriveBackupKey(PASSPHRASE),
    primitives: nodePrimitives,
    payload: fileStream(payload),
    appVersion: 'bench',
    createdAt: new Date().toISOString(),
    describe: { schemaVersion: currentSchemaVersion, clinicName: DEMO_CLINIC.name, tables },
  });
  return {
    path,
    payloadMb: megabytes((await stat(payload)).size),
    fileBytes: (await stat(path)).size,
    rows: Object.values(tables).reduce((sum, n) => sum + n, 0),
  };
};

type DevHook = {
  restoreTimed: (input: {
    file: Blob;
    passphrase: string;
    batchRows?: number;
  }) => Promise<{ ms: number; rows: number; storedRows: number; samples: ProgressSample[] }>;
  readAndCheckTimed: (input: {
    file: Blob;
    passphrase: string;
  }) => Promise<{ ms: number; keyMs: number; rows: number }>;
  restoreFloorTimed: (input: {
    patients: number;
    seed: number;
    endDate: string;
    batch: number;
    variant: FloorVariant;
  }) => Promise<{ rows: number; ms: number }>;
};
type DevGlobal = { __clinicdeskDev: DevHook };

type RestoreRun = Awaited<ReturnType<DevHook['restoreTimed']>>;

/** How the progress reports advanced: what a receptionist watching the bar would have seen. */
const progressFigures = (run: RestoreRun, fileBytes: number) => {
  const times = [0, ...run.samples.map((s) => s.ms), run.ms];
  let longestGap = 0;
  let gapEndsAt = 0;
  for (let i = 1; i < times.length; i++)
    if (times[i]! - times[i - 1]! > longestGap) {
      longestGap = times[i]! - times[i - 1]!;
      gapEndsAt = times[i]!;
    }
  const bytesAt = (s: ProgressSample) =>
    s.progress.phase === 'reading' ? s.progress.fileBytes : fileBytes;
  const reached = (fraction: number) =>
    run.samples.find((s) => bytesAt(s) >= fraction * fileBytes)?.ms ?? run.ms;
  // Seconds per MB of file over the first and the last quarter of it.
  const secondsPerMb = (from: number, to: number) =>
    (reached(to) - reached(from)) / 1000 / megabytes((to - from) * fileBytes);
  const checking = run.samples.find((s) => s.progress.phase === 'checking');
  return {
    reports: run.samples.length,
    longestGapMs: longestGap,
    gapEndsAtMs: gapEndsAt,
    after99Ms: run.ms - reached(0.99),
    after100Ms: run.ms - reached(1),
    checkingMs: checking ? run.ms - checking.ms : undefined,
    // The bar may say 100 % only once every row is in.
    fullBeforeAllRows: run.samples.some(
      (s) =>
        s.progress.phase === 'reading' && bytesAt(s) >= fileBytes && s.progress.rows < run.rows,
    ),
    firstQuarterSPerMb: secondsPerMb(0, 0.25),
    lastQuarterSPerMb: secondsPerMb(0.75, 1),
  };
};

const measure = async (url: string, backup: { path: string }, patients: number) => {
  const { result } = await inFreshProfile(url, async ({ page, garbageCollect }) => {
    await allowNamedHelpers(page);
    // The file is chosen as the dialog's file input takes it: a File backed by the disk.
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'file';
      input.id = 'bench-backup-file';
      document.body.append(input);
    });
    await page.setInputFiles('#bench-backup-file', backup.path);
    const floors: { label: string; rows: number; ms: number; run: number }[] = [];
    const restores = [];
    for (let run = 1; run <= runs(); run++) {
      for (const { label, variant } of FLOORS) {
        console.error(`${label}: bulkAdd in batches of ${floorBatch().toLocaleString('en-US')} …`);
        await garbageCollect();
        const floor = await page.evaluate(
          (input) => (globalThis as unknown as DevGlobal).__clinicdeskDev.restoreFloorTimed(input),
          { patients, seed: SEED, endDate: END_DATE, batch: floorBatch(), variant },
        );
        floors.push({ label, run, ...floor });
      }
      console.error('reading and checking the file, no store …');
      await garbageCollect();
      const checked = await page.evaluate(
        (passphrase) =>
          (globalThis as unknown as DevGlobal).__clinicdeskDev.readAndCheckTimed({
            file: (document.querySelector('#bench-backup-file') as HTMLInputElement).files![0]!,
            passphrase,
          }),
        PASSPHRASE,
      );
      floors.push({
        label: `file read and checked, no store (key ${(checked.keyMs / 1000).toFixed(1)} s)`,
        run,
        ...checked,
      });
      console.error('restoring the file …');
      await garbageCollect();
      restores.push(
        await page.evaluate(
          ({ passphrase, batchRows }) =>
            (globalThis as unknown as DevGlobal).__clinicdeskDev.restoreTimed({
              file: (document.querySelector('#bench-backup-file') as HTMLInputElement).files![0]!,
              passphrase,
              ...(batchRows ? { batchRows } : {}),
            }),
          { passphrase: PASSPHRASE, batchRows: restoreBatch() },
        ),
      );
    }
    return { floors, restores };
  });
  return result;
};

export const run = async (): Promise<BenchTable[]> => {
  const patients = patientCount();
  const dir = await mkdtemp(join(tmpdir(), 'clinicdesk-bench-restore-'));
  try {
    console.error(`writing the backup of ${patients.toLocaleString('en-US')} patients …`);
    const backup = await writeBackup(dir, patients);
    const { floors, restores } = await withRendererServer((url) => measure(url, backup, patients));
    // The floor is what the app's schema allows: the best of its durabilities, indexes included.
    const floorRate = Math.max(
      ...floors.filter((f) => f.label.startsWith('floor')).map((f) => perSecond(f.rows, f.ms)),
    );
    const floorRows = floors.map((f) => ({
      run: f.run,
      write: f.label,
      s: f.ms / 1000,
      'rows/s': perSecond(f.rows, f.ms),
      'vs floor': perSecond(f.rows, f.ms) / floorRate,
    }));
    const rows = restores.map((r, i) => {
      const p = progressFigures(r, backup.fileBytes);
      const rate = perSecond(r.rows, r.ms);
      return {
        run: i + 1,
        'restore s': r.ms / 1000,
        'rows/s': rate,
        'vs floor': rate / floorRate,
        reports: p.reports,
        'longest gap s': p.longestGapMs / 1000,
        'gap ends at s': p.gapEndsAtMs / 1000,
        'after 99 % s': p.after99Ms / 1000,
        'after 100 % s': p.after100Ms / 1000,
        'checking s': p.checkingMs === undefined ? '—' : p.checkingMs / 1000,
        '100 % early': p.fullBeforeAllRows ? 'yes' : 'no',
        's/MB 1st ¼': p.firstQuarterSPerMb,
        's/MB last ¼': p.lastQuarterSPerMb,
      };
    });
    const wrong = restores.filter((r) => r.storedRows !== backup.rows || r.rows !== backup.rows);
    const title = `${patients.toLocaleString('en-US')} patients: ${backup.rows.toLocaleString('en-US')} rows, ${megabytes(backup.fileBytes).toFixed(1)} MB file (${backup.payloadMb.toFixed(0)} MB of NDJSON), IndexedDB on disk`;
    return [
      {
        title: `The floor, ${title}`,
        rows: floorRows,
        note: `The same rows bulkAdd-ed ${floorBatch().toLocaleString('en-US')} at a time into a fresh store, one table after another. The floor (${floorRate.toFixed(0)} rows/s) is the best with the app's indexes.`,
      },
      {
        title: `The restore, ${title}`,
        rows,
        note: [
          'readBackupIntoNewStore on a disk-backed File, from the passphrase to the preview. ',
          'Progress: the longest time without a report, and the time from the report that reached 99 % (100 %) of the file to the preview. ',
          wrong.length === 0
            ? 'Every restore held every row of the file.'
            : `${wrong.length} restores did not hold every row of the file.`,
        ].join(''),
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
