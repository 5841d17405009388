import { describe, expect, it } from 'vitest';
import { entryOfValues, priceOf, ratioOf, valuesOfEntry, type ItemValues } from './item-form';

const IMPLANT: Omit<ItemValues, 'effectiveFrom'> = {
  code: ' C1309ZZ001 ',
  name: '种植体（士卓曼 BLT） ',
  category: 'material',
  unit: '颗',
  price: '6800',
  coverage: 'self-pay',
};

describe('the item dialog reads what the officer typed', () => {
  it('a price in yuan becomes exact fen, and a slip is named, not rounded', () => {
    expect(priceOf('12.50')).toEqual({ ok: true, value: 1250 });
    expect(priceOf('¥1,234.5')).toEqual({ ok: true, value: 123_450 });
    expect(priceOf('0')).toEqual({ ok: true, value: 0 });
    expect(priceOf('12.345')).toEqual({ ok: false, problem: 'price-decimals' });
    expect(priceOf('-5')).toEqual({ ok: false, problem: 'price-negative' });
    expect(priceOf('十二')).toEqual({ ok: false, problem: 'price-format' });
  });

  it('a ratio typed beside "%" is a percentage, even below 1', () => {
    expect(ratioOf('10')).toEqual({ ok: true, value: 1000 });
    expect(ratioOf('7.5 %')).toEqual({ ok: true, value: 750 });
    expect(ratioOf('0.5')).toEqual({ ok: true, value: 50 });
    expect(ratioOf('')).toEqual({ ok: false, problem: 'required' });
    expect(ratioOf('120')).toEqual({ ok: false, problem: 'ratio-range' });
    expect(ratioOf('abc')).toEqual({ ok: false, problem: 'ratio-format' });
  });

  it('class A pays 0 %, self-pay 100 %, class B what was typed; blanks are trimmed away', () => {
    expect(entryOfValues(IMPLANT)).toEqual({
      code: 'C1309ZZ001',
      name: '种植体（士卓曼 BLT）',
      category: 'material',
      unit: '颗',
      priceFen: 680_000,
      coverage: 'self-pay',
      selfPayRatioBp: 10_000,
    });
    expect(entryOfValues({ ...IMPLANT, coverage: 'class-a', selfPayRatio: '30' })).toMatchObject({
      selfPayRatioBp: 0,
    });
    expect(
      entryOfValues({
        ...IMPLANT,
        coverage: 'class-b',
        selfPayRatio: '30',
        restriction: ' 限成人 ',
      }),
    ).toMatchObject({ selfPayRatioBp: 3000, restriction: '限成人' });
    expect(entryOfValues({ ...IMPLANT, coverage: 'class-b' })).toBeUndefined();
    expect(entryOfValues({ ...IMPLANT, name: '  ' })).toBeUndefined();
    expect(entryOfValues({ ...IMPLANT, price: '-1' })).toBeUndefined();
  });

  it('an item to edit shows as it was typed, and reads back the same', () => {
    const entry = entryOfValues({ ...IMPLANT, coverage: 'class-b', selfPayRatio: '7.5' })!;
    expect(valuesOfEntry(entry)).toMatchObject({ price: '6800.00', selfPayRatio: '7.5' });
    expect(entryOfValues(valuesOfEntry(entry))).toEqual(entry);
  });
});
