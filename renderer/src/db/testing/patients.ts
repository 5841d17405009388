import { residentCheckCharacter } from '../../../../shared/identity/id-number';
import type { PatientInput } from '../../../../shared/patients/patient-input';

/** A resident ID number from its first 17 characters, with the right check character. */
export const withCheck = (first17: string) => first17 + residentCheckCharacter(first17);

/** 张三, a man born 1990-03-07 in Beijing (sequence 123 is odd), insured in Shenzhen. */
export const ZHANG_SAN: PatientInput = {
  name: '张三',
  sex: 'male',
  birthDate: '1990-03-07',
  idType: 'resident',
  idNumber: withCheck('11010519900307123'),
  phone: '13812345678',
  insuredRegion: { province: '44', city: '深圳市' },
  scheme: 'employee',
  cardNumber: 'A10000001',
  notes: '',
};
