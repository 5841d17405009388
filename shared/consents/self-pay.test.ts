import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RATIO_SCALE, MAX_PRICE_FEN } from '../catalogue/catalogue';
import { QUANTITY_MAX, selfPayFen, selfPayTotal, type PricedLine } from './self-pay';

const line = (over: Partial<PricedLine>): PricedLine => ({
  priceFen: 10_000,
  quantity: 1,
  coverage: 'class-b',
  selfPayRatioBp: 1_000,
  ...over,
});

describe('the patient’s self-pay share', () => {
  it('is nothing for a 甲类 item and the whole price for a 自费 item', () => {
    expect(selfPayFen(line({ coverage: 'class-a', selfPayRatioBp: 0, quantity: 3 }))).toBe(0);
    expect(
      selfPayFen(line({ coverage: 'self-pay', selfPayRatioBp: RATIO_SCALE, quantity: 3 })),
    ).toBe(30_000);
  });

  it('is price × quantity × ratio for a 乙类 item: 2 boxes at ¥12.34 with 10 % → ¥2.47', () => {
    // 2468 fen × 10 % = 246.8 fen → 247
    expect(selfPayFen(line({ priceFen: 1_234, quantity: 2, selfPayRatioBp: 1_000 }))).toBe(247);
  });

  it('rounds half a fen up: ¥0.05 at 10 % is 0.5 fen → 1 fen; 0.4 fen → 0', () => {
    expect(selfPayFen(line({ priceFen: 5, selfPayRatioBp: 1_000 }))).toBe(1);
    expect(selfPayFen(line({ priceFen: 4, selfPayRatioBp: 1_000 }))).toBe(0);
  });

  it('keeps 7.5 % exact: ¥1,000.00 × 7.5 % = ¥75.00', () => {
    expect(selfPayFen(line({ priceFen: 100_000, selfPayRatioBp: 750 }))).toBe(7_500);
  });

  it('stays exact at the largest price and quantity (beyond float precision)', () => {
    const big = line({ priceFen: MAX_PRICE_FEN, quantity: QUANTITY_MAX, selfPayRatioBp: 3_333 });
    const exact = (BigInt(MAX_PRICE_FEN) * BigInt(QUANTITY_MAX) * 3_333n * 2n + 10_000n) / 20_000n;
    expect(BigInt(selfPayFen(big))).toBe(exact);
  });

  it('a notice’s total is the sum of its rounded lines, never more than the lines’ full price', () => {
    const lines = fc.array(
      fc.record({
        priceFen: fc.integer({ min: 0, max: 1_000_000 }),
        quantity: fc.integer({ min: 1, max: 100 }),
        coverage: fc.constantFrom('class-a' as const, 'class-b' as const, 'self-pay' as const),
        selfPayRatioBp: fc.integer({ min: 0, max: RATIO_SCALE }),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(lines, (ls) => {
        const fixed = ls.map((l) => ({
          ...l,
          selfPayRatioBp:
            l.coverage === 'class-a'
              ? 0
              : l.coverage === 'self-pay'
                ? RATIO_SCALE
                : l.selfPayRatioBp,
        }));
        const total = selfPayTotal(fixed);
        expect(Number.isInteger(total)).toBe(true);
        expect(total).toBe(fixed.reduce((s, l) => s + selfPayFen(l), 0));
        expect(total).toBeLessThanOrEqual(fixed.reduce((s, l) => s + l.priceFen * l.quantity, 0));
      }),
    );
  });
});

const anyLine = fc
  .record({
    priceFen: fc.integer({ min: 0, max: MAX_PRICE_FEN }),
    quantity: fc.integer({ min: 1, max: QUANTITY_MAX }),
    coverage: fc.constantFrom('class-a' as const, 'class-b' as const, 'self-pay' as const),
    selfPayRatioBp: fc.integer({ min: 0, max: RATIO_SCALE }),
  })
  .map((l) => ({
    ...l,
    selfPayRatioBp:
      l.coverage === 'class-a' ? 0 : l.coverage === 'self-pay' ? RATIO_SCALE : l.selfPayRatioBp,
  }));

describe('in a visit settled as self-pay (自费结算)', () => {
  it('an oral examination (甲类, ¥25.00) costs the patient ¥25.00, not nothing', () => {
    const exam = line({ coverage: 'class-a', selfPayRatioBp: 0, priceFen: 2_500 });
    expect(selfPayFen(exam, { settlement: 'self-pay' })).toBe(2_500);
    expect(selfPayTotal([exam, exam], { settlement: 'self-pay' })).toBe(5_000);
  });

  it('every line is the patient’s at its full price, whatever its coverage', () => {
    fc.assert(
      fc.property(anyLine, (l) => {
        expect(selfPayFen(l, { settlement: 'self-pay' })).toBe(l.priceFen * l.quantity);
      }),
    );
  });

  it('never costs the patient less than the same line under insurance', () => {
    fc.assert(
      fc.property(fc.array(anyLine, { maxLength: 30 }), (ls) => {
        const own = selfPayTotal(ls, { settlement: 'self-pay' });
        expect(own).toBeGreaterThanOrEqual(selfPayTotal(ls));
        expect(own).toBe(ls.reduce((s, l) => s + l.priceFen * l.quantity, 0));
      }),
    );
  });

  it('an insured visit keeps the coverage rule, with or without saying so', () => {
    fc.assert(
      fc.property(anyLine, (l) => {
        expect(selfPayFen(l, { settlement: 'insurance' })).toBe(selfPayFen(l));
        expect(selfPayFen(l, {})).toBe(selfPayFen(l));
      }),
    );
  });
});
