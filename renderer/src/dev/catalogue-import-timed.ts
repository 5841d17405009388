import { parseCatalogueTable } from '../../../shared/catalogue/catalogue-import';
import { importCatalogue } from '../db/catalogue';
import { searchCatalogueVersion, warmCatalogueIndex } from '../db/catalogue-index';
import type { StoreContext } from '../db/write';
import { readCatalogueFile } from '../features/catalogue/read-catalogue-file';

export type TimedImport = {
  rows: number;
  errors: number;
  encoding: string;
  readMs: number;
  parseMs: number;
  keysMs: number;
  writeMs: number;
  totalMs: number;
  /** Reading the version into memory for searching, once, before the first query. */
  indexMs: number;
  /** Milliseconds per search query over the imported version, in the order given. */
  searchMs: number[];
  searchRows: number[];
};

const DEV_ACTOR = {
  staffId: 'dev-hook',
  name: '开发工具',
  roles: ['owner'],
  role: 'owner',
} as const;

/**
 * Development builds only (tests/bench/catalogue.bench.ts): what the import dialog does with a
 * file, step by step with the clock read in the page: decode, parse and check, search keys, the
 * one-transaction write; then the search index and a few searches over the new version.
 */
export const importCatalogueTimed = async (
  ctx: StoreContext,
  options: { fileName: string; base64: string; effectiveFrom: string; queries: string[] },
): Promise<TimedImport> => {
  const bytes = Uint8Array.from(atob(options.base64), (c) => c.charCodeAt(0)).buffer;
  const start = performance.now();
  const table = await readCatalogueFile(options.fileName, bytes);
  const read = performance.now();
  const parse = parseCatalogueTable(table.rows, table);
  const parsed = performance.now();
  if (parse.errorCount > 0)
    throw new Error(`${parse.errorCount} problems, first line ${parse.errors[0]?.line}`);
  let keysDone = parsed;
  const version = await importCatalogue(
    ctx,
    DEV_ACTOR,
    {
      fileName: options.fileName,
      fileHash: table.fileHash,
      effectiveFrom: options.effectiveFrom,
      entries: parse.entries,
    },
    (progress) => {
      if (progress.phase === 'keys') keysDone = performance.now();
    },
  );
  const written = performance.now();
  await warmCatalogueIndex(ctx.db, version.id);
  const indexMs = performance.now() - written;
  const searchMs: number[] = [];
  const searchRows: number[] = [];
  for (const query of options.queries) {
    const before = performance.now();
    searchRows.push((await searchCatalogueVersion(ctx.db, version.id, query, 101)).length);
    searchMs.push(performance.now() - before);
  }
  return {
    rows: parse.entries.length,
    errors: parse.errorCount,
    encoding: table.encoding,
    readMs: read - start,
    parseMs: parsed - read,
    keysMs: keysDone - parsed,
    writeMs: written - keysDone,
    totalMs: written - start,
    indexMs,
    searchMs,
    searchRows,
  };
};
