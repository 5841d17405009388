import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { displayWidth, padEndTo, padStartTo } from '../../shared/text-width';

/**
 * The contract between the bench runner and a bench module. To add benchmarks, write
 * `tests/bench/<topic>.bench.ts` exporting `name`, `description` and `run`; the runner finds it.
 * Benches print figures, they never assert: speed is watched by people, not failed by CI.
 */
export type BenchRow = Record<string, string | number>;
export type BenchTable = { title: string; rows: BenchRow[]; note?: string };
export type BenchModule = { name: string; description: string; run: () => Promise<BenchTable[]> };

export const isBenchModule = (value: unknown): value is BenchModule => {
  const candidate = value as Partial<BenchModule> | null;
  return (
    typeof candidate?.name === 'string' &&
    typeof candidate.description === 'string' &&
    typeof candidate.run === 'function'
  );
};

const formatCell = (value: string | number): string => {
  if (typeof value === 'string') return value;
  const digits =
    Math.abs(value) >= 100 || Number.isInteger(value) ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
};

/** Aligned text: labels left, numbers right, thousands separated. */
export const formatTable = (table: BenchTable): string => {
  const columns = [...new Set(table.rows.flatMap((row) => Object.keys(row)))];
  const cells = table.rows.map((row) =>
    columns.map((column) => (column in row ? formatCell(row[column]!) : '')),
  );
  const numeric = columns.map((column) =>
    table.rows.every((row) => typeof row[column] !== 'string'),
  );
  const widths = columns.map((column, i) =>
    Math.max(displayWidth(column), ...cells.map((line) => displayWidth(line[i]!))),
  );
  const pad = (text: string, i: number) =>
    numeric[i] ? padStartTo(text, widths[i]!) : padEndTo(text, widths[i]!);
  const lines = [
    table.title,
    columns.map(pad).join('  '),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...cells.map((line) => line.map(pad).join('  ')),
  ];
  if (table.note) lines.push(table.note);
  return `${lines.join('\n')}\n`;
};

/** Milliseconds a function takes, by the monotonic clock. */
export const timed = async <T>(fn: () => T | Promise<T>): Promise<{ ms: number; result: T }> => {
  const start = performance.now();
  const result = await fn();
  return { ms: performance.now() - start, result };
};

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const megabytes = (bytes: number): number => bytes / 1024 / 1024;

/**
 * A full garbage collection before a memory measurement, so that the previous bench's garbage is
 * not counted. `--expose-gc` can be switched on at run time and the function fetched from a fresh
 * context, which spares every `npm run bench` a node flag.
 */
export const collectGarbage = (): void => {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
};
