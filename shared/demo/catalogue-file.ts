import {
  RATIO_SCALE,
  type CatalogueCategory,
  type CatalogueEntry,
  type Coverage,
} from '../catalogue/catalogue';
import type { CalendarDate } from '../clock/calendar-date';
import { fen, formatYuan } from '../money';

const CATEGORY_WORDS: Record<CatalogueCategory, string> = {
  drug: '药品',
  procedure: '诊疗项目',
  material: '医用耗材',
  facility: '服务设施',
};
const COVERAGE_WORDS: Record<Coverage, string> = {
  'class-a': '甲类',
  'class-b': '乙类',
  'self-pay': '自费',
};

/**
 * Entries as the rows of a catalogue file the way a city's list is laid out (Chinese header,
 * prices in yuan, ratios as "10%"), for tests and benchmarks to write as CSV or .xlsx.
 */
export const catalogueFileRows = (
  entries: readonly CatalogueEntry[],
  options: { effectiveFrom?: CalendarDate } = {},
): string[][] => {
  const dated = options.effectiveFrom !== undefined;
  const header = ['编码', '名称', '类别', '单位', '单价(元)', '医保类别', '自付比例', '限定支付'];
  return [
    dated ? [...header, '生效日期'] : header,
    ...entries.map((e) => {
      const row = [
        e.code,
        e.name,
        CATEGORY_WORDS[e.category],
        e.unit,
        formatYuan(fen(e.priceFen)),
        COVERAGE_WORDS[e.coverage],
        e.coverage === 'class-b' ? `${(e.selfPayRatioBp * 100) / RATIO_SCALE}%` : '',
        e.restriction ?? '',
      ];
      return dated ? [...row, options.effectiveFrom!] : row;
    }),
  ];
};
