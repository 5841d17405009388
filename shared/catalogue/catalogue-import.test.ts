import { describe, expect, it } from 'vitest';
import { parseDate, parsePrice, parseRatio } from './catalogue-cells';
import { MAX_LISTED_ERRORS, parseCatalogueTable } from './catalogue-import';
import { catalogueSearchKeys, type NamePinyin } from './catalogue-search';

const HEADER = ['编码', '名称', '类别', '单位', '单价', '医保类别', '自付比例', '限定支付'];
const AMOXICILLIN = ['XJ01CA001', '阿莫西林胶囊', '药品', '盒', '12.50', '甲类', '', ''];
const ROOT_CANAL = [
  '310511001',
  '根管治疗术（单根管）',
  '诊疗项目',
  '根管',
  '180',
  '乙类',
  '10%',
  '',
];
const IMPLANT = ['310515008', '种植体植入术', '诊疗项目', '颗', '8000', '自费', '', ''];

const parse = (...rows: string[][]) => parseCatalogueTable([HEADER, ...rows]);
/** Problems as "line:column problem", each row under its own code. */
const problems = (...rows: string[][]) =>
  parse(...rows.map((row, i) => row.with(0, row[0] ? `${row[0]}-${i}` : ''))).errors.map(
    (e) => `${e.line}:${e.column ?? '-'} ${e.problem}`,
  );

describe('reading a catalogue file', () => {
  it('reads the three coverage classes into entries with fen and basis points', () => {
    const result = parse(AMOXICILLIN, ROOT_CANAL, IMPLANT);
    expect(result.errors).toEqual([]);
    expect(result.entries).toEqual([
      {
        code: 'XJ01CA001',
        name: '阿莫西林胶囊',
        category: 'drug',
        unit: '盒',
        priceFen: 1250,
        coverage: 'class-a',
        selfPayRatioBp: 0,
      },
      expect.objectContaining({ priceFen: 18_000, coverage: 'class-b', selfPayRatioBp: 1000 }),
      expect.objectContaining({ priceFen: 800_000, coverage: 'self-pay', selfPayRatioBp: 10_000 }),
    ]);
    expect(result.lines).toEqual([2, 3, 4]);
  });

  it('finds the columns in any order, under English names, and ignores columns it does not know', () => {
    const result = parseCatalogueTable([
      ['Notes', 'Price (yuan)', 'Name', 'Code', 'Unit', 'Category', 'Coverage', 'Self-pay ratio'],
      ['ask the owner', '3.5', 'Lidocaine', 'XN01BB', 'ampoule', 'drug', 'B', '7.5%'],
    ]);
    expect(result.errors).toEqual([]);
    expect(result.entries[0]).toMatchObject({
      code: 'XN01BB',
      name: 'Lidocaine',
      priceFen: 350,
      coverage: 'class-b',
      selfPayRatioBp: 750,
    });
  });

  it('skips a title line above the header and counts lines as the file does', () => {
    const result = parseCatalogueTable([
      ['深圳市医保目录（2026年版）'],
      HEADER,
      AMOXICILLIN,
      [],
      ['XJ01CA002', '阿莫西林胶囊', '药品', '盒', '1.005', '甲类', '', ''],
    ]);
    expect(result.errors.map((e) => [e.line, e.column, e.header, e.problem])).toEqual([
      [5, 5, '单价', 'price-decimals'],
    ]);
  });

  it('a missing required column is one error naming it, and no row is read', () => {
    const result = parseCatalogueTable([
      ['编码', '名称', '单位', '单价', '医保类别'],
      ['XJ01CA001', '阿莫西林胶囊', '盒', '12.5', '甲类'],
    ]);
    expect(result.errors).toEqual([{ line: 1, field: 'category', problem: 'missing-column' }]);
    expect(result.entries).toEqual([]);
  });

  it('two columns for the same field are refused rather than guessed between', () => {
    const result = parseCatalogueTable([
      [...HEADER, '价格'],
      [...AMOXICILLIN, '13'],
    ]);
    expect(result.errors).toEqual([
      { line: 1, column: 9, header: '价格', field: 'price', problem: 'duplicate-column' },
    ]);
  });

  it('an empty file and a header without rows say so', () => {
    expect(parseCatalogueTable([]).errors[0]!.problem).toBe('empty-file');
    expect(parseCatalogueTable([[''], []]).errors[0]!.problem).toBe('empty-file');
    expect(parse().errors[0]!.problem).toBe('no-rows');
  });

  it('refuses prices with three decimals, negative or absurd prices, each with its own reason', () => {
    const priced = (price: string) => AMOXICILLIN.with(4, price);
    expect(
      problems(priced('12.345'), priced('-3'), priced('1000001'), priced('12元5'), priced('')),
    ).toEqual([
      '2:5 price-decimals',
      '3:5 price-negative',
      '4:5 price-too-high',
      '5:5 price-format',
      '6:5 required',
    ]);
  });

  it('refuses unknown categories and coverage classes, and blank required cells', () => {
    expect(problems(AMOXICILLIN.with(2, '保健品').with(5, '丁类').with(0, ''))).toEqual([
      '2:1 required',
      '2:3 category-unknown',
      '2:6 coverage-unknown',
    ]);
  });

  it('a 乙类 item needs a ratio from 0 to 100 %; 甲类 is 0 % and 自费 100 %', () => {
    expect(
      problems(
        ROOT_CANAL.with(6, ''),
        ROOT_CANAL.with(6, '120%'),
        ROOT_CANAL.with(6, 'ten'),
        AMOXICILLIN.with(6, '10%'),
        IMPLANT.with(6, '50'),
      ),
    ).toEqual([
      '2:7 ratio-required',
      '3:7 ratio-range',
      '4:7 ratio-format',
      '5:7 ratio-class-a',
      '6:7 ratio-self-pay',
    ]);
    expect(parse(AMOXICILLIN.with(6, '0'), IMPLANT.with(6, '100%')).errors).toEqual([]);
  });

  it('a duplicate code is reported on the later line, naming the first', () => {
    const result = parse(AMOXICILLIN, ROOT_CANAL, AMOXICILLIN.with(0, 'xj01ca001'));
    expect(result.errors).toEqual([
      {
        line: 4,
        column: 1,
        header: '编码',
        field: 'code',
        problem: 'duplicate-code',
        value: 'xj01ca001',
        firstLine: 2,
      },
    ]);
    expect(result.entries).toHaveLength(2);
  });

  it('an effective-date column must give one date for the whole file', () => {
    const dated = parseCatalogueTable([
      [...HEADER, '生效日期'],
      [...AMOXICILLIN, '2026-01-01'],
      [...ROOT_CANAL, '2026/1/1'],
    ]);
    expect(dated.errors).toEqual([]);
    expect(dated.effectiveFrom).toBe('2026-01-01');
    const mixed = parseCatalogueTable([
      [...HEADER, '生效日期'],
      [...AMOXICILLIN, '2026-01-01'],
      [...ROOT_CANAL, '2026-07-01'],
      [...IMPLANT, '2026-02-30'],
    ]);
    expect(mixed.errors.map((e) => [e.line, e.problem, e.firstLine])).toEqual([
      [3, 'date-mismatch', 2],
      [4, 'date-format', undefined],
    ]);
    expect(mixed.effectiveFrom).toBeUndefined();
  });

  it('lists the first 200 problems of a hopeless file but counts them all', () => {
    const rows = Array.from({ length: 300 }, (_, i) => AMOXICILLIN.with(0, `C${i}`).with(4, '-1'));
    const result = parse(...rows);
    expect(result.errors).toHaveLength(MAX_LISTED_ERRORS);
    expect(result.errorCount).toBe(300);
  });

  it('uses the line numbers the file reader gives when a cell spans lines', () => {
    const result = parseCatalogueTable([HEADER, AMOXICILLIN, ROOT_CANAL.with(4, 'x')], {
      lineNumbers: [1, 2, 5],
    });
    expect(result.errors[0]).toMatchObject({ line: 5, column: 5 });
  });
});

