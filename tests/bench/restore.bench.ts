import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProgressSample } from '../../renderer/src/dev/restore-bench';
import { writeBackupFile } from '../../server/backup/backup-file';
import { fileStream, nodePrimitives } from '../../server/backup/node-backup';
import { deriveBackupKey } from '../../shared/backup/backup-key';
import { encodeLine } from '../../shared/backup/payload';
import { currentSchemaVersion } from '../../shared/db/schema';
import { DEMO_CLINIC, demoStoreRows } from '../../shared/demo/demo-store';
import { megabytes, type BenchTable } from './bench-table';
import { allowNamedHelpers } from './bench-clinic';
import { inFreshProfile, patientCount, perSecond, withRendererServer } from './chromium-harness';

export const name = 'restore';
export const description =
  'a generated clinic restored from a real encrypted backup file in real Chromium, beside the bulk-add floor';

const PASSPHRASE = 'bench passphrase 2026';
const SEED = 7;
const END_DATE = '2026-11-20';
/** Rows per bulkAdd call in the floor: BENCH_FLOOR_BATCH, 10,000 by default. */
const floorBatch = () => Number(process.env.BENCH_FLOOR_BATCH ?? '10000');
/** Floor and restore, one after the other, this many times in the same profile: BENCH_RUNS. */
const runs = () => Number(process.env.BENCH_RUNS ?? '1');

/** The demo clinic as the app's export writes it, sealed in a backup file as the app seals it. */
const writeBackup = async (dir: string, patients: number) => {
  const payload = join(dir, 'export.ndjson');
  const tables: Record<string, number> = {};
  const out = createWriteStream(payload);
  let text = '';
  for await (const { table, row } of demoStoreRows({ seed: SEED, patients, endDate: END_DATE })) {
    tables[table] = (tables[table] ?? 0) + 1;
    text += await encodeLine(table, row);
    if (text.length > 1_000_000) {
      if (!out.write(text)) await once(out, 'drain');
      text = '';
    }
  }
  out.end(text);
  await once(out, 'finish');
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
  }) => Promise<{ ms: number; rows: number; storedRows: number; samples: ProgressSample[] }>;
  restoreFloorTimed: (input: {
    patients: number;
    seed: number;
    endDate: string;
    batch: number;
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
  const reached = (fraction: number) =>
    run.samples.find((s) => s.fileBytes >= fraction * fileBytes)?.ms ?? run.ms;
  // Seconds per MB of file over the first and the last quarter of it.
  const secondsPerMb = (from: number, to: number) =>
    (reached(to) - reached(from)) / 1000 / megabytes((to - from) * fileBytes);
  return {
    reports: run.samples.length,
    longestGapMs: longestGap,
    gapEndsAtMs: gapEndsAt,
    after99Ms: run.ms - reached(0.99),
    after100Ms: run.ms - reached(1),
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
    const floors = [];
    const restores = [];
    for (let i = 0; i < runs(); i++) {
      console.error(`floor: bulkAdd in batches of ${floorBatch().toLocaleString('en-US')} …`);
      await garbageCollect();
      floors.push(
        await page.evaluate(
          (input) => (globalThis as unknown as DevGlobal).__clinicdeskDev.restoreFloorTimed(input),
          { patients, seed: SEED, endDate: END_DATE, batch: floorBatch() },
        ),
      );
      console.error('restoring the file …');
      await garbageCollect();
      restores.push(
        await page.evaluate(
          (passphrase) =>
            (globalThis as unknown as DevGlobal).__clinicdeskDev.restoreTimed({
              file: (document.querySelector('#bench-backup-file') as HTMLInputElement).files![0]!,
              passphrase,
            }),
          PASSPHRASE,
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
    const floorRate = Math.max(...floors.map((f) => perSecond(f.rows, f.ms)));
    const rows = restores.map((r, i) => {
      const p = progressFigures(r, backup.fileBytes);
      const rate = perSecond(r.rows, r.ms);
      return {
        run: i + 1,
        'floor rows/s': perSecond(floors[i]!.rows, floors[i]!.ms),
        'restore s': r.ms / 1000,
        'restore rows/s': rate,
        'vs best floor': rate / floorRate,
        reports: p.reports,
        'longest gap s': p.longestGapMs / 1000,
        'gap ends at s': p.gapEndsAtMs / 1000,
        'after 99 % s': p.after99Ms / 1000,
        'after 100 % s': p.after100Ms / 1000,
        's/MB 1st ¼': p.firstQuarterSPerMb,
        's/MB last ¼': p.lastQuarterSPerMb,
      };
    });
    const wrong = restores.filter((r) => r.storedRows !== backup.rows || r.rows !== backup.rows);
    return [
      {
        title: `Restoring ${patients.toLocaleString('en-US')} patients: ${backup.rows.toLocaleString('en-US')} rows, ${megabytes(backup.fileBytes).toFixed(1)} MB file (${backup.payloadMb.toFixed(0)} MB of NDJSON), IndexedDB on disk`,
        rows,
        note: [
          `Floor: the same rows bulkAdd-ed ${floorBatch().toLocaleString('en-US')} at a time into a fresh store with the app's schema, one table after another. `,
          'Restore: readBackupIntoNewStore on a disk-backed File, from the passphrase to the preview. ',
          'Progress columns: the longest time without a progress report, and the time from the report that reached 99 % (100 %) of the file to the preview. ',
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
