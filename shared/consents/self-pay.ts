import { RATIO_SCALE, type Coverage } from '../catalogue/catalogue';
import { fen, type Fen } from '../money';
import type { Settlement } from '../visits/visit';

export const QUANTITY_MAX = 9_999;

export type PricedLine = {
  priceFen: number;
  quantity: number;
  coverage: Coverage;
  selfPayRatioBp: number;
};

/** What the line costs before any insurance share: price × quantity, exact. */
export const lineTotal = (line: Pick<PricedLine, 'priceFen' | 'quantity'>): Fen =>
  fen(line.priceFen * line.quantity);

/** How the visit is settled; absent means through the insurance, as before visits said so. */
export type SettlementTerms = { settlement?: Settlement };

/**
 * The patient's own share of one line, in fen.
 *
 * The rule, once for every screen, printout and statistic: in a visit settled as self-pay
 * (自费结算: uninsured, or the identity check failed, PRODUCT.md §1.6) the insurance pays nothing,
 * so every line is the patient's at its full price. Otherwise 甲类 0; 自费 the whole line; 乙类
 * price × quantity × ratio, computed exactly in integers and rounded to the fen half-up
 * (四舍五入: 0.5 fen and more rounds up). Each line is rounded on its own, and a total is the sum of
 * the rounded lines, so that the notice's lines always add up to its total.
 */
export const selfPayFen = (line: PricedLine, terms?: SettlementTerms): Fen => {
  if (terms?.settlement === 'self-pay') return lineTotal(line);
  if (line.coverage === 'class-a') return fen(0);
  const whole = BigInt(lineTotal(line));
  if (line.coverage === 'self-pay') return fen(Number(whole));
  const scaled = whole * BigInt(line.selfPayRatioBp);
  const scale = BigInt(RATIO_SCALE);
  const rounded = (scaled * 2n + scale) / (2n * scale);
  return fen(Number(rounded));
};

/** The notice's total: the sum of each line's rounded share. */
export const selfPayTotal = (lines: readonly PricedLine[], terms?: SettlementTerms): Fen =>
  fen(lines.reduce<number>((sum, line) => sum + selfPayFen(line, terms), 0));
