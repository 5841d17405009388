import iconv from 'iconv-lite';
import { writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import writeXlsxFile from 'write-excel-file/node';

/** Catalogue files as Excel and the insurance bureau hand them out, written for one test. */
export const writeCsv = (path: string, rows: string[][], encoding: 'utf-8' | 'gbk' = 'utf-8') => {
  const text = Papa.unparse(rows, { newline: '\r\n' });
  writeFileSync(path, encoding === 'gbk' ? iconv.encode(text, 'gbk') : `\uFEFF${text}`);
  return path;
};

/** As a person's spreadsheet holds them: prices are number cells, dates are date cells. */
export const writeXlsx = async (path: string, rows: string[][]) => {
  const [header = [], ...body] = rows;
  const price = header.findIndex((h) => h.startsWith('单价'));
  const date = header.indexOf('生效日期');
  const cells = body.map((row) =>
    row.map((cell, i) =>
      i === price
        ? Number(cell)
        : i === date
          ? { value: new Date(`${cell}T00:00:00Z`), format: 'yyyy/mm/dd' }
          : cell,
    ),
  );
  writeFileSync(path, await writeXlsxFile([header, ...cells]).toBuffer());
  return path;
};
