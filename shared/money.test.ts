import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addFen, fen, formatYuan, parseYuan } from './money';

describe('money in fen', () => {
  it('keeps 0.1 + 0.2 yuan exact', () => {
    expect(addFen(parseYuan('0.1')!, parseYuan('0.2')!)).toBe(30);
    expect(formatYuan(addFen(parseYuan('0.1')!, parseYuan('0.2')!))).toBe('0.30');
  });

  it('refuses a fractional fen', () => {
    expect(() => fen(1.5)).toThrow(RangeError);
  });

  it('refuses prices with three decimals instead of rounding them', () => {
    expect(parseYuan('1.005')).toBeUndefined();
    expect(parseYuan('abc')).toBeUndefined();
    expect(parseYuan('')).toBeUndefined();
  });

  it('reads spreadsheet-style amounts', () => {
    expect(parseYuan(' 12 ')).toBe(1200);
    expect(parseYuan('12.5')).toBe(1250);
    expect(parseYuan('-3.07')).toBe(-307);
  });

  it('formats and parses back to the same fen for any amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        expect(parseYuan(formatYuan(fen(n)))).toBe(n);
      }),
    );
  });
});
