import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { parseCatalogueTable } from '../../../../shared/catalogue/catalogue-import';
import { CatalogueFileError, plainDecimal, readCatalogueFile } from './read-catalogue-file';

const CSV = [
  '编码,名称,类别,单位,单价,医保类别,自付比例,限定支付',
  'XJ01CA001,阿莫西林胶囊,药品,盒,12.50,甲类,,',
  '310511001,根管治疗术（单根管）,诊疗项目,根管,180,乙类,10%,限恒牙',
].join('\r\n');

const buffer = (bytes: Uint8Array): ArrayBuffer =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
const utf8 = (text: string) => buffer(new TextEncoder().encode(text));
const reasonOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'no error',
    (error: unknown) => (error instanceof CatalogueFileError ? error.reason : String(error)),
  );

describe('reading a catalogue file', () => {
  it('reads a UTF-8 CSV, with or without the BOM Excel puts in front', async () => {
    for (const text of [CSV, `\uFEFF${CSV}`]) {
      const table = await readCatalogueFile('目录.csv', utf8(text));
      expect(table.encoding).toBe('utf-8');
      const parsed = parseCatalogueTable(table.rows, table);
      expect(parsed.errors).toEqual([]);
      expect(parsed.entries.map((e) => e.name)).toEqual(['阿莫西林胶囊', '根管治疗术（单根管）']);
    }
  });

  it('reads the GBK CSV that Excel on a Chinese Windows saves', async () => {
    const table = await readCatalogueFile('目录.csv', buffer(iconv.encode(CSV, 'gbk')));
    expect(table.encoding).toBe('gbk');
    expect(table.rows[2]![1]).toBe('根管治疗术（单根管）');
    expect(table.rows[2]![7]).toBe('限恒牙');
  });

  it("reads Excel's tab-separated Unicode text (UTF-16 with BOM)", async () => {
    const tsv = CSV.replace(/,/g, '\t');
    const bytes = iconv.encode(tsv, 'utf-16le', { addBOM: true });
    const table = await readCatalogueFile('目录.txt', buffer(bytes));
    expect(table.encoding).toBe('utf-16');
    expect(table.rows[1]![1]).toBe('阿莫西林胶囊');
  });

  it('counts file lines past a quoted cell that spans two lines', async () => {
    const text = `${CSV}\r\n"XJ01CA002","阿莫西林\r\n胶囊",药品,盒,1.005,甲类,,\r\nX3,甲硝唑片,药品,瓶,x,甲类,,\r\n`;
    const table = await readCatalogueFile('a.csv', utf8(text));
    const parsed = parseCatalogueTable(table.rows, table);
    expect(parsed.errors.map((e) => [e.line, e.column])).toEqual([
      [4, 5],
      [6, 5],
    ]);
  });

  it('reads the first sheet of an .xlsx, numbers as the digits the file holds', async () => {
    const day = { value: new Date('2026-01-01'), format: 'yyyy/mm/dd' };
    const xlsx = await writeXlsxFile([
      ['编码', '名称', '类别', '单位', '单价', '医保类别', '自付比例', '生效日期'],
      [
        310511001,
        '根管治疗术',
        '诊疗项目',
        '根管',
        180.5,
        '乙类',
        { value: 0.1, format: '0%' },
        day,
      ],
      ['X2', '阿莫西林胶囊', '药品', '盒', 0.1 + 0.2, '甲类', null, day],
    ]).toBuffer();
    const table = await readCatalogueFile('目录.xlsx', buffer(xlsx));
    expect(table.encoding).toBe('xlsx');
    expect(table.rows[1]).toEqual([
      '310511001',
      '根管治疗术',
      '诊疗项目',
      '根管',
      '180.5',
      '乙类',
      '0.1',
      '2026-01-01',
    ]);
    const parsed = parseCatalogueTable(table.rows);
    expect(parsed.entries[0]).toMatchObject({ priceFen: 18_050, selfPayRatioBp: 1000 });
    // 0.1 + 0.2 is 0.30000000000000004 in the file: reported, not rounded to 0.30.
    expect(parsed.errors.map((e) => [e.line, e.column, e.problem])).toEqual([
      [3, 5, 'price-decimals'],
    ]);
  });

  it('recognises a file by its bytes and explains an old .xls or another kind of file', async () => {
    const xlsx = await writeXlsxFile([['编码'], ['X']]).toBuffer();
    expect((await readCatalogueFile('目录.csv', buffer(xlsx))).encoding).toBe('xlsx');
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await reasonOf(readCatalogueFile('目录.xls', buffer(ole)))).toBe('xls');
    expect(await reasonOf(readCatalogueFile('目录.pdf', utf8('%PDF-1.7')))).toBe('file-type');
    expect(await reasonOf(readCatalogueFile('坏.xlsx', buffer(xlsx.subarray(0, 60))))).toBe(
      'unreadable',
    );
  });

  it('gives the same file the same hash, and another file another', async () => {
    const a = await readCatalogueFile('a.csv', utf8(CSV));
    const b = await readCatalogueFile('b.csv', utf8(CSV));
    const c = await readCatalogueFile('a.csv', utf8(`${CSV}\r\n`));
    expect(a.fileHash).toBe(b.fileHash);
    expect(a.fileHash).not.toBe(c.fileHash);
    expect(a.fileHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('spreadsheet numbers in plain decimals', () => {
  it('writes exponents out without going through a float', () => {
    expect(plainDecimal('1.2E-2')).toBe('0.012');
    expect(plainDecimal('1.5E+3')).toBe('1500');
    expect(plainDecimal('1.23456E2')).toBe('123.456');
    expect(plainDecimal('12.5')).toBe('12.5');
  });
});
