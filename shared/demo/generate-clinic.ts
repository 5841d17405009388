import {
  dayNumber,
  fromDayNumber,
  isCalendarDate,
  type CalendarDate,
} from '../clock/calendar-date';
import { encodeHlc } from '../clock/hlc';
import type { Sex } from '../identity/sex';
import { fen, formatYuan } from '../money';
import { patientDerivedKeys, type InsuredRegion, type Patient } from '../patients/patient';
import type { Provenance } from '../record';
import type { Visit } from '../visits/visit';
import { demoAreas } from './area-codes';
import { chineseName, demoPinyin, foreignName } from './chinese-names';
import { clinicVolume, HISTORY_DAYS } from './clinic-volume';
import {
  cardNumber,
  isForeigner,
  mobileNumber,
  pickAgeBand,
  pickDocumentKind,
  pickNote,
  pickScheme,
} from './clinic-mix';
import { createGb11643Registry, demoDocument, type Gb11643Registry } from './demo-documents';
import { demoId } from './demo-id';
import { generateStaff, type DemoStaffMember } from './generate-staff';
import { createRng, type Rng } from './prng';

/**
 * A past visit as the demo clinic records it: checked in and verified. Exactly the app's own
 * fields: a restore refuses a row with a field its schema does not know.
 */
export type DemoVisit = Visit;

export type ClinicBatch = { patients: Patient[]; visits: DemoVisit[] };

export type GenerateClinicOptions = {
  seed: string | number;
  patients: number;
  /**
   * The last day of the clinic's history ("today" for a demo). Visits cover up to five years
   * before it, fewer for a small clinic: see `clinicVolume`.
   */
  endDate: CalendarDate;
  /**
   * Mean visits per patient (at least one each when 1 or more). Default 3; lower for a store so
   * large that the clinic would otherwise see more than a few hundred visits a day.
   */
  visitsPerPatient?: number;
  /** Patients per batch; each batch carries their visits too. Default 1000. */
  batchSize?: number;
  /**
   * For benches and stress tests: exactly this many visits on the end date instead of an
   * ordinary day's, one per patient at most (so no more than `patients`). Default 0: none.
   */
  busyDay?: number;
};

export const DEMO_DEVICE_ID = 'demo-desk-1';
const DAY_MS = 86_400_000;
/** China Standard Time, UTC+8, no daylight saving since 1991. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAYS_PER_YEAR = 365.2425;

type Area = { code: string; city: string };
type Clinic = {
  rng: Rng;
  registry: Gb11643Registry;
  home: Area;
  homeProvinceAreas: readonly Area[];
  endDay: number;
  /** The first day visits may fall on. */
  firstDay: number;
  frontDesk: DemoStaffMember;
  visitsPerPatient: number;
  patients: number;
  busyDay: number;
  cardOffset: number;
};

/** A time the clinic is open (08:00–17:59 in Beijing) on a day, as epoch milliseconds. */
const clinicTime = (rng: Rng, day: number): number =>
  day * DAY_MS + rng.int(8 * 60, 17 * 60 + 59) * 60_000 - BEIJING_OFFSET_MS;

/** Who made a demo row and when, as the demo clinic's one desk PC would have stamped it. */
export const demoProvenance = (at: number, by: string): Provenance => {
  const iso = new Date(at).toISOString();
  return {
    createdAt: iso,
    createdBy: by,
    updatedAt: iso,
    updatedBy: by,
    deviceId: DEMO_DEVICE_ID,
    hlc: encodeHlc({ wall: at, counter: 0, node: DEMO_DEVICE_ID }),
  };
};

/** How many visits: at least one, then a geometric tail so that the mean is `mean`. */
const visitCount = (rng: Rng, mean: number): number => {
  if (mean < 1) return rng.chance(mean) ? 1 : 0;
  let count = 1;
  const more = (mean - 1) / mean;
  while (count < 60 && rng.chance(more)) count++;
  return count;
};

