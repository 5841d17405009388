import type { CatalogueCategory, Coverage } from './catalogue';

/** The columns a catalogue file can have; the first six are required. */
export const CATALOGUE_FIELDS = [
  'code',
  'name',
  'category',
  'unit',
  'price',
  'coverage',
  'selfPayRatio',
  'restriction',
  'effectiveFrom',
] as const;
export type CatalogueField = (typeof CATALOGUE_FIELDS)[number];

export const REQUIRED_FIELDS: readonly CatalogueField[] = CATALOGUE_FIELDS.slice(0, 6);

/**
 * Full-width letters and brackets to ASCII (NFKC), lower case, no spaces, hyphens, underscores or
 * required-field stars: "单价（元）", "Unit Price", "*编码" and "self_pay ratio" all compare plainly.
 */
export const normalizeWord = (text: string): string =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_*\uFEFF]/g, '');

/**
 * Header words per column, as the city lists (国家医保目录 exports, 省平台 downloads) and
 * clinics' own spreadsheets write them. Compared after `normalizeWord`; a trailing "(元)" or
 * "(%)" is also tried without it.
 */
// prettier-ignore
const HEADER_WORDS: Record<CatalogueField, readonly string[]> = {
  code: ['编码', '项目编码', '医保编码', '药品编码', '国家编码', '医保目录编码', '代码', 'code', 'itemcode'],
  name: ['名称', '项目名称', '药品名称', '通用名', '通用名称', '品名', 'name', 'itemname'],
  category: ['类别', '目录类别', '项目类别', '分类', 'category'],
  unit: ['单位', '计价单位', '计量单位', 'unit'],
  price: ['单价', '价格', '收费标准', '单价(元)', '价格(元)', 'price', 'unitprice', 'price(yuan)', 'price(cny)'],
  coverage: ['医保类别', '医保等级', '报销类别', '甲乙类', '医保分类', 'coverage', 'coverageclass', 'insuranceclass'],
  selfPayRatio: ['自付比例', '个人自付比例', '先行自付比例', 'selfpayratio', 'selfpay', 'selfpay(%)', 'ratio'],
  restriction: ['限定支付', '限制使用', '限定支付范围', '限制使用范围', '限定范围', 'restriction', 'restricteduse', 'restrictions'],
  effectiveFrom: ['生效日期', '执行日期', '开始日期', '启用日期', 'effectivedate', 'effectivefrom', 'effective'],
};

const FIELD_BY_WORD = new Map<string, CatalogueField>(
  CATALOGUE_FIELDS.flatMap((field) => HEADER_WORDS[field].map((word) => [word, field] as const)),
);

/** Which column a header cell names, or undefined for a column the import ignores. */
export const fieldOfHeader = (header: string): CatalogueField | undefined => {
  const word = normalizeWord(header);
  return FIELD_BY_WORD.get(word) ?? FIELD_BY_WORD.get(word.replace(/\([^)]*\)$/, ''));
};

// prettier-ignore
const CATEGORY_WORDS: Record<CatalogueCategory, readonly string[]> = {
  drug: ['药品', '西药', '中成药', '中药饮片', '药', 'drug', 'drugs', 'medicine'],
  procedure: ['诊疗项目', '诊疗', '医疗服务项目', '医疗服务', '项目', 'procedure', 'procedures', 'treatment'],
  material: ['医用耗材', '耗材', '材料', '卫生材料', 'material', 'materials', 'consumable', 'consumables', 'medicalconsumables'],
  facility: ['服务设施', '医疗服务设施', '设施', 'facility', 'facilities', 'servicefacility', 'servicefacilities'],
};

// prettier-ignore
const COVERAGE_WORDS: Record<Coverage, readonly string[]> = {
  'class-a': ['甲', '甲类', 'a', 'classa', 'a类'],
  'class-b': ['乙', '乙类', 'b', 'classb', 'b类'],
  'self-pay': ['自费', '丙', '丙类', 'c', 'classc', 'c类', 'selfpay', 'notcovered', '全自费'],
};

const lookup = <K extends string>(table: Record<K, readonly string[]>) => {
  const byWord = new Map<string, K>();
  for (const [key, words] of Object.entries(table) as [K, readonly string[]][])
    for (const word of words) byWord.set(word, key);
  return (text: string): K | undefined => byWord.get(normalizeWord(text));
};

export const categoryOf = lookup(CATEGORY_WORDS);
export const coverageOf = lookup(COVERAGE_WORDS);
