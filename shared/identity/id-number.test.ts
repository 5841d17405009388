import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../clock/clock';
import { crossCheckIdentity, parseIdNumber, residentCheckCharacter } from './id-number';

const TODAY = { today: '2026-11-22' };

describe('mainland resident ID number (GB 11643-1999)', () => {
  it('accepts the worked examples of the standard and derives birth date and sex', () => {
    expect(parseIdNumber('resident', '11010519491231002X', TODAY)).toEqual({
      ok: true,
      type: 'resident',
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
    });
    expect(parseIdNumber('resident', '440524188001010014', TODAY)).toMatchObject({
      ok: true,
      birthDate: '1880-01-01',
      sex: 'male',
    });
  });

  it('a lower-case x typed at the desk is stored as X', () => {
    expect(parseIdNumber('resident', '11010519491231002x', TODAY)).toMatchObject({
      ok: true,
      normalized: '11010519491231002X',
    });
  });

  it('spaces around and between the groups, and full-width digits from a Chinese IME, are ignored', () => {
    expect(parseIdNumber('resident', '  110105 19491231 002X ', TODAY)).toMatchObject({
      normalized: '11010519491231002X',
    });
    expect(parseIdNumber('resident', '１１０１０５１９４９１２３１００２Ｘ', TODAY)).toMatchObject({
      normalized: '11010519491231002X',
    });
    expect(parseIdNumber('resident', '\u3000110105194912310 02X', TODAY)).toMatchObject({
      ok: true,
    });
  });

  it('a first-generation 15-digit number is converted to its 18-character form', () => {
    expect(parseIdNumber('resident', '130503670401001', TODAY)).toEqual({
      ok: true,
      type: 'resident',
      normalized: '130503196704010016',
      birthDate: '1967-04-01',
      sex: 'male',
    });
  });

  it('one mistyped digit is caught by the check character', () => {
    expect(parseIdNumber('resident', '11010519491231012X', TODAY)).toEqual({
      ok: false,
      reason: 'check-character',
    });
    expect(parseIdNumber('resident', '110105194912310021', TODAY)).toEqual({
      ok: false,
      reason: 'check-character',
    });
  });

  it('two swapped neighbouring digits are caught by the check character', () => {
    expect(parseIdNumber('resident', '11010591491231002X', TODAY)).toMatchObject({ ok: false });
    expect(parseIdNumber('resident', '11001519491231002X', TODAY)).toMatchObject({
      ok: false,
      reason: 'check-character',
    });
  });

  it('a birth date that is not on the calendar is refused as a date, not a check-character error', () => {
    const first17 = '44030519900230123'; // 30 February
    expect(parseIdNumber('resident', first17 + residentCheckCharacter(first17), TODAY)).toEqual({
      ok: false,
      reason: 'date',
    });
  });

  it('29 February is accepted in a leap year only', () => {
    const leap = '44030520120229456';
    const notLeap = '44030520130229456';
    expect(parseIdNumber('resident', leap + residentCheckCharacter(leap), TODAY)).toMatchObject({
      ok: true,
      birthDate: '2012-02-29',
    });
    expect(
      parseIdNumber('resident', notLeap + residentCheckCharacter(notLeap), TODAY),
    ).toMatchObject({
      reason: 'date',
    });
  });

  it('a baby born today is accepted; a birth date after today is refused', () => {
    const bornToday = '44030520261122001';
    const tomorrow = '44030520261123001';
    expect(
      parseIdNumber('resident', bornToday + residentCheckCharacter(bornToday), TODAY),
    ).toMatchObject({
      ok: true,
    });
    expect(parseIdNumber('resident', tomorrow + residentCheckCharacter(tomorrow), TODAY)).toEqual({
      ok: false,
      reason: 'future-date',
    });
  });

  it('"today" comes from the injected clock in the clinic time zone when not given', () => {
    const first17 = '44030520261123001';
    const number = first17 + residentCheckCharacter(first17);
    // 2026-11-22 23:30 UTC is already 23 November in Beijing.
    const lateEvening = manualClock('2026-11-22T23:30:00Z');
    expect(parseIdNumber('resident', number, { clock: lateEvening })).toMatchObject({ ok: true });
    expect(
      parseIdNumber('resident', number, { clock: manualClock('2026-11-22T12:00:00Z') }),
    ).toMatchObject({
      reason: 'future-date',
    });
  });

  it('an area code missing from today’s GB/T 2260 list is not a reason to refuse', () => {
    const retired = '99999919800101001';
    expect(
      parseIdNumber('resident', retired + residentCheckCharacter(retired), TODAY),
    ).toMatchObject({
      ok: true,
    });
  });

  it('names what is wrong with a malformed number', () => {
    expect(parseIdNumber('resident', '   ', TODAY)).toEqual({ ok: false, reason: 'empty' });
    expect(parseIdNumber('resident', '1101051949123100', TODAY)).toEqual({
      ok: false,
      reason: 'length',
    });
    expect(parseIdNumber('resident', '1101051949123100XX', TODAY)).toEqual({
      ok: false,
      reason: 'characters',
    });
    expect(parseIdNumber('resident', '11010519491231A02X', TODAY)).toEqual({
      ok: false,
      reason: 'characters',
    });
    expect(parseIdNumber('resident', '13050367040100X', TODAY)).toEqual({
      ok: false,
      reason: 'characters',
    });
  });

  it('the 17th digit decides the sex: odd for men, even (including 0) for women', () => {
    for (const [digit, sex] of [
      ['1', 'male'],
      ['9', 'male'],
      ['0', 'female'],
      ['8', 'female'],
    ] as const) {
      const first17 = `3101041990030712${digit}`;
      expect(
        parseIdNumber('resident', first17 + residentCheckCharacter(first17), TODAY),
      ).toMatchObject({ sex });
    }
  });

  it('the check character needs exactly 17 digits', () => {
    expect(() => residentCheckCharacter('1234')).toThrow(RangeError);
  });

  // Fixed seeds: the same cases on every run and every machine; raise numRuns to explore more.
  const property = { seed: 11643, numRuns: 300 };
  const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
  const validNumber = fc
    .tuple(
      digits(6),
      fc.date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('2026-11-22T00:00:00Z'),
        noInvalidDate: true,
      }),
      digits(3),
    )
    .map(([area, date, sequence]) => {
      const first17 = `${area}${date.toISOString().slice(0, 10).replaceAll('-', '')}${sequence}`;
      return first17 + residentCheckCharacter(first17);
    });

  it('any well-formed number parses, and its check character recomputes (property)', () => {
    fc.assert(
      fc.property(validNumber, (number) => {
        const parsed = parseIdNumber('resident', number.toLowerCase(), TODAY);
        const birthDate = `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`;
        expect(parsed).toMatchObject({ ok: true, normalized: number, birthDate });
        expect(residentCheckCharacter(number.slice(0, 17))).toBe(number[17]);
        expect(parsed.ok && parsed.sex).toBe(Number(number[16]) % 2 === 1 ? 'male' : 'female');
      }),
      property,
    );
  });

  it('any single mistyped character of a valid number is caught (property)', () => {
    const alphabet = '0123456789X';
    fc.assert(
      fc.property(
        validNumber,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 9 }),
        (number, position, shift) => {
          const options = position === 17 ? alphabet : alphabet.slice(0, 10);
          const typed = options[(options.indexOf(number[position]!) + shift) % options.length]!;
          const mistyped = number.slice(0, position) + typed + number.slice(position + 1);
          expect(parseIdNumber('resident', mistyped, TODAY).ok).toBe(false);
        },
      ),
      property,
    );
  });

  it('any two swapped neighbouring digits of a valid number are caught (property)', () => {
    fc.assert(
      fc.property(validNumber, fc.integer({ min: 0, max: 16 }), (number, position) => {
        const a = number[position]!;
        const b = number[position + 1]!;
        fc.pre(a !== b && b !== 'X');
        const swapped = number.slice(0, position) + b + a + number.slice(position + 2);
        expect(parseIdNumber('resident', swapped, TODAY).ok).toBe(false);
      }),
      property,
    );
  });
});

