import { describe, expect, it } from 'vitest';
import { computeVerificationFlags, normalizeCardNumber, type FlagInput } from './flags';

const NOW = Date.parse('2026-11-22T09:30:00+08:00');
const daysAgo = (days: number) => new Date(NOW - days * 86_400_000).toISOString();

/** GB 11643-1999's own example: a woman born on 1949-12-31. */
const ZHANG: FlagInput['patient'] = {
  id: 'p-zhang',
  idType: 'resident',
  idNumber: '11010519491231002X',
  sex: 'female',
  birthDate: '1949-12-31',
  cardNumber: 'G44030012345678',
  photoId: 'photo-1',
};

const input = (overrides: Partial<FlagInput> = {}): FlagInput => ({
  patient: ZHANG,
  presented: { documentNumber: ZHANG.idNumber, cardNumber: ZHANG.cardNumber },
  sameIdNumber: [{ id: ZHANG.id }],
  sameCardNumber: [{ id: ZHANG.id }],
  earlierVerifications: [],
  now: NOW,
  today: '2026-11-22',
  ...overrides,
});

const failure = (at: string) => ({ at, stage: 'check-in', outcome: 'failed' });

describe('verification flags (PRODUCT §1.4)', () => {
  it('a registered patient showing their own ID, card and face raises nothing', () => {
    expect(computeVerificationFlags(input())).toEqual([]);
  });

  it('flags an ID number that another patient is registered under', () => {
    const flags = computeVerificationFlags(
      input({ sameIdNumber: [{ id: ZHANG.id }, { id: 'p-other' }] }),
    );
    expect(flags).toEqual(['id-number-shared']);
  });

  it('flags a card number that belongs to another patient', () => {
    const flags = computeVerificationFlags(
      input({ sameCardNumber: [{ id: 'p-owner-of-card' }, { id: ZHANG.id }] }),
    );
    expect(flags).toEqual(['card-number-shared']);
  });

  it('flags a card that is not the one on file, whatever spaces or case it was typed with', () => {
    expect(
      computeVerificationFlags(
        input({ presented: { documentNumber: ZHANG.idNumber, cardNumber: 'g4403 0012 345678' } }),
      ),
    ).toEqual([]);
    expect(
      computeVerificationFlags(
        input({ presented: { documentNumber: ZHANG.idNumber, cardNumber: 'G44030099999999' } }),
      ),
    ).toEqual(['card-mismatch']);
  });

  it('compares no card when none was shown or none is on file', () => {
    expect(
      computeVerificationFlags(input({ presented: { documentNumber: ZHANG.idNumber } })),
    ).toEqual([]);
    expect(
      computeVerificationFlags(input({ patient: { ...ZHANG, cardNumber: undefined } })),
    ).toEqual([]);
  });

  it('flags an ID document whose number is not the one on file', () => {
    expect(
      computeVerificationFlags(input({ presented: { documentNumber: '110105194912310021' } })),
    ).toEqual(['document-mismatch']);
  });

  it('flags a sex or birth date that contradicts the ID number', () => {
    expect(computeVerificationFlags(input({ patient: { ...ZHANG, sex: 'male' } }))).toEqual([
      'sex-contradicts-id',
    ]);
    expect(
      computeVerificationFlags(input({ patient: { ...ZHANG, birthDate: '1949-12-30' } })),
    ).toEqual(['birth-date-contradicts-id']);
  });

  it('contradicts nothing for a passport, which encodes neither sex nor birth date', () => {
    const passport = {
      ...ZHANG,
      idType: 'passport' as const,
      idNumber: 'E12345678',
      sex: 'male' as const,
    };
    expect(
      computeVerificationFlags(
        input({ patient: passport, presented: { documentNumber: 'E12345678' } }),
      ),
    ).toEqual([]);
  });

  it('flags a patient with no photo on file: the 人 check has nothing to compare with', () => {
    expect(computeVerificationFlags(input({ patient: { ...ZHANG, photoId: undefined } }))).toEqual([
      'no-photo',
    ]);
  });

  it('flags the third attempt after two failed verifications within 30 days, not after one', () => {
    expect(
      computeVerificationFlags(input({ earlierVerifications: [failure(daysAgo(3))] })),
    ).toEqual([]);
    expect(
      computeVerificationFlags(
        input({ earlierVerifications: [failure(daysAgo(3)), failure(daysAgo(29))] }),
      ),
    ).toEqual(['repeated-failures']);
  });

  it('forgets failures older than 30 days, overrides and re-confirmations', () => {
    const flags = computeVerificationFlags(
      input({
        earlierVerifications: [
          failure(daysAgo(3)),
          failure(daysAgo(31)),
          { at: daysAgo(2), stage: 'check-in', outcome: 'overridden' },
          { at: daysAgo(1), stage: 'clinician', outcome: 'verified' },
        ],
      }),
    );
    expect(flags).toEqual([]);
  });

  it('lists every flag that applies, in a stable order', () => {
    const flags = computeVerificationFlags(
      input({
        patient: { ...ZHANG, sex: 'male', photoId: undefined },
        presented: { documentNumber: ZHANG.idNumber, cardNumber: 'OTHER-CARD' },
        sameIdNumber: [{ id: 'p-other' }],
        sameCardNumber: [{ id: 'p-card-owner' }],
        earlierVerifications: [failure(daysAgo(1)), failure(daysAgo(2))],
      }),
    );
    expect(flags).toEqual([
      'id-number-shared',
      'card-number-shared',
      'card-mismatch',
      'sex-contradicts-id',
      'no-photo',
      'repeated-failures',
    ]);
  });

  it('card numbers compare without spaces, dashes or case', () => {
    expect(normalizeCardNumber(' g440-300 12３ ')).toBe('G440300123');
  });
});
