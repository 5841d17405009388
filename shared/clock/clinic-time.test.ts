import { describe, expect, it } from 'vitest';
import { endOfClinicDay, formatClinicTime, startOfClinicDay } from './clinic-time';

const iso = (epochMs: number) => new Date(epochMs).toISOString();

describe('clinic days and times', () => {
  it('a day in a Shanghai clinic begins at 16:00 UTC the evening before and ends a millisecond before the next', () => {
    expect(iso(startOfClinicDay('2026-11-22'))).toBe('2026-11-21T16:00:00.000Z');
    expect(iso(endOfClinicDay('2026-11-22'))).toBe('2026-11-22T15:59:59.999Z');
  });

  it('New Year’s Eve ends in the old year on the clinic wall clock', () => {
    expect(iso(endOfClinicDay('2026-12-31'))).toBe('2026-12-31T15:59:59.999Z');
    expect(formatClinicTime('2026-12-31T15:59:59.999Z')).toBe('2026-12-31 23:59:59');
    expect(formatClinicTime('2026-12-31T16:00:00.000Z')).toBe('2027-01-01 00:00:00');
  });

  it('shows an event at the clinic’s wall-clock time, midnight as 00 not 24', () => {
    expect(formatClinicTime('2026-11-22T01:02:03.456Z')).toBe('2026-11-22 09:02:03');
    expect(formatClinicTime('2026-11-21T16:00:00.000Z')).toBe('2026-11-22 00:00:00');
  });

  it('a day with a daylight-saving change is 23 hours long where the zone has one', () => {
    const start = startOfClinicDay('2026-03-08', 'America/New_York');
    const end = endOfClinicDay('2026-03-08', 'America/New_York');
    expect(iso(start)).toBe('2026-03-08T05:00:00.000Z');
    expect(iso(end)).toBe('2026-03-09T03:59:59.999Z');
    expect(end + 1 - start).toBe(23 * 3_600_000);
  });
});
