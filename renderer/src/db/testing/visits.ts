import type { Role } from '../../../../shared/auth/roles';
import { patientDerivedKeys, type Patient } from '../../../../shared/patients/patient';
import { pinyinReadings } from '../pinyin';
import { addStaff } from '../staff';
import { recordVerification } from '../verifications';
import type { Actor, StoreContext } from '../write';

/** GB 11643-1999's own example number: a woman born on 1949-12-31. */
export const ZHANG: Omit<
  Patient,
  'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'deviceId' | 'hlc'
> = {
  id: 'p-zhang',
  name: '张秀英',
  sex: 'female',
  birthDate: '1949-12-31',
  idType: 'resident',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  insuredRegion: { province: '44', city: '深圳市' },
  scheme: 'resident',
  cardNumber: 'G44030012345678',
  notes: '',
  photoId: 'photo-zhang',
  searchKeys: ['zhangxiuying', 'zxy'],
};

/** Puts a registered patient straight into the store: registration is the patients feature's test. */
export const putPatient = async (ctx: StoreContext, patient: Partial<Patient> = {}) => {
  const row: Patient = {
    ...ZHANG,
    createdAt: '2026-01-05T01:00:00.000Z',
    createdBy: 'someone',
    updatedAt: '2026-01-05T01:00:00.000Z',
    updatedBy: 'someone',
    deviceId: 'desk-1',
    hlc: '0',
    ...patient,
  };
  // Its search keys as the store computes them (a test may still give its own).
  Object.assign(row, patientDerivedKeys(row, pinyinReadings), {
    ...(patient.searchKeys ? { searchKeys: patient.searchKeys } : {}),
    ...(patient.find ? { find: patient.find } : {}),
  });
  await ctx.db.patients.put(row);
  return row;
};

export const STAFF_PASSWORD = {
  officer: 'Officer#2026',
  desk: 'Front#Desk1',
  clinician: 'Doctor#2026',
};

/** The clinic's other three roles, added by the owner. */
export const addTeam = async (ctx: StoreContext, owner: Actor) => {
  const add = (username: string, displayName: string, role: Role, password: string) =>
    addStaff(ctx, owner, { username, displayName, roles: [role], password });
  return {
    officer: await add('zhaomin', '赵敏', 'insurance-officer', STAFF_PASSWORD.officer),
    desk: await add('wangfang', '王芳', 'front-desk', STAFF_PASSWORD.desk),
    clinician: await add('chenjing', '陈静', 'clinician', STAFF_PASSWORD.clinician),
  };
};

/** The desk's check fails (no ID document shown): the visit goes to self-pay (§1.6). */
export const failCheck = (ctx: StoreContext, desk: Actor, visitId: string) =>
  recordVerification(ctx, desk, {
    visitId,
    documentPresented: false,
    cardMethod: 'none',
    personConfirmed: false,
    outcome: 'failed',
    reason: '未带身份证',
  });
