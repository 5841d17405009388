import { describe, expect, it } from 'vitest';
import { catalogueEntrySchema } from '../catalogue/catalogue';
import { parseCatalogueTable } from '../catalogue/catalogue-import';
import { catalogueFileRows } from './catalogue-file';
import { generateCatalogue } from './generate-catalogue';

describe('demo catalogue generator', () => {
  const big = generateCatalogue('test', 20_000);

  it('the same seed gives the same catalogue, another seed other prices', () => {
    expect(generateCatalogue('test', 300)).toEqual(big.slice(0, 300));
    const other = generateCatalogue('other', 300);
    expect(other.map((e) => e.priceFen)).not.toEqual(big.slice(0, 300).map((e) => e.priceFen));
  });

  it('every item is a valid catalogue entry', () => {
    const invalid = big.flatMap((e) => catalogueEntrySchema.safeParse(e).error?.issues ?? []);
    expect(invalid).toEqual([]);
  });

  it('codes are unique even in a city-sized list', () => {
    expect(new Set(big.map((e) => e.code)).size).toBe(big.length);
  });

  it('a small clinic list has all four categories and all three coverage classes', () => {
    const small = generateCatalogue('demo', 200);
    expect(new Set(small.map((e) => e.category))).toEqual(
      new Set(['drug', 'procedure', 'material', 'facility']),
    );
    expect(new Set(small.map((e) => e.coverage))).toEqual(
      new Set(['class-a', 'class-b', 'self-pay']),
    );
    expect(small.some((e) => e.restriction)).toBe(true);
  });

  it('refuses a count it cannot make unique codes for', () => {
    expect(() => generateCatalogue('x', 1_000_000)).toThrow(RangeError);
    expect(generateCatalogue('x', 0)).toEqual([]);
  });
});

describe('demo catalogue as a file', () => {
  it('reads back into the same entries through the import parse', () => {
    const entries = generateCatalogue('file', 500);
    const parsed = parseCatalogueTable(catalogueFileRows(entries, { effectiveFrom: '2026-01-01' }));
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries).toEqual(entries);
    expect(parsed.effectiveFrom).toBe('2026-01-01');
  });
});