describe('Hong Kong, Macao and Taiwan residence permit (港澳台居民居住证)', () => {
  it('accepts Hong Kong, Macao and Taiwan prefixes and derives birth date and sex', () => {
    expect(parseIdNumber('hmt-residence', '810000199508080016', TODAY)).toEqual({
      ok: true,
      type: 'hmt-residence',
      normalized: '810000199508080016',
      birthDate: '1995-08-08',
      sex: 'male',
    });
    expect(parseIdNumber('hmt-residence', '830000200101150026', TODAY)).toMatchObject({
      ok: true,
      sex: 'female',
    });
  });

  it('a mainland resident number is not a residence permit', () => {
    expect(parseIdNumber('hmt-residence', '11010519491231002X', TODAY)).toEqual({
      ok: false,
      reason: 'prefix',
    });
  });

  it('is protected by the same check character', () => {
    expect(parseIdNumber('hmt-residence', '810000199508080017', TODAY)).toEqual({
      ok: false,
      reason: 'check-character',
    });
  });
});

describe('foreign permanent residence ID (外国人永久居留身份证)', () => {
  it('accepts the 2017 card: three letters and twelve digits', () => {
    expect(parseIdNumber('foreign-permanent', 'usa 310085121001', TODAY)).toEqual({
      ok: true,
      type: 'foreign-permanent',
      normalized: 'USA310085121001',
    });
    expect(parseIdNumber('foreign-permanent', 'US3310085121001', TODAY)).toEqual({
      ok: false,
      reason: 'format',
    });
  });

  it('accepts the 2023 card: 18 characters starting with 9, with its birth date', () => {
    expect(parseIdNumber('foreign-permanent', '921344198806140026', TODAY)).toEqual({
      ok: true,
      type: 'foreign-permanent',
      normalized: '921344198806140026',
      birthDate: '1988-06-14',
    });
  });

  it('refuses an 18-digit number that does not start with 9, and a wrong check character', () => {
    expect(parseIdNumber('foreign-permanent', '11010519491231002X', TODAY)).toEqual({
      ok: false,
      reason: 'prefix',
    });
    expect(parseIdNumber('foreign-permanent', '921344198806140027', TODAY)).toEqual({
      ok: false,
      reason: 'check-character',
    });
    expect(parseIdNumber('foreign-permanent', 'USA3100851210', TODAY)).toEqual({
      ok: false,
      reason: 'length',
    });
  });
});

