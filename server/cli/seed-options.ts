import { isCalendarDate, today, type CalendarDate } from '../../shared/clock/calendar-date';
import type { Clock } from '../../shared/clock/clock';
import type { CliMessage } from './cli-message';

/** What commander hands over: every value still the text the user typed. */
export type RawSeedOptions = {
  patients?: string;
  seed?: string;
  endDate?: string;
  visitsPerPatient?: string;
  busyDay?: string;
  out?: string;
  backup?: string;
  passphraseFile?: string;
  force?: boolean;
};

export type SeedOptions = {
  patients: number;
  seed: string;
  endDate: CalendarDate;
  visitsPerPatient: number;
  /** For benches: this many visits on the end date instead of an ordinary day's; 0 for none. */
  busyDay: number;
  /** The file to write: NDJSON, or an encrypted backup when `format` is 'backup'. */
  out: string;
  format: 'ndjson' | 'backup';
  /** For a backup: where the passphrase is; asked for on the terminal when absent. */
  passphraseFile?: string;
  force: boolean;
};

export const MAX_PATIENTS = 1_000_000;
export const DEFAULT_SEED = 'clinicdesk';
export const DEFAULT_VISITS_PER_PATIENT = 3;

const WHOLE_NUMBER = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

/**
 * Checks the `seed` command line and reports every problem at once, so that a clinic's IT person
 * fixes the command in one go. The end date defaults to today in the clinic, from the clock given.
 */
export const parseSeedOptions = (
  raw: RawSeedOptions,
  clock: Clock,
): { ok: true; options: SeedOptions } | { ok: false; errors: CliMessage[] } => {
  const errors: CliMessage[] = [];
  const todayDate = today(clock);

  const patientsText = raw.patients?.trim().replaceAll('_', '');
  const patients = patientsText && WHOLE_NUMBER.test(patientsText) ? Number(patientsText) : NaN;
  if (!(patients >= 1 && patients <= MAX_PATIENTS)) {
    errors.push({
      zh: `患者数量必须是 1 到 ${MAX_PATIENTS} 之间的整数`,
      en: `--patients must be an integer from 1 to ${MAX_PATIENTS.toLocaleString('en-US')}`,
    });
  }

  const seed = raw.seed ?? DEFAULT_SEED;
  if (seed.trim() === '' || seed.length > 64) {
    errors.push({ zh: '随机种子须为 1 到 64 个字符', en: '--seed must be 1 to 64 characters' });
  }

  const endDate = raw.endDate?.trim() ?? todayDate;
  if (!isCalendarDate(endDate)) {
    errors.push({
      zh: '结束日期须为有效日期，格式 YYYY-MM-DD',
      en: '--end-date must be a real date written YYYY-MM-DD',
    });
  } else if (endDate > todayDate) {
    errors.push({
      zh: `结束日期不能晚于今天（${todayDate}）`,
      en: `--end-date cannot be after today (${todayDate})`,
    });
  } else if (endDate < '2000-01-01') {
    errors.push({
      zh: '结束日期不能早于 2000-01-01',
      en: '--end-date cannot be before 2000-01-01',
    });
  }

  const visitsText = raw.visitsPerPatient?.trim();
  const visitsPerPatient =
    visitsText === undefined
      ? DEFAULT_VISITS_PER_PATIENT
      : DECIMAL.test(visitsText)
        ? Number(visitsText)
        : NaN;
  if (!(visitsPerPatient >= 0 && visitsPerPatient <= 20)) {
    errors.push({
      zh: '每位患者的平均就诊次数须在 0 到 20 之间',
      en: '--visits-per-patient must be a number from 0 to 20',
    });
  }

  const busyText = raw.busyDay?.trim().replaceAll('_', '');
  const busyDay = busyText === undefined ? 0 : WHOLE_NUMBER.test(busyText) ? Number(busyText) : NaN;
  if (!(busyDay >= 0 && busyDay <= MAX_PATIENTS)) {
    errors.push({
      zh: '繁忙日的就诊数须为 0 到患者数量之间的整数',
      en: '--busy-day must be a whole number from 0 to the number of patients',
    });
  } else if (busyDay > patients) {
    errors.push({
      zh: '繁忙日的就诊数不能多于患者数量（每位患者一天最多就诊一次）',
      en: '--busy-day cannot exceed --patients: a patient comes once a day at most',
    });
  }

  const ndjson = raw.out?.trim() ?? '';
  const backup = raw.backup?.trim() ?? '';
  if (ndjson === '' && backup === '')
    errors.push({
      zh: '请用 --out 指定 NDJSON 输出文件，或用 --backup 指定备份文件',
      en: '--out FILE (NDJSON) or --backup FILE is required',
    });
  if (ndjson !== '' && backup !== '')
    errors.push({
      zh: '--out 和 --backup 只能选一个',
      en: 'use either --out or --backup, not both',
    });
  if (raw.passphraseFile !== undefined && backup === '')
    errors.push({
      zh: '--passphrase-file 只用于 --backup',
      en: '--passphrase-file goes with --backup only',
    });

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    options: {
      patients,
      seed,
      endDate,
      visitsPerPatient,
      busyDay,
      out: backup || ndjson,
      format: backup ? 'backup' : 'ndjson',
      ...(raw.passphraseFile ? { passphraseFile: raw.passphraseFile } : {}),
      force: raw.force === true,
    },
  };
};
