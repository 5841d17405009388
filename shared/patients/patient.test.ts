import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  patientDerivedKeys,
  patientIndexKeys,
  patientSchema,
  patientSearchKeys,
  tailSearchKeys,
  type PinyinReadings,
} from './patient';

const readings: Record<string, string[]> = {
  张: ['zhang'],
  伟: ['wei'],
  曾: ['zeng', 'ceng'],
  欧: ['ou'],
  阳: ['yang'],
};
const toPinyin: PinyinReadings = (c) => readings[c] ?? [];

describe('patient search keys', () => {
  it('the desk finds 张伟 by "zhangwei", "zw", the phone, its last four digits and the ID tail', () => {
    const keys = patientSearchKeys(
      { name: '张伟', phone: '13812345678', idNumber: '11010519491231002X' },
      toPinyin,
    );
    expect(keys).toEqual(['zhangwei', 'zw', '13812345678', '5678', '002x', '1002x', '31002x']);
  });

  it('a surname with two readings (曾 zeng/ceng) is found by both', () => {
    const keys = patientSearchKeys({ name: '曾伟', idNumber: 'E12345678' }, toPinyin);
    expect(keys).toEqual(expect.arrayContaining(['zengwei', 'zw', 'cengwei', 'cw']));
  });

  it('a passport name in Latin letters is searchable by its words and initials', () => {
    const keys = patientSearchKeys({ name: 'JOHN SMITH', idNumber: 'E12345678' }, toPinyin);
    expect(keys).toEqual(expect.arrayContaining(['johnsmith', 'js']));
  });

  it('characters the converter does not know are skipped, not turned into garbage keys', () => {
    const keys = patientSearchKeys({ name: '阿依古丽·欧阳', idNumber: 'E12345678' }, toPinyin);
    expect(keys).toEqual(expect.arrayContaining(['ouyang', 'oy']));
  });
});

describe('the keys the store indexes (patientIndexKeys)', () => {
  /** Found by the typed text as the search box looks it up: the text itself, then its tails. */
  const foundBy = (index: readonly string[], typed: string) =>
    [typed, ...tailSearchKeys(typed)].some((prefix) => index.some((k) => k.startsWith(prefix)));

  it('hold 张伟 in five keys: pinyin, initials, the phone, and the phone and ID written backwards', () => {
    expect(
      patientIndexKeys(
        { name: '张伟', phone: '13812345678', idNumber: '11010519491231002X' },
        toPinyin,
      ),
    ).toEqual(['zhangwei', 'zw', '13812345678', '<87654321831', '>x20013219491501011']);
  });

  it('find by a phone tail of four digits and by an ID tail of 4 to 6 characters, not by 3', () => {
    const index = patientIndexKeys(
      { name: '张伟', phone: '138-1234-5678', idNumber: '11010519491231002X' },
      toPinyin,
    );
    for (const typed of ['5678', '002x', '1002x', '31002x', '1381234', 'zhangw', 'zw'])
      expect(foundBy(index, typed), typed).toBe(true);
    for (const typed of ['678', '02x', '12345', '5679', 'zx'])
      expect(foundBy(index, typed), typed).toBe(false);
  });

  it('find a patient by every key patientSearchKeys promises, for any phone and ID number', () => {
    const digits = fc.stringMatching(/^1[3-9]\d{9}$/);
    const idNumber = fc.stringMatching(/^\d{17}[\dX]$|^[A-Z]\d{8}$/);
    fc.assert(
      fc.property(fc.option(digits, { nil: undefined }), idNumber, (phone, id) => {
        const patient = { name: '曾伟', phone, idNumber: id };
        const index = patientIndexKeys(patient, toPinyin);
        // Every search key is a prefix of an index key, read as the search box reads it.
        for (const key of patientSearchKeys(patient, toPinyin))
          expect(foundBy(index, key), key).toBe(true);
      }),
      { seed: 12, numRuns: 300 },
    );
  });

  it('a row without a name (a refused registration) has nothing to search by', () => {
    expect(patientDerivedKeys({ phone: '13812345678' }, toPinyin)).toEqual({
      searchKeys: [],
      find: [],
    });
  });
});

describe('patient record', () => {
  const valid = {
    id: '019a0000-0000-7000-8000-000000000000',
    name: '张伟',
    sex: 'male',
    birthDate: '1990-03-07',
    idType: 'resident',
    idNumber: '310104199003071235',
    phone: '13812345678',
    insuredRegion: { province: '31', city: '上海市' },
    scheme: 'employee',
    cardNumber: 'A12345678',
    notes: '',
    searchKeys: ['zhangwei'],
    createdAt: '2026-11-22T01:00:00.000Z',
    createdBy: 'staff-1',
    updatedAt: '2026-11-22T01:00:00.000Z',
    updatedBy: 'staff-1',
    deviceId: 'desk-1',
    hlc: '000001763773200000-00000-desk-1',
  };

  it('accepts a complete first-visit registration', () => {
    expect(patientSchema.safeParse(valid).success).toBe(true);
  });

  it('accepts a landline and a self-pay patient without insured region or card', () => {
    const { insuredRegion: _r, cardNumber: _c, ...selfPay } = valid;
    expect(
      patientSchema.safeParse({ ...selfPay, scheme: 'self-pay', phone: '0755-12345678' }).success,
    ).toBe(true);
  });

  it('refuses an unknown province, a non-date birth date and an un-normalized ID number', () => {
    expect(
      patientSchema.safeParse({ ...valid, insuredRegion: { province: '99', city: '' } }).success,
    ).toBe(false);
    expect(patientSchema.safeParse({ ...valid, birthDate: '1990-02-30' }).success).toBe(false);
    expect(patientSchema.safeParse({ ...valid, idNumber: '11010519491231002x' }).success).toBe(
      false,
    );
  });
});
