import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { generateClinic } from '../../shared/demo/generate-clinic';
import type { TableName } from '../../shared/db/schema';
import { CliError } from './cli-message';
import type { SeedOptions } from './seed-options';

export type SeedSummary = { out: string; rows: Partial<Record<TableName, number>>; bytes: number };

/** One line of the file: the table a row belongs in, and the row. */
export type NdjsonLine = { table: TableName; row: unknown };

const exists = async (path: string) =>
  stat(path).then(
    (s) => s,
    () => undefined,
  );

export const checkTarget = async ({ out, force }: SeedOptions): Promise<void> => {
  const folder = await exists(dirname(out));
  if (!folder?.isDirectory()) {
    throw new CliError(
      { zh: `找不到输出文件夹：${dirname(out)}`, en: `output folder not found: ${dirname(out)}` },
      1,
    );
  }
  const target = await exists(out);
  if (target?.isDirectory()) {
    throw new CliError(
      { zh: `输出路径是一个文件夹：${out}`, en: `output path is a folder: ${out}` },
      1,
    );
  }
  if (target && !force) {
    throw new CliError(
      {
        zh: `文件已存在：${out}（加 --force 覆盖）`,
        en: `file already exists: ${out} (add --force to overwrite)`,
      },
      1,
    );
  }
};

/**
 * Writes the generated clinic as NDJSON. The generator yields one batch at a time and the stream
 * pulls the next only when the disk has taken the last (pipeline backpressure), so memory stays
 * flat at any size. The file appears under its name only once complete: it is written beside it,
 * flushed, and renamed, so an interrupted run never leaves a truncated file that looks finished.
 */
export const writeClinicNdjson = async (options: SeedOptions): Promise<SeedSummary> => {
  await checkTarget(options);
  const rows: Partial<Record<TableName, number>> = {};
  let bytes = 0;
  const batches = generateClinic({
    seed: options.seed,
    patients: options.patients,
    endDate: options.endDate,
    visitsPerPatient: options.visitsPerPatient,
    busyDay: options.busyDay,
  });
  function* chunks(): Generator<string> {
    for (const batch of batches) {
      let chunk = '';
      for (const [table, list] of [
        ['patients', batch.patients],
        ['visits', batch.visits],
      ] as const) {
        for (const row of list) chunk += `${JSON.stringify({ table, row } satisfies NdjsonLine)}\n`;
        rows[table] = (rows[table] ?? 0) + list.length;
      }
      bytes += Buffer.byteLength(chunk);
      yield chunk;
    }
  }
  const partial = `${options.out}.partial`;
  try {
    // One chunk in flight: a batch is about a megabyte of text, and sixteen (the default) add up.
    await pipeline(
      Readable.from(chunks(), { highWaterMark: 1 }),
      createWriteStream(partial, { flush: true }),
    );
    await rename(partial, options.out);
  } catch (error) {
    await rm(partial, { force: true });
    if (error instanceof CliError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError({ zh: `写入失败：${reason}`, en: `could not write the file: ${reason}` }, 1);
  }
  return { out: options.out, rows, bytes };
};
