import type { Dayjs } from 'dayjs';
import {
  RATIO_SCALE,
  type CatalogueCategory,
  type CatalogueEntry,
  type Coverage,
} from '../../../../shared/catalogue/catalogue';
import {
  parsePrice,
  parseRatio,
  type PriceProblem,
  type RatioProblem,
} from '../../../../shared/catalogue/catalogue-cells';
import { fen, formatYuan } from '../../../../shared/money';
import { formatRatio } from './coverage-tag';

/** The item dialog's fields as typed: money and ratios stay text until they are checked. */
export type ItemValues = {
  code: string;
  name: string;
  category: CatalogueCategory;
  unit: string;
  /** Yuan, as typed: "12.50", "¥12.5", "1,234". */
  price: string;
  coverage: Coverage;
  /** Percent, class B only: "10", "7.5", "10%". */
  selfPayRatio?: string;
  restriction?: string;
  effectiveFrom: Dayjs;
};

export type ItemField = Exclude<keyof ItemValues, 'effectiveFrom'>;

/** Price in yuan to fen by string arithmetic (shared/money.ts), or why it is not a price. */
export const priceOf = (text: string) => parsePrice(text);

/**
 * A class B ratio typed as a percentage. The box says "%", so "0.5" is half a percent, never the
 * 50 % a spreadsheet's bare fraction would be (parseRatio reads "0.5" without "%" that way).
 */
export const ratioOf = (
  text: string,
): { ok: true; value: number } | { ok: false; problem: RatioProblem | 'required' } => {
  const plain = text.normalize('NFKC').trim().replace(/%$/, '').trim();
  if (plain === '') return { ok: false, problem: 'required' };
  const parsed = parseRatio(`${plain}%`);
  return parsed.ok ? { ok: true, value: parsed.value! } : parsed;
};

/** 甲类 pays nothing itself, 自费 everything; only 乙类 has a ratio of its own. */
const ratioBp = (coverage: Coverage, text: string | undefined): number | undefined => {
  if (coverage === 'class-a') return 0;
  if (coverage === 'self-pay') return RATIO_SCALE;
  const ratio = ratioOf(text ?? '');
  return ratio.ok ? ratio.value : undefined;
};

/** The entry the values describe, or undefined while any of them is missing or wrong. */
export const entryOfValues = (values: Partial<ItemValues>): CatalogueEntry | undefined => {
  const { code, name, category, unit, price, coverage, restriction } = values;
  if (!code?.trim() || !name?.trim() || !unit?.trim() || !category || !coverage) return undefined;
  const priceFen = priceOf(price ?? '');
  const selfPayRatioBp = ratioBp(coverage, values.selfPayRatio);
  if (!priceFen.ok || selfPayRatioBp === undefined) return undefined;
  return {
    code: code.trim(),
    name: name.trim(),
    category,
    unit: unit.trim(),
    priceFen: priceFen.value,
    coverage,
    selfPayRatioBp,
    ...(restriction?.trim() ? { restriction: restriction.trim() } : {}),
  };
};

/** An item's values as the dialog shows them for editing. */
export const valuesOfEntry = (entry: CatalogueEntry): Omit<ItemValues, 'effectiveFrom'> => ({
  code: entry.code,
  name: entry.name,
  category: entry.category,
  unit: entry.unit,
  price: formatYuan(fen(entry.priceFen)),
  coverage: entry.coverage,
  selfPayRatio: entry.coverage === 'class-b' ? formatRatio(entry.selfPayRatioBp) : undefined,
  restriction: entry.restriction,
});

export type { PriceProblem, RatioProblem };
