import { describe, expect, it } from 'vitest';
import { formatTeeth, isFdiTooth, parseTeeth, teethSchema } from './teeth';

describe('FDI tooth positions', () => {
  it('knows the 32 permanent and 20 primary teeth, and nothing else', () => {
    const all = [];
    for (let quadrant = 1; quadrant <= 9; quadrant++)
      for (let tooth = 0; tooth <= 9; tooth++)
        if (isFdiTooth(`${quadrant}${tooth}`)) all.push(`${quadrant}${tooth}`);
    expect(all.filter((code) => Number(code[0]) <= 4)).toHaveLength(32);
    expect(all.filter((code) => Number(code[0]) >= 5)).toHaveLength(20);
    for (const code of ['19', '10', '56', '86', '90', '1', '016', '16 ', '١٦'])
      expect(isFdiTooth(code), code).toBe(false);
  });

  it('reads what a dentist types, in any separator, each tooth once and in chart order', () => {
    expect(parseTeeth('26 16')).toEqual({ ok: true, teeth: ['16', '26'] });
    expect(parseTeeth('16,26，36、46;16')).toEqual({
      ok: true,
      teeth: ['16', '26', '36', '46'],
    });
    expect(parseTeeth('  ')).toEqual({ ok: true, teeth: [] });
    expect(parseTeeth('75 85')).toEqual({ ok: true, teeth: ['75', '85'] });
  });

  it('names the first token that is not a tooth', () => {
    expect(parseTeeth('16 19 26')).toEqual({ ok: false, invalid: '19' });
    expect(parseTeeth('右上6')).toEqual({ ok: false, invalid: '右上6' });
    expect(parseTeeth('56')).toEqual({ ok: false, invalid: '56' });
  });

  it('stores a list the schema accepts, and prints it as dentists write it', () => {
    const parsed = parseTeeth('46 36');
    expect(parsed.ok && teethSchema.safeParse(parsed.teeth).success).toBe(true);
    expect(teethSchema.safeParse(['16', '16']).success).toBe(false);
    expect(teethSchema.safeParse([]).success).toBe(false);
    expect(formatTeeth(['36', '46'])).toBe('36 46');
  });
});
