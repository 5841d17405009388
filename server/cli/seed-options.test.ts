import { describe, expect, it } from 'vitest';
import { manualClock } from '../../shared/clock/clock';
import { parseSeedOptions } from './seed-options';

// 2026-11-22 10:00 in Beijing.
const clock = manualClock('2026-11-22T02:00:00Z');

describe('seed command options', () => {
  it('fills in the defaults: seed "clinicdesk", end date today in the clinic, three visits each, an ordinary last day', () => {
    expect(parseSeedOptions({ patients: '200', out: 'clinic.ndjson' }, clock)).toEqual({
      ok: true,
      options: {
        patients: 200,
        seed: 'clinicdesk',
        endDate: '2026-11-22',
        visitsPerPatient: 3,
        busyDay: 0,
        out: 'clinic.ndjson',
        format: 'ndjson',
        force: false,
      },
    });
  });

  it('accepts 100_000 written with an underscore, and every explicit option', () => {
    expect(
      parseSeedOptions(
        {
          patients: '100_000',
          seed: 'demo',
          endDate: '2025-12-31',
          visitsPerPatient: '1.5',
          out: 'x',
          force: true,
        },
        clock,
      ),
    ).toMatchObject({
      ok: true,
      options: { patients: 100_000, endDate: '2025-12-31', visitsPerPatient: 1.5, force: true },
    });
  });

  it('explains a wrong patient count in Chinese, then English', () => {
    for (const patients of ['0', '1000001', '12.5', '-3', 'many', undefined]) {
      expect(parseSeedOptions({ patients, out: 'x' }, clock)).toEqual({
        ok: false,
        errors: [
          {
            zh: '患者数量必须是 1 到 1000000 之间的整数',
            en: '--patients must be an integer from 1 to 1,000,000',
          },
        ],
      });
    }
  });

  it('refuses an end date that is not on the calendar or is after today', () => {
    expect(
      parseSeedOptions({ patients: '1', out: 'x', endDate: '2026-02-30' }, clock),
    ).toMatchObject({
      ok: false,
      errors: [{ en: '--end-date must be a real date written YYYY-MM-DD' }],
    });
    expect(
      parseSeedOptions({ patients: '1', out: 'x', endDate: '2026-11-23' }, clock),
    ).toMatchObject({
      ok: false,
      errors: [{ zh: '结束日期不能晚于今天（2026-11-22）' }],
    });
  });

  it('a busy day for benches: 1,200 visits on the last day, never more than one per patient', () => {
    expect(
      parseSeedOptions({ patients: '20000', busyDay: '1_200', out: 'x' }, clock),
    ).toMatchObject({ ok: true, options: { patients: 20_000, busyDay: 1200 } });
    const tooMany = parseSeedOptions({ patients: '100', busyDay: '101', out: 'x' }, clock);
    expect(tooMany.ok === false && tooMany.errors).toEqual([
      {
        zh: '繁忙日的就诊数不能多于患者数量（每位患者一天最多就诊一次）',
        en: '--busy-day cannot exceed --patients: a patient comes once a day at most',
      },
    ]);
    const notANumber = parseSeedOptions({ patients: '100', busyDay: 'lots', out: 'x' }, clock);
    expect(notANumber.ok === false && notANumber.errors.map((e) => e.en)).toEqual([
      '--busy-day must be a whole number from 0 to the number of patients',
    ]);
  });

  it('reports every problem at once', () => {
    const result = parseSeedOptions({ patients: 'x', seed: '', visitsPerPatient: '50' }, clock);
    expect(result.ok === false && result.errors.map((e) => e.en)).toEqual([
      '--patients must be an integer from 1 to 1,000,000',
      '--seed must be 1 to 64 characters',
      '--visits-per-patient must be a number from 0 to 20',
      '--out FILE (NDJSON) or --backup FILE is required',
    ]);
  });

  it('writes a backup instead with --backup, and takes --passphrase-file only with it', () => {
    expect(
      parseSeedOptions({ patients: '5', backup: 'demo.cdbackup', passphraseFile: 'p.txt' }, clock),
    ).toMatchObject({
      ok: true,
      options: { out: 'demo.cdbackup', format: 'backup', passphraseFile: 'p.txt' },
    });
    const both = parseSeedOptions({ patients: '5', backup: 'a', out: 'b' }, clock);
    expect(both.ok === false && both.errors.map((e) => e.en)).toEqual([
      'use either --out or --backup, not both',
    ]);
    const stray = parseSeedOptions({ patients: '5', out: 'b', passphraseFile: 'p' }, clock);
    expect(stray.ok === false && stray.errors.map((e) => e.en)).toEqual([
      '--passphrase-file goes with --backup only',
    ]);
  });
});
