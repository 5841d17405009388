import { describe, expect, it } from 'vitest';
import { roles } from '../auth/roles';
import { dayNumber } from '../clock/calendar-date';
import { crossCheckIdentity, parseIdNumber } from '../identity/id-number';
import { patientSchema, type Patient } from '../patients/patient';
import { USERNAME_PATTERN } from '../staff/staff';
import { generateClinic, type ClinicBatch, type DemoVisit } from './generate-clinic';
import { generateStaff } from './generate-staff';
import { createRng } from './prng';

const END = '2026-11-22';

const collect = (batches: Iterable<ClinicBatch>) => {
  const patients: Patient[] = [];
  const visits: DemoVisit[] = [];
  for (const batch of batches) {
    patients.push(...batch.patients);
    visits.push(...batch.visits);
  }
  return { patients, visits };
};

/** Visits per day, in date order. */
const visitsPerDay = (visits: readonly DemoVisit[]): Map<string, number> => {
  const perDay = new Map<string, number>();
  for (const v of [...visits].sort((a, b) => a.date.localeCompare(b.date)))
    perDay.set(v.date, (perDay.get(v.date) ?? 0) + 1);
  return perDay;
};

// One clinic of 5,000 patients shared by the checks below: enough to meet every document type.
const clinic = collect(generateClinic({ seed: 'test-clinic', patients: 5000, endDate: END }));

