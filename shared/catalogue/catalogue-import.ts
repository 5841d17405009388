import type { CalendarDate } from '../clock/calendar-date';
import {
  CODE_MAX,
  ITEM_NAME_MAX,
  RATIO_SCALE,
  RESTRICTION_MAX,
  UNIT_MAX,
  catalogueEntrySchema,
  type CatalogueEntry,
  type Coverage,
} from './catalogue';
import {
  parseDate,
  parsePrice,
  parseRatio,
  type PriceProblem,
  type RatioProblem,
} from './catalogue-cells';
import {
  REQUIRED_FIELDS,
  categoryOf,
  coverageOf,
  fieldOfHeader,
  type CatalogueField,
} from './catalogue-columns';

/** What can be wrong with a catalogue file; the screen says each in Chinese and English. */
export type ImportProblem =
  | 'empty-file'
  | 'no-rows'
  | 'missing-column'
  | 'duplicate-column'
  | 'required'
  | 'too-long'
  | 'category-unknown'
  | 'coverage-unknown'
  | PriceProblem
  | RatioProblem
  | 'ratio-required'
  | 'ratio-class-a'
  | 'ratio-self-pay'
  | 'duplicate-code'
  | 'date-format'
  | 'date-mismatch'
  | 'invalid';

export type ImportError = {
  /** The file's line (header = its own line, usually 1). */
  line: number;
  /** 1-based column in the file; absent for a problem with the whole file or a missing column. */
  column?: number;
  /** The column's header as the file writes it. */
  header?: string;
  field?: CatalogueField;
  problem: ImportProblem;
  /** The cell as written (shortened), for the sentence that names it. */
  value?: string;
  /** For a duplicate code or a disagreeing date: the line that came first. */
  firstLine?: number;
};

export type CatalogueParse = {
  /** The rows that passed every check, in file order; `lines[i]` is the line of `entries[i]`. */
  entries: CatalogueEntry[];
  lines: number[];
  /** The first MAX_LISTED_ERRORS problems; `errorCount` counts them all. */
  errors: ImportError[];
  errorCount: number;
  /** Data rows read (blank lines not counted). */
  rowCount: number;
  /** The date the file's 生效日期 column gives, when it has one and every row agrees. */
  effectiveFrom?: CalendarDate;
};

/** Past this, one more error on the screen helps nobody: the file needs fixing at its source. */
export const MAX_LISTED_ERRORS = 200;
/** Title lines above the header (a city's list often starts with "XX市医保目录（2026年版）"). */
const HEADER_SEARCH_ROWS = 10;
const VALUE_SHOWN = 40;
const TEXT_MAX: Partial<Record<CatalogueField, number>> = {
  code: CODE_MAX,
  name: ITEM_NAME_MAX,
  unit: UNIT_MAX,
  restriction: RESTRICTION_MAX,
};

type Table = readonly (readonly string[])[];
type Columns = Partial<Record<CatalogueField, number>>;

const isBlank = (row: readonly string[]) => row.every((cell) => cell.trim() === '');

/** The header: the first row (of the first few) naming the code and name columns. */
const findHeader = (rows: Table): number => {
  const last = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let index = 0; index < last; index++) {
    const fields = new Set(rows[index]!.map(fieldOfHeader));
    if (fields.has('code') && fields.has('name')) return index;
  }
  return rows.findIndex((row) => !isBlank(row));
};

/** Where a missing ratio is refused or filled in, by coverage class (catalogue.ts `ratioFits`). */
const checkRatio = (coverage: Coverage, ratio: number | undefined): number | ImportProblem => {
  if (coverage === 'class-b') return ratio ?? 'ratio-required';
  if (coverage === 'class-a') return !ratio ? 0 : 'ratio-class-a';
  return ratio === undefined || ratio === RATIO_SCALE ? RATIO_SCALE : 'ratio-self-pay';
};

type RowContext = {
  header: readonly string[];
  columns: Columns;
  report: (error: ImportError) => void;
};

/** A row reader: each cell by its column, and problems reported with line, column and value. */
const rowCells = (
  row: readonly string[],
  line: number,
  { header, columns, report }: RowContext,
) => {
  let ok = true;
  const cell = (field: CatalogueField) => {
    const column = columns[field];
    return column === undefined ? '' : (row[column] ?? '').trim();
  };
  const problem = (
    field: CatalogueField,
    kind: ImportProblem,
    extra: Partial<ImportError> = {},
  ) => {
    ok = false;
    const column = columns[field];
    const value = cell(field);
    report({
      line,
      field,
      problem: kind,
      ...(column !== undefined ? { column: column + 1, header: header[column]!.trim() } : {}),
      ...(value ? { value: value.slice(0, VALUE_SHOWN) } : {}),
      ...extra,
    });
  };
  const text = (field: CatalogueField, required: boolean): string | undefined => {
    const value = cell(field);
    if (value === '') {
      if (required) problem(field, 'required');
      return undefined;
    }
    const max = TEXT_MAX[field];
    if (max !== undefined && value.length > max) problem(field, 'too-long');
    return value;
  };
  /** A word from a fixed list (类别, 医保类别), or undefined with its problem reported. */
  const word = <T>(
    field: CatalogueField,
    read: (text: string) => T | undefined,
    unknown: ImportProblem,
  ) => {
    const value = cell(field);
    const known = value === '' ? undefined : read(value);
    if (value === '') problem(field, 'required');
    else if (known === undefined) problem(field, unknown);
    return known;
  };
  return { cell, problem, text, word, ok: () => ok };
};

