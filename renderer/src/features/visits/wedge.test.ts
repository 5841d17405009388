import { describe, expect, it } from 'vitest';
import { looksLikeReader } from './wedge';

const keys = (count: number, gapMs: number) => Array.from({ length: count }, (_, i) => i * gapMs);

describe('telling a card reader from a person typing', () => {
  it('a burst of 15 keys 8 ms apart is the reader', () => {
    expect(looksLikeReader(keys(15, 8))).toBe(true);
  });

  it('a fast typist at 90 ms a key is a person', () => {
    expect(looksLikeReader(keys(15, 90))).toBe(false);
  });

  it('one stalled key in a busy PC does not make the reader a person', () => {
    const burst = keys(18, 5);
    burst.splice(9, 9, ...keys(9, 5).map((t) => t + 400 + 45));
    expect(looksLikeReader(burst)).toBe(true);
  });

  it('a few quick keys are too few to tell', () => {
    expect(looksLikeReader(keys(4, 5))).toBe(false);
  });
});
