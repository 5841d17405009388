import { describe, expect, it } from 'vitest';
import { residentCheckCharacter } from '../identity/id-number';
import { normalizeDateInput, patientInputSchema, type PatientInput } from './patient-input';

const TODAY = '2026-11-22';
const schema = patientInputSchema(TODAY);
const withCheck = (first17: string) => first17 + residentCheckCharacter(first17);
/** 张三: born 1990-03-07, sequence 123 (odd: a man). */
const ZHANG_SAN_ID = withCheck('11010519900307123');

const typed: PatientInput = {
  name: ' 张三 ',
  sex: 'male',
  birthDate: '1990-03-07',
  idType: 'resident',
  idNumber: ZHANG_SAN_ID,
  phone: '13812345678',
  insuredRegion: { province: '44', city: '深圳市' },
  scheme: 'employee',
  cardNumber: ' a1234 5678 ',
  priorReimbursements: '',
  notes: '',
};

/** The problems of a typed form, as `field: problem`. */
const problems = (input: PatientInput) => {
  const result = schema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('the registration form', () => {
  it('a complete registration is trimmed, its card number and ID normalized, empty boxes dropped', () => {
    const result = schema.parse({ ...typed, idNumber: ZHANG_SAN_ID.toLowerCase() });
    expect(result).toEqual({
      name: '张三',
      sex: 'male',
      birthDate: '1990-03-07',
      idType: 'resident',
      idNumber: ZHANG_SAN_ID.toUpperCase(),
      phone: '13812345678',
      insuredRegion: { province: '44', city: '深圳市' },
      scheme: 'employee',
      cardNumber: 'A12345678',
      priorReimbursements: undefined,
      notes: '',
    });
  });

  it('an empty form names every missing field at once', () => {
    expect(
      problems({
        name: '',
        sex: undefined,
        birthDate: '',
        idType: 'resident',
        idNumber: '',
        scheme: undefined,
      }),
    ).toEqual([
      'name: required',
      'sex: required',
      'birthDate: required',
      'scheme: required',
      'idNumber: required',
    ]);
  });

  it('says what is wrong with a resident ID number, even while other fields are wrong', () => {
    const broken = { ...typed, name: '' };
    expect(problems({ ...broken, idNumber: '1101051990030712' })).toContain('idNumber: id-length');
    expect(problems({ ...broken, idNumber: '11010519900307123A' })).toContain(
      'idNumber: id-characters',
    );
    expect(problems({ ...broken, idNumber: withCheck('11010519900230123') })).toContain(
      'idNumber: id-date',
    );
    expect(problems({ ...broken, idNumber: withCheck('11010520301231123') })).toContain(
      'idNumber: id-future-date',
    );
    const wrongCheck = ZHANG_SAN_ID.slice(0, 17) + (ZHANG_SAN_ID[17] === '0' ? '1' : '0');
    expect(problems({ ...broken, idNumber: wrongCheck })).toContain('idNumber: id-check-character');
  });

  it('a residence permit with a mainland prefix is refused by its prefix', () => {
    expect(problems({ ...typed, idType: 'hmt-residence' })).toEqual(['idNumber: id-prefix']);
  });

  it('a sex or birth date that contradicts the ID number is an error on that field', () => {
    expect(problems({ ...typed, sex: 'female', birthDate: '1990-03-08' })).toEqual([
      'sex: sex-mismatch',
      'birthDate: birth-date-mismatch',
    ]);
  });

  it('a passport says nothing about sex or birth date', () => {
    expect(
      problems({ ...typed, idType: 'passport', idNumber: 'E12345678', sex: 'female' }),
    ).toEqual([]);
  });

  it('an insured patient needs an insured region; a self-pay one does not', () => {
    const noRegion = { ...typed, insuredRegion: { province: '', city: '' } };
    expect(problems(noRegion)).toEqual(['insuredRegion.province: region-required']);
    expect(schema.parse({ ...noRegion, scheme: 'self-pay' }).insuredRegion).toBeUndefined();
  });

  it('refuses a malformed phone, a birth date after today and an overlong name', () => {
    expect(problems({ ...typed, phone: '1381234' })).toEqual(['phone: phone']);
    expect(
      problems({ ...typed, idType: 'passport', idNumber: 'E12345678', birthDate: '2027-01-01' }),
    ).toEqual(['birthDate: future-date']);
    expect(problems({ ...typed, name: '张'.repeat(41) })).toEqual(['name: too-long']);
  });
});

describe('dates as the desk types them', () => {
  it('accepts digits only, slashes, dots and 年月日', () => {
    for (const text of ['19900307', '1990/3/7', '1990.03.07', '1990年3月7日', ' 1990-03-07 ']) {
      expect(normalizeDateInput(text), text).toBe('1990-03-07');
    }
  });

  it('leaves what it cannot read for the date check to refuse', () => {
    expect(normalizeDateInput('3/7/1990')).toBe('3/7/1990');
  });
});

describe('a child’s guardian', () => {
  /** 张小明: born 2016-05-04 (ten years old on TODAY), sequence 123. */
  const child: PatientInput = {
    ...typed,
    name: '张小明',
    birthDate: '2016-05-04',
    idNumber: withCheck('11010520160504123'),
  };
  const father = {
    name: ' 张三 ',
    relation: 'parent' as const,
    phone: '13812345678',
    idType: 'resident' as const,
    idNumber: ZHANG_SAN_ID.toLowerCase(),
  };

  it('is required for a patient under 18: name, relation and a phone number', () => {
    expect(problems(child)).toEqual([
      'guardian.name: required',
      'guardian.relation: required',
      'guardian.phone: required',
    ]);
    expect(
      problems({ ...child, birthDate: '2008-11-23', idNumber: withCheck('11010520081123123') }),
    ).toHaveLength(3);
  });

  it('is recorded trimmed, its ID number normalized; the ID number may wait for the notice', () => {
    expect(schema.parse({ ...child, guardian: father }).guardian).toEqual({
      name: '张三',
      relation: 'parent',
      phone: '13812345678',
      idType: 'resident',
      idNumber: ZHANG_SAN_ID.toUpperCase(),
    });
    expect(schema.parse({ ...child, guardian: { ...father, idNumber: '' } }).guardian).toEqual({
      name: '张三',
      relation: 'parent',
      phone: '13812345678',
    });
  });

  it('a wrong phone or ID number is named on its box', () => {
    expect(
      problems({ ...child, guardian: { ...father, phone: '12345', idNumber: '110105' } }),
    ).toEqual(['guardian.phone: phone', 'guardian.idNumber: id-length']);
  });

  it('an adult needs none; boxes typed for an adult are checked and kept', () => {
    expect(schema.parse(typed).guardian).toBeUndefined();
    expect(schema.parse({ ...typed, guardian: { name: '', phone: '' } }).guardian).toBeUndefined();
    expect(problems({ ...typed, guardian: { name: '李四' } })).toEqual([
      'guardian.relation: required',
      'guardian.phone: required',
    ]);
    expect(
      schema.parse({ ...typed, guardian: { ...father, relation: 'spouse' } }).guardian,
    ).toMatchObject({
      relation: 'spouse',
    });
  });
});