/** One data row to an entry, or undefined when any of its cells has a problem (all reported). */
const readRow = (row: readonly string[], line: number, context: RowContext) => {
  const cells = rowCells(row, line, context);
  const code = cells.text('code', true);
  const name = cells.text('name', true);
  const unit = cells.text('unit', true);
  const restriction = cells.text('restriction', false);
  const category = cells.word('category', categoryOf, 'category-unknown');
  const coverage = cells.word('coverage', coverageOf, 'coverage-unknown');

  let priceFen: number | undefined;
  if (cells.cell('price') === '') cells.problem('price', 'required');
  else {
    const price = parsePrice(cells.cell('price'));
    if (price.ok) priceFen = price.value;
    else cells.problem('price', price.problem);
  }

  let selfPayRatioBp: number | undefined;
  const ratio = parseRatio(cells.cell('selfPayRatio'));
  if (!ratio.ok) cells.problem('selfPayRatio', ratio.problem);
  else if (coverage) {
    const checked = checkRatio(coverage, ratio.value);
    if (typeof checked === 'number') selfPayRatioBp = checked;
    else cells.problem('selfPayRatio', checked);
  }

  const entry = {
    code: code!,
    name: name!,
    category: category!,
    unit: unit!,
    priceFen: priceFen!,
    coverage: coverage!,
    selfPayRatioBp: selfPayRatioBp!,
    ...(restriction ? { restriction } : {}),
  } satisfies CatalogueEntry;
  return { cells, entry: cells.ok() ? entry : undefined };
};

/** Reads the header: which column holds which field, and the file-level problems. */
const readHeader = (header: readonly string[], line: number, report: (e: ImportError) => void) => {
  const columns: Columns = {};
  header.forEach((text, index) => {
    const field = fieldOfHeader(text);
    if (!field) return;
    if (columns[field] === undefined) columns[field] = index;
    else
      report({ line, column: index + 1, header: text.trim(), field, problem: 'duplicate-column' });
  });
  const missing = REQUIRED_FIELDS.filter((field) => columns[field] === undefined);
  for (const field of missing) report({ line, field, problem: 'missing-column' });
  return columns;
};

/**
 * Reads a catalogue table (the file's rows as text, header included) into entries and every
 * problem by line and column. Pure: the preview shows the result, and nothing is saved unless
 * `errorCount` is 0. `lineNumbers[i]` is the file line of `rows[i]` when a cell spans lines.
 */
export const parseCatalogueTable = (
  rows: Table,
  options: { lineNumbers?: readonly number[] } = {},
): CatalogueParse => {
  const lineOf = (index: number) => options.lineNumbers?.[index] ?? index + 1;
  const result: CatalogueParse = { entries: [], lines: [], errors: [], errorCount: 0, rowCount: 0 };
  const report = (error: ImportError) => {
    result.errorCount++;
    if (result.errors.length < MAX_LISTED_ERRORS) result.errors.push(error);
  };

  const headerIndex = findHeader(rows);
  if (headerIndex < 0) {
    report({ line: 1, problem: 'empty-file' });
    return result;
  }
  const header = rows[headerIndex]!;
  const columns = readHeader(header, lineOf(headerIndex), report);
  if (result.errorCount > 0) return result;

  const context: RowContext = { header, columns, report };
  const firstLineOfCode = new Map<string, number>();
  let firstDate: { date: CalendarDate; line: number } | undefined;
  let datesAgree = true;

  for (let index = headerIndex + 1; index < rows.length; index++) {
    const row = rows[index]!;
    if (isBlank(row)) continue;
    result.rowCount++;
    const line = lineOf(index);
    const { cells, entry } = readRow(row, line, context);

    // Codes are compared in upper case: "xa01" and "XA01" are one item to the insurance.
    const code = cells.cell('code').toUpperCase();
    const first = firstLineOfCode.get(code);
    if (first !== undefined) cells.problem('code', 'duplicate-code', { firstLine: first });
    else if (code !== '') firstLineOfCode.set(code, line);

    if (columns.effectiveFrom !== undefined) {
      const raw = cells.cell('effectiveFrom');
      const date = raw === '' ? undefined : parseDate(raw);
      if (!date) {
        datesAgree = false;
        cells.problem('effectiveFrom', raw === '' ? 'required' : 'date-format');
      } else if (!firstDate) firstDate = { date, line };
      else if (firstDate.date !== date) {
        datesAgree = false;
        cells.problem('effectiveFrom', 'date-mismatch', { firstLine: firstDate.line });
      }
    }

    if (!entry || !cells.ok()) continue;
    // The cell checks above are the schema's rules with a line and column; this catches drift.
    if (!catalogueEntrySchema.safeParse(entry).success) {
      report({ line, problem: 'invalid' });
      continue;
    }
    result.entries.push(entry);
    result.lines.push(line);
  }

  if (result.rowCount === 0) report({ line: lineOf(headerIndex), problem: 'no-rows' });
  if (firstDate && datesAgree) result.effectiveFrom = firstDate.date;
  return result;
};