/** Whether this patient is one of the busy day's: `busyDay` of them, spread evenly. */
const onBusyDay = ({ busyDay, patients }: Clinic, index: number): boolean =>
  Math.floor(((index + 1) * busyDay) / patients) > Math.floor((index * busyDay) / patients);

/**
 * Visit times in order, each on its own day anywhere in the history (after birth): spread evenly,
 * so that the end date is an ordinary day, not the busiest. A busy day keeps the end date for its
 * own visits.
 */
const visitTimes = (clinic: Clinic, birthDay: number, index: number): number[] => {
  const { rng, endDay } = clinic;
  const count = visitCount(rng, clinic.visitsPerPatient);
  const busy = clinic.busyDay > 0;
  const from = Math.max(clinic.firstDay, birthDay);
  const to = busy ? endDay - 1 : endDay;
  // One visit a day at most, as the desk's check-in allows: a day drawn twice is drawn again.
  const days = new Set<number>();
  for (let i = 0; i < count && from <= to; i++) {
    for (let tries = 0; tries < 4; tries++) {
      const day = rng.int(from, to);
      if (days.has(day)) continue;
      days.add(day);
      break;
    }
  }
  const times = [...days].map((day) => clinicTime(rng, day));
  if (busy && onBusyDay(clinic, index)) times.push(clinicTime(rng, endDay));
  return times.sort((a, b) => a - b);
};

/** Who the patient is and how they are insured: everything on the registration form. */
const registration = (clinic: Clinic, index: number) => {
  const { rng, endDay } = clinic;
  const sex: Sex = rng.chance(0.52) ? 'female' : 'male';
  const [minAge, maxAge] = pickAgeBand(rng);
  const age = rng.int(minAge, maxAge);
  const birthDay = Math.min(endDay, endDay - Math.floor((age + rng.next()) * DAYS_PER_YEAR));
  const birthDate = fromDayNumber(birthDay);
  const kind = pickDocumentKind(rng);
  // Most patients were born in the clinic's province; a resident ID carries the birthplace code.
  const birthArea = rng.chance(0.65) ? rng.pick(clinic.homeProvinceAreas) : rng.pick(demoAreas);
  const document = demoDocument(rng, clinic.registry, {
    kind,
    birthDate,
    sex,
    areaCode: birthArea.code,
    clinicProvince: clinic.home.code.slice(0, 2),
  });
  const scheme = pickScheme(rng, kind, age);
  // Insured where they live, mostly; some still in their home town (异地就医).
  const regionArea = kind === 'resident' && rng.chance(0.15) ? birthArea : clinic.home;
  const insuredRegion: InsuredRegion | undefined =
    scheme === 'self-pay'
      ? undefined
      : { province: regionArea.code.slice(0, 2), city: regionArea.city };
  const name = isForeigner(kind) ? foreignName(rng, sex) : chineseName(rng, sex);
  const phone = rng.chance(0.97) ? mobileNumber(rng) : undefined;
  return {
    birthDay,
    form: {
      name,
      sex,
      birthDate,
      ...document,
      phone,
      insuredRegion,
      scheme,
      cardNumber:
        insuredRegion && rng.chance(0.92) ? cardNumber(rng, index, clinic.cardOffset) : undefined,
      priorReimbursements:
        insuredRegion && rng.chance(0.1)
          ? `本年度门诊统筹已报销 ${formatYuan(fen(rng.int(5_000, 300_000)))} 元`
          : undefined,
      notes: pickNote(rng),
      ...patientDerivedKeys({ name, phone, idNumber: document.idNumber }, demoPinyin),
    },
  };
};