describe('demo clinic generator', () => {
  it('the same seed gives the same clinic, another seed another clinic', () => {
    const small = collect(generateClinic({ seed: 'test-clinic', patients: 300, endDate: END }));
    const again = collect(generateClinic({ seed: 'test-clinic', patients: 300, endDate: END }));
    expect(again).toEqual(small);
    const other = collect(generateClinic({ seed: 'another', patients: 300, endDate: END }));
    expect(other.patients[0]!.idNumber).not.toBe(again.patients[0]!.idNumber);
  });

  it('streams in batches of patients with their own visits', () => {
    const batches = [...generateClinic({ seed: 1, patients: 2500, endDate: END, batchSize: 1000 })];
    expect(batches.map((b) => b.patients.length)).toEqual([1000, 1000, 500]);
    for (const batch of batches) {
      const ids = new Set(batch.patients.map((p) => p.id));
      expect(batch.visits.every((v) => ids.has(v.patientId))).toBe(true);
    }
  });

  it('every generated ID number passes the validation the front desk uses, and agrees with sex and birth date', () => {
    const refused = clinic.patients.filter((patient) => {
      const parsed = parseIdNumber(patient.idType, patient.idNumber, { today: END });
      const contradictions = crossCheckIdentity({
        parsed,
        sex: patient.sex,
        birthDate: patient.birthDate,
      });
      return !parsed.ok || parsed.normalized !== patient.idNumber || contradictions.length > 0;
    });
    expect(refused.map((p) => `${p.idType} ${p.idNumber}`)).toEqual([]);
  });

  it('every patient is a valid record', () => {
    const invalid = clinic.patients.flatMap((p) => patientSchema.safeParse(p).error?.issues ?? []);
    expect(invalid).toEqual([]);
  });

  it('no two patients share an ID number or an insurance card (which would look like 冒名顶替)', () => {
    const idNumbers = clinic.patients.map((p) => p.idNumber);
    expect(new Set(idNumbers).size).toBe(idNumbers.length);
    const cards = clinic.patients.flatMap((p) => (p.cardNumber ? [p.cardNumber.slice(1)] : []));
    expect(new Set(cards).size).toBe(cards.length);
  });

  it('mostly mainland resident IDs, with a few percent of other documents of every kind', () => {
    const count = (type: string) => clinic.patients.filter((p) => p.idType === type).length;
    expect(count('resident') / clinic.patients.length).toBeGreaterThan(0.95);
    expect(count('resident') / clinic.patients.length).toBeLessThan(0.99);
    for (const type of [
      'passport',
      'foreign-permanent',
      'hmt-residence',
      'hk-macao-permit',
      'taiwan-permit',
    ]) {
      expect(count(type), type).toBeGreaterThan(0);
    }
  });

  it('names follow surname frequency: 王, 李 and 张 are the most common', () => {
    const surnames = new Map<string, number>();
    for (const p of clinic.patients.filter((p) => p.idType === 'resident')) {
      surnames.set(p.name[0]!, (surnames.get(p.name[0]!) ?? 0) + 1);
    }
    const top = [...surnames]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([s]) => s);
    expect(top.sort()).toEqual(['张', '李', '王'].sort());
    expect(clinic.patients.every((p) => p.name.length >= 2)).toBe(true);
  });

  it('ages range from newborns to 95, and mobile numbers are 11 digits starting 13–19', () => {
    const ages = clinic.patients.map((p) => (dayNumber(END) - dayNumber(p.birthDate)) / 365.2425);
    expect(Math.min(...ages)).toBeLessThan(1);
    expect(Math.max(...ages)).toBeLessThan(96);
    expect(Math.max(...ages)).toBeGreaterThan(85);
    const phones = clinic.patients.flatMap((p) => (p.phone ? [p.phone] : []));
    expect(phones.filter((phone) => !/^1[3-9]\d{9}$/.test(phone))).toEqual([]);
  });

  it('self-pay patients have no insured region; insured ones mostly a card', () => {
    const selfPay = clinic.patients.filter((p) => p.scheme === 'self-pay');
    expect(selfPay.length).toBeGreaterThan(0);
    expect(selfPay.every((p) => p.insuredRegion === undefined && p.cardNumber === undefined)).toBe(
      true,
    );
    const insured = clinic.patients.filter(
      (p) => p.scheme === 'employee' || p.scheme === 'resident',
    );
    expect(insured.filter((p) => p.cardNumber).length / insured.length).toBeGreaterThan(0.85);
  });

  it('visits fall in the five years up to the end date, never before birth nor registration', () => {
    const byId = new Map(clinic.patients.map((p) => [p.id, p]));
    const first = dayNumber(END) - 5 * 365;
    expect(clinic.visits.length / clinic.patients.length).toBeGreaterThan(2.5);
    expect(clinic.visits.length / clinic.patients.length).toBeLessThan(3.5);
    const misplaced = clinic.visits.filter((visit) => {
      const patient = byId.get(visit.patientId)!;
      const inHistory = dayNumber(visit.date) >= first && visit.date <= END;
      return !inHistory || visit.date < patient.birthDate || visit.checkedInAt <= patient.createdAt;
    });
    expect(misplaced).toEqual([]);
  });

  it('a patient comes at most once a day', () => {
    const days = new Set(clinic.visits.map((v) => `${v.patientId} ${v.date}`));
    expect(days.size).toBe(clinic.visits.length);
  });

  it('an ordinary day of a clinic this size has a few dozen visits, the end date too', () => {
    const perDay = visitsPerDay(clinic.visits);
    const lastMonth = [...perDay.values()].slice(-30);
    const mean = lastMonth.reduce((sum, n) => sum + n, 0) / lastMonth.length;
    expect(mean).toBeGreaterThan(20);
    expect(mean).toBeLessThan(40);
    expect(perDay.get(END)).toBeLessThan(60);
  });

  it('a busy day has exactly the visits asked for on the end date, and the history stays ordinary', () => {
    const busy = collect(
      generateClinic({ seed: 'busy', patients: 2000, endDate: END, busyDay: 1200 }),
    );
    const perDay = visitsPerDay(busy.visits);
    expect(perDay.get(END)).toBe(1200);
    expect(
      Math.max(...[...perDay].filter(([date]) => date !== END).map(([, n]) => n)),
    ).toBeLessThan(80);
    const busyPatients = new Set(busy.visits.filter((v) => v.date === END).map((v) => v.patientId));
    expect(busyPatients.size).toBe(1200);
    const byId = new Map(busy.patients.map((p) => [p.id, p]));
    expect(busy.visits.filter((v) => v.checkedInAt <= byId.get(v.patientId)!.createdAt)).toEqual(
      [],
    );
  });

  it('refuses a busy day with more visits than patients: one visit each at most', () => {
    expect(() => [...generateClinic({ seed: 1, patients: 10, endDate: END, busyDay: 11 })]).toThrow(
      RangeError,
    );
  });

  it('the search box finds a patient by pinyin, initials, phone tail and ID tail', () => {
    const patient = clinic.patients.find(
      (p) => p.idType === 'resident' && p.phone && p.name.length === 3,
    )!;
    expect(patient.searchKeys).toContain(patient.idNumber.slice(-4).toLowerCase());
    expect(patient.searchKeys).toContain(patient.phone!.slice(-4));
    expect(patient.searchKeys.some((k) => /^[a-z]{3}$/.test(k))).toBe(true);
    expect(patient.searchKeys.some((k) => /^[a-z]{5,}$/.test(k))).toBe(true);
  });
});

describe('demo staff', () => {
  const staff = generateStaff({ seed: 'test-clinic', setupDate: '2021-11-22' });

  it('has every role, with Chinese names and pinyin usernames that the login accepts', () => {
    expect(new Set(staff.flatMap((s) => s.roles))).toEqual(new Set(roles));
    for (const member of staff) {
      expect(member.displayName).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      expect(member.username).toMatch(USERNAME_PATTERN);
    }
    expect(new Set(staff.map((s) => s.username)).size).toBe(staff.length);
  });

  it('is the same for the same seed, whatever the number of patients', () => {
    expect(generateStaff({ seed: 'test-clinic', setupDate: '2021-11-22' })).toEqual(staff);
  });
});

describe('seeded random numbers', () => {
  it('repeat for a seed and stay in range', () => {
    const a = createRng(42);
    const b = createRng('42');
    for (let i = 0; i < 1000; i++) {
      const n = a.int(3, 7);
      expect(n).toBe(b.int(3, 7));
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
    }
  });
});
