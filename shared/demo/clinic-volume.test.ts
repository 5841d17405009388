import { describe, expect, it } from 'vitest';
import { clinicVolume, HISTORY_DAYS, MIN_HISTORY_DAYS } from './clinic-volume';

describe('how busy a demo clinic is', () => {
  it('100,000 patients with three visits each see about 160 a day over five years', () => {
    const volume = clinicVolume(100_000, 3);
    expect(volume.historyDays).toBe(HISTORY_DAYS);
    expect(volume.visitsPerPatient).toBe(3);
    expect(Math.round(volume.visitsPerDay)).toBe(164);
  });

  it('a million patients see a few hundred a day, not thousands: fewer visits each', () => {
    const volume = clinicVolume(1_000_000, 3);
    expect(volume.visitsPerDay).toBe(300);
    expect(volume.visitsPerPatient).toBeCloseTo(0.55, 2);
    expect(volume.historyDays).toBe(HISTORY_DAYS);
  });

  it('5,000 patients see a few dozen a day over a shorter history, three visits each', () => {
    expect(clinicVolume(5_000, 3)).toEqual({
      visitsPerDay: 30,
      historyDays: 500,
      visitsPerPatient: 3,
    });
  });

  it('a handful of patients still spread over a month, and no visits leave five years', () => {
    expect(clinicVolume(30, 3)).toEqual({
      visitsPerDay: 3,
      historyDays: MIN_HISTORY_DAYS,
      visitsPerPatient: 3,
    });
    expect(clinicVolume(500, 0).historyDays).toBe(HISTORY_DAYS);
  });
});