const addPatient = (clinic: Clinic, index: number, batch: ClinicBatch): void => {
  const { rng, endDay } = clinic;
  const { birthDay, form } = registration(clinic, index);
  const times = visitTimes(clinic, birthDay, index);
  const firstSeen =
    times[0] ?? clinicTime(rng, rng.int(Math.max(clinic.firstDay, birthDay), endDay));
  // Registered at the desk a few minutes before the first visit.
  const registeredAt = firstSeen - rng.int(2, 15) * 60_000;
  const patient: Patient = {
    id: demoId(rng, registeredAt),
    ...form,
    ...demoProvenance(registeredAt, clinic.frontDesk.id),
  };
  batch.patients.push(patient);
  const insured = patient.scheme !== 'self-pay';
  for (const at of times) {
    batch.visits.push({
      id: demoId(rng, at),
      patientId: patient.id,
      date: fromDayNumber(Math.floor((at + BEIJING_OFFSET_MS) / DAY_MS)),
      checkedInAt: new Date(at).toISOString(),
      checkedInBy: clinic.frontDesk.id,
      status: 'verified',
      ...(insured
        ? { settlement: 'insurance' as const }
        : { settlement: 'self-pay' as const, selfPayCause: 'not-insured' as const }),
      ...demoProvenance(at, clinic.frontDesk.id),
    });
  }
};

/**
 * The day the clinic of these options was set up, five years back whatever its size: its staff
 * (and their ids) stay the same for a seed and an end date.
 */
export const clinicSetupDate = (options: Pick<GenerateClinicOptions, 'endDate'>): CalendarDate =>
  fromDayNumber(dayNumber(options.endDate) - HISTORY_DAYS);

/** The staff the clinic of these options was set up with: the ids its visits name. */
export const clinicStaff = (options: Pick<GenerateClinicOptions, 'seed' | 'endDate'>) =>
  generateStaff({ seed: options.seed, setupDate: clinicSetupDate(options) });

const openClinic = (options: Required<GenerateClinicOptions>): Clinic => {
  const rng = createRng(options.seed);
  const endDay = dayNumber(options.endDate);
  const volume = clinicVolume(options.patients, options.visitsPerPatient);
  const staff = clinicStaff(options);
  const home = rng.pick(demoAreas);
  return {
    rng,
    registry: createGb11643Registry(rng),
    home,
    homeProvinceAreas: demoAreas.filter((a) => a.code.slice(0, 2) === home.code.slice(0, 2)),
    endDay,
    firstDay: endDay - volume.historyDays + 1,
    frontDesk: staff.find((s) => s.roles.includes('front-desk'))!,
    visitsPerPatient: volume.visitsPerPatient,
    patients: options.patients,
    busyDay: options.busyDay,
    cardOffset: rng.int(0, 99_999_999),
  };
};

/**
 * A realistic clinic from a seed, in batches, so that a million patients stream to disk without
 * being held in memory. The same options always give the same clinic, byte for byte. Staff ids
 * in `createdBy` are those of `generateStaff` with the same seed.
 */
export function* generateClinic(
  options: GenerateClinicOptions,
): Generator<ClinicBatch, void, undefined> {
  const full = { visitsPerPatient: 3, batchSize: 1000, busyDay: 0, ...options };
  if (!Number.isSafeInteger(full.patients) || full.patients < 0) {
    throw new RangeError('patients must be a whole number');
  }
  if (!isCalendarDate(full.endDate)) throw new RangeError(`not a calendar date: ${full.endDate}`);
  if (!(full.visitsPerPatient >= 0)) throw new RangeError('visitsPerPatient must not be negative');
  if (!Number.isSafeInteger(full.busyDay) || full.busyDay < 0 || full.busyDay > full.patients) {
    throw new RangeError('busyDay must be a whole number no larger than patients (one visit each)');
  }
  const clinic = openClinic(full);
  let batch: ClinicBatch = { patients: [], visits: [] };
  for (let index = 0; index < full.patients; index++) {
    addPatient(clinic, index, batch);
    if (batch.patients.length >= full.batchSize) {
      yield batch;
      batch = { patients: [], visits: [] };
    }
  }
  if (batch.patients.length > 0) yield batch;
}
