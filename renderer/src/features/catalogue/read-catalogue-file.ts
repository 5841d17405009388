import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/universal';

/** The file's rows as text, ready for `parseCatalogueTable`. */
export type CatalogueTable = {
  rows: string[][];
  /** The file line of each row (a quoted CSV cell may span lines); absent for a spreadsheet. */
  lineNumbers?: number[];
  /** How the text was read: Excel saves "CSV" in GBK on Chinese Windows, "CSV UTF-8" with a BOM. */
  encoding: 'utf-8' | 'gbk' | 'utf-16' | 'xlsx';
  /** SHA-256 of the bytes: the same file imported twice is recognised by it. */
  fileHash: string;
};

export type CatalogueFileProblem = 'file-type' | 'xls' | 'too-large' | 'unreadable';

export class CatalogueFileError extends Error {
  constructor(
    readonly reason: CatalogueFileProblem,
    message: string,
  ) {
    super(message);
    this.name = 'CatalogueFileError';
  }
}

/** A city's whole list is a few MB; anything far larger is not a catalogue. */
export const MAX_FILE_BYTES = 30 * 1024 * 1024;

/**
 * Text in the encoding the bytes are in: a UTF-16 BOM (Excel's "Unicode text"), valid UTF-8 (with
 * or without BOM), or else GBK, which is what Excel on a Chinese Windows writes as "CSV".
 */
const decodeText = (bytes: Uint8Array): { text: string; encoding: CatalogueTable['encoding'] } => {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gbk').decode(bytes), encoding: 'gbk' };
  }
};

/** Rows and the line each starts on, from papaparse's cursor (the offset after each row). */
const readCsv = (text: string): Pick<CatalogueTable, 'rows' | 'lineNumbers'> => {
  const rows: string[][] = [];
  const lineNumbers: number[] = [];
  let line = 1;
  let offset = 0;
  Papa.parse<string[]>(text, {
    step: (result) => {
      rows.push(result.data);
      lineNumbers.push(line);
      const end = result.meta.cursor;
      for (let i = offset; i < end; i++) if (text.charCodeAt(i) === 10) line++;
      offset = end;
      // The newline that ends this row may sit just past the cursor.
      if (text.charCodeAt(offset) === 13) offset++;
      if (text.charCodeAt(offset) === 10) {
        line++;
        offset++;
      }
    },
  });
  return { rows, lineNumbers };
};

/**
 * A spreadsheet number as the file stores it ("12.5", "1.2E-2"), written out in plain decimals
 * by string arithmetic: converting through a float would turn a price of 0.1 + 0.2 into 0.3 and
 * hide that the cell does not hold two decimals.
 */
export const plainDecimal = (raw: string): string => {
  const match = /^(-?)(\d+)(?:\.(\d+))?[eE]([+-]?\d+)$/.exec(raw.trim());
  if (!match) return raw.trim();
  const [, sign = '', whole = '', decimals = '', exponent = '0'] = match;
  const digits = whole + decimals;
  const point = whole.length + Number(exponent);
  const padded =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return sign + padded.replace(/^0+(?=\d)/, '');
};

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A cell of the first sheet as text. Dates are calendar days (Excel stores them in UTC). */
const cellText = (cell: unknown): string => {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date)
    return `${cell.getUTCFullYear()}-${pad2(cell.getUTCMonth() + 1)}-${pad2(cell.getUTCDate())}`;
  if (typeof cell === 'string') return cell;
  return String(cell);
};

const readXlsx = async (bytes: ArrayBuffer): Promise<string[][]> => {
  try {
    // parseNumber keeps each number as the file's own digits (see plainDecimal).
    const sheet = await readSheet<string>(bytes, { parseNumber: plainDecimal });
    return sheet.map((row) => row.map(cellText));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'XLS_FILE_NOT_SUPPORTED') throw new CatalogueFileError('xls', 'old .xls workbook');
    throw new CatalogueFileError('unreadable', `not a readable .xlsx: ${String(error)}`);
  }
};

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * A catalogue file's bytes to a table of text. The kind is told by the bytes, not only the name:
 * an .xlsx renamed to .csv still reads, and an old .xls is recognised and explained.
 */
export const readCatalogueFile = async (
  fileName: string,
  bytes: ArrayBuffer,
): Promise<CatalogueTable> => {
  if (bytes.byteLength > MAX_FILE_BYTES)
    throw new CatalogueFileError('too-large', `${bytes.byteLength} bytes`);
  const view = new Uint8Array(bytes);
  const fileHash = bytesToHex(sha256(view));
  if (startsWith(view, ZIP_MAGIC))
    return { rows: await readXlsx(bytes), encoding: 'xlsx', fileHash };
  if (startsWith(view, OLE_MAGIC) || /\.xls$/i.test(fileName))
    throw new CatalogueFileError('xls', 'old .xls workbook');
  if (!/\.(csv|txt|tsv)$/i.test(fileName) && /\.[a-z0-9]+$/i.test(fileName))
    throw new CatalogueFileError('file-type', fileName);
  const { text, encoding } = decodeText(view);
  return { ...readCsv(text), encoding, fileHash };
};
