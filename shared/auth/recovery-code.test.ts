import { describe, expect, it } from 'vitest';
import {
  formatRecoveryCode,
  newRecoveryCode,
  parseRecoveryCode,
  RECOVERY_ALPHABET,
  RECOVERY_CODE_LENGTH,
} from './recovery-code';

describe('recovery codes', () => {
  it('are 20 characters that cannot be misread: no 0/O and no 1/I/L', () => {
    for (let i = 0; i < 50; i++) {
      const code = newRecoveryCode();
      expect(code).toHaveLength(RECOVERY_CODE_LENGTH);
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]+$/);
    }
    expect(RECOVERY_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it('draw every character equally: bytes that would favour the first characters are drawn again', () => {
    // 248 is the first byte past the largest multiple of 31: it must be skipped, not wrapped to "2".
    const bytes = [248, 255, 0, 30, ...Array.from({ length: 40 }, (_, i) => i)];
    let at = 0;
    const code = newRecoveryCode((count) => Uint8Array.from(bytes.slice(at, (at += count))));
    expect(code.startsWith('2Z234')).toBe(true);
  });

  it('are shown in groups of four', () => {
    expect(formatRecoveryCode(parseRecoveryCode('ABCDEFGHJKMNPQRSTUVW')!)).toBe(
      'ABCD-EFGH-JKMN-PQRS-TUVW',
    );
  });

  it('are read back however they were typed: lower case, spaces, dashes, full-width', () => {
    const code = 'ABCDEFGHJKMNPQRSTUVW';
    for (const typed of [
      'ABCD-EFGH-JKMN-PQRS-TUVW',
      'abcd efgh jkmn pqrs tuvw',
      ' abcd-efgh-JKMN pqrs—tuvw ',
      'ＡＢＣＤ－ＥＦＧＨ－ＪＫＭＮ－ＰＱＲＳ－ＴＵＶＷ',
    ])
      expect(parseRecoveryCode(typed), typed).toBe(code);
  });

  it('refuse what cannot be a code: too short, too long, or a character never used', () => {
    expect(parseRecoveryCode('ABCD-EFGH-JKMN-PQRS')).toBeUndefined();
    expect(parseRecoveryCode('ABCD-EFGH-JKMN-PQRS-TUVW-X')).toBeUndefined();
    expect(parseRecoveryCode('ABCD-EFGH-JKMN-PQRS-TUV0')).toBeUndefined();
    expect(parseRecoveryCode('')).toBeUndefined();
  });
});
