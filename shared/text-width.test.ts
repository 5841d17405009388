import { describe, expect, it } from 'vitest';
import { displayWidth, padEndTo, padStartTo } from './text-width';

describe('text width in a terminal', () => {
  it('counts Chinese characters and full-width punctuation as two columns', () => {
    expect(displayWidth('patients')).toBe(8);
    expect(displayWidth('患者 patients')).toBe(13);
    expect(displayWidth('用时（秒）')).toBe(10);
  });

  it('pads mixed text so that columns line up', () => {
    expect(padEndTo('患者', 6)).toBe('患者  ');
    expect(padStartTo('12', 4)).toBe('  12');
  });
});
