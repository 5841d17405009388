import { describe, expect, it } from 'vitest';
import { patientSchema, patientSearchKeys, type PinyinReadings } from './patient';

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
