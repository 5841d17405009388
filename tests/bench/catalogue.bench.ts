import iconv from 'iconv-lite';
import Papa from 'papaparse';
import writeXlsxFile from 'write-excel-file/node';
import { catalogueFileRows } from '../../shared/demo/catalogue-file';
import { generateCatalogue } from '../../shared/demo/generate-catalogue';
import type { TimedImport } from '../../renderer/src/dev/catalogue-import-timed';
import type { BenchTable } from './bench-table';
import { inFreshProfile, percentile, perSecond, withRendererServer } from './chromium-harness';

export const name = 'catalogue';
export const description =
  'importing a city-sized insurance catalogue in real Chromium: decode, parse and check, pinyin keys, one-transaction write';

type DevGlobal = {
  __clinicdeskDev: {
    importCatalogueTimed: (options: {
      fileName: string;
      base64: string;
      effectiveFrom: string;
      queries: string[];
    }) => Promise<TimedImport>;
  };
};

/** How many items: BENCH_CATALOGUE_ROWS, 20,000 by default (a city's full list). */
const rowCount = (): number => {
  const raw = process.env.BENCH_CATALOGUE_ROWS ?? '20000';
  const count = Number(raw);
  if (!Number.isSafeInteger(count) || count < 1)
    throw new RangeError(`BENCH_CATALOGUE_ROWS must be a positive whole number, got "${raw}"`);
  return count;
};

/** What the officer types: a letter, initials, a name in 汉字 (its start or middle), a code. */
const QUERIES = [
  'a',
  'x',
  'amxl',
  'ggzl',
  '阿莫西林',
  '根管',
  '头孢',
  'xj01',
  '3105110010',
  '洗牙',
  'jiezhi',
];

const files = async (rows: string[][]) => {
  const csv = Papa.unparse(rows, { newline: '\r\n' });
  const [header = [], ...body] = rows;
  const price = header.findIndex((h) => h.startsWith('单价'));
  const xlsx = await writeXlsxFile([
    header,
    ...body.map((row) => row.map((cell, i) => (i === price ? Number(cell) : cell))),
  ]).toBuffer();
  return [
    {
      label: 'CSV, UTF-8 with BOM',
      short: 'UTF-8',
      fileName: 'catalogue.csv',
      bytes: Buffer.from(`\uFEFF${csv}`),
    },
    {
      label: 'CSV, GBK (Excel on Chinese Windows)',
      short: 'GBK',
      fileName: 'catalogue-gbk.csv',
      bytes: iconv.encode(csv, 'gbk'),
    },
    { label: '.xlsx', short: 'xlsx', fileName: 'catalogue.xlsx', bytes: xlsx },
  ];
};

export const run = async (): Promise<BenchTable[]> => {
  const count = rowCount();
  console.error(`generating ${count.toLocaleString('en-US')} catalogue items …`);
  const kinds = await files(catalogueFileRows(generateCatalogue('bench', count)));
  const results = await withRendererServer(async (url) => {
    const out: { label: string; short: string; bytes: number; timed: TimedImport }[] = [];
    for (const kind of kinds) {
      console.error(`importing ${kind.label} …`);
      const { result } = await inFreshProfile(url, ({ page }) =>
        page.evaluate(
          (options) =>
            (globalThis as unknown as DevGlobal).__clinicdeskDev.importCatalogueTimed(options),
          {
            fileName: kind.fileName,
            base64: kind.bytes.toString('base64'),
            effectiveFrom: '2026-01-01',
            queries: QUERIES,
          },
        ),
      );
      out.push({ label: kind.label, short: kind.short, bytes: kind.bytes.length, timed: result });
    }
    return out;
  });
  return [
    {
      title: `Catalogue import in the page, ${count.toLocaleString('en-US')} items (IndexedDB on disk)`,
      rows: results.map(({ label, bytes, timed }) => ({
        file: label,
        MB: bytes / 1_048_576,
        'read ms': timed.readMs,
        'parse+check ms': timed.parseMs,
        'pinyin keys ms': timed.keysMs,
        'write ms': timed.writeMs,
        'total ms': timed.totalMs,
        'rows/s': perSecond(timed.rows, timed.totalMs),
      })),
      note: 'One transaction writes the version, every item, the outbox entries (one per 2,000 items) and the audit event. Target: under 5,000 ms in total.',
    },
    {
      title: 'Search over the imported version (limit 101, as the screen asks)',
      rows: QUERIES.map((query, i) => ({
        query,
        ...Object.fromEntries(results.map((r) => [`${r.short} ms`, r.timed.searchMs[i]!])),
        rows: results[0]!.timed.searchRows[i]!,
      })),
      note: `Reading the version into memory first: ${results
        .map((r) => `${r.short} ${r.timed.indexMs.toFixed(0)} ms`)
        .join(', ')}. p50 over all queries and files: ${percentile(
        results.flatMap((r) => r.timed.searchMs),
        50,
      ).toFixed(1)} ms.`,
    },
  ];
};