describe('catalogue cells', () => {
  it('reads prices as Excel and people write them, without floats', () => {
    expect(parsePrice('¥1,234.50')).toEqual({ ok: true, value: 123_450 });
    expect(parsePrice('０.３元')).toEqual({ ok: true, value: 30 });
    expect(parsePrice('12.500')).toEqual({ ok: true, value: 1250 });
    expect(parsePrice('0.30000000000000004')).toEqual({ ok: false, problem: 'price-decimals' });
    expect(parsePrice('1000000')).toEqual({ ok: true, value: 100_000_000 });
  });

  it('reads a ratio as a percentage, or as the fraction an Excel percent cell holds', () => {
    expect(parseRatio('10')).toEqual({ ok: true, value: 1000 });
    expect(parseRatio('7.5 ％')).toEqual({ ok: true, value: 750 });
    expect(parseRatio('0.1')).toEqual({ ok: true, value: 1000 });
    expect(parseRatio('0.075')).toEqual({ ok: true, value: 750 });
    expect(parseRatio('7.555%')).toEqual({ ok: false, problem: 'ratio-format' });
  });

  it('reads dates in the ways clinics write them', () => {
    for (const text of [
      '2026-01-01',
      '2026/1/1',
      '2026.01.01',
      '2026年1月1日',
      '20260101',
      '46023',
    ])
      expect(parseDate(text), text).toBe('2026-01-01');
    expect(parseDate('2026-13-01')).toBeUndefined();
    expect(parseDate('next week')).toBeUndefined();
  });
});

describe('catalogue search keys', () => {
  const readings: Record<string, string> = {
    阿: 'a',
    莫: 'mo',
    西: 'xi',
    林: 'lin',
    胶: 'jiao',
    囊: 'nang',
    口: 'kou',
    腔: 'qiang',
  };
  const toPinyin: NamePinyin = (name) => [...name].map((c) => readings[c] ?? c);

  it('finds an item by code, name, pinyin and initials', () => {
    const keys = catalogueSearchKeys(
      { code: 'XJ01CA001', name: '阿莫西林胶囊（0.25g×24粒）' },
      toPinyin,
    );
    expect(keys.sort()).toEqual(
      ['xj01ca001', '阿莫西林胶囊(0.25g×24粒)', 'amoxilinjiaonang', 'amxljn'].sort(),
    );
  });

  it('keeps letters and digits in a name as words', () => {
    const keys = catalogueSearchKeys({ code: 'X1', name: '口腔CT 3D' }, toPinyin);
    expect(keys).toContain('kouqiangct3d');
    expect(keys).toContain('kqc');
  });
});