describe('passports and travel permits (format only)', () => {
  it('accepts Chinese and foreign passport numbers, upper-cased, without spaces', () => {
    expect(parseIdNumber('passport', 'e12345678', TODAY)).toEqual({
      ok: true,
      type: 'passport',
      normalized: 'E12345678',
    });
    expect(parseIdNumber('passport', 'EA 1234567', TODAY)).toMatchObject({
      normalized: 'EA1234567',
    });
    expect(parseIdNumber('passport', '548123987', TODAY)).toMatchObject({ ok: true });
  });

  it('refuses a passport number that is too short, has punctuation or has no digit', () => {
    expect(parseIdNumber('passport', 'E123', TODAY)).toEqual({ ok: false, reason: 'length' });
    expect(parseIdNumber('passport', 'E1234-5678', TODAY)).toEqual({
      ok: false,
      reason: 'characters',
    });
    expect(parseIdNumber('passport', 'ABCDEFGH', TODAY)).toEqual({ ok: false, reason: 'format' });
  });

  it('a Hong Kong or Macao permit is H or M followed by 8 or 10 digits', () => {
    expect(parseIdNumber('hk-macao-permit', 'h12345678', TODAY)).toMatchObject({
      ok: true,
      normalized: 'H12345678',
    });
    expect(parseIdNumber('hk-macao-permit', 'M1234567801', TODAY)).toMatchObject({ ok: true });
    expect(parseIdNumber('hk-macao-permit', 'T12345678', TODAY)).toEqual({
      ok: false,
      reason: 'prefix',
    });
    expect(parseIdNumber('hk-macao-permit', 'H1234567', TODAY)).toEqual({
      ok: false,
      reason: 'length',
    });
    expect(parseIdNumber('hk-macao-permit', 'H1234567A', TODAY)).toEqual({
      ok: false,
      reason: 'characters',
    });
  });

  it('a Taiwan permit is 8 digits, or 10 characters on older booklets', () => {
    expect(parseIdNumber('taiwan-permit', '12345678', TODAY)).toMatchObject({
      ok: true,
      normalized: '12345678',
    });
    expect(parseIdNumber('taiwan-permit', '1234567801', TODAY)).toMatchObject({ ok: true });
    expect(parseIdNumber('taiwan-permit', '1234567', TODAY)).toEqual({
      ok: false,
      reason: 'length',
    });
    expect(parseIdNumber('taiwan-permit', 'AB34567801', TODAY)).toEqual({
      ok: false,
      reason: 'format',
    });
  });
});

describe('cross-check of what the patient says against what the number encodes (冒名顶替)', () => {
  const parsed = parseIdNumber('resident', '11010519491231002X', TODAY);

  it('a matching sex and birth date raise nothing', () => {
    expect(crossCheckIdentity({ parsed, sex: 'female', birthDate: '1949-12-31' })).toEqual([]);
  });

  it('a man presenting a woman’s ID number is flagged, and so is a different birth date', () => {
    expect(crossCheckIdentity({ parsed, sex: 'male', birthDate: '1950-01-01' })).toEqual([
      'sex-mismatch',
      'birth-date-mismatch',
    ]);
  });

  it('a document that encodes no birth date or sex contradicts nothing', () => {
    const passport = parseIdNumber('passport', 'E12345678', TODAY);
    expect(crossCheckIdentity({ parsed: passport, sex: 'male', birthDate: '1990-01-01' })).toEqual(
      [],
    );
  });

  it('an invalid number is reported by its own reason, not as a contradiction', () => {
    expect(crossCheckIdentity({ parsed: { ok: false, reason: 'length' }, sex: 'male' })).toEqual(
      [],
    );
  });
});
