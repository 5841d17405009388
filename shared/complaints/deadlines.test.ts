import { describe, expect, it } from 'vitest';
import { workingCalendar } from '../calendar/working-days';
import { firstContactDue, resolveDueDate } from './deadlines';

describe('complaint deadlines', () => {
  it('resolves within N working days counted from the day after receipt', () => {
    expect(resolveDueDate('2026-11-25T16:30:00+08:00', 3)).toBe('2026-11-30'); // Wed → Mon
    expect(resolveDueDate('2026-11-27T09:00:00+08:00', 3)).toBe('2026-12-02'); // Fri → Wed
    expect(resolveDueDate('2026-11-27T09:00:00+08:00', 7)).toBe('2026-12-08');
    expect(resolveDueDate('2026-11-28T11:00:00+08:00', 2)).toBe('2026-12-01'); // on a Saturday
  });

  it('skips the Spring Festival and National Day holidays and counts the worked weekends', () => {
    expect(resolveDueDate('2026-02-12T10:00:00+08:00', 3)).toBe('2026-02-24');
    expect(resolveDueDate('2026-02-13T10:00:00+08:00', 2)).toBe('2026-02-24'); // the worked Saturday, then after 春节
    expect(resolveDueDate('2026-09-30T10:00:00+08:00', 3)).toBe('2026-10-10');
    expect(resolveDueDate('2026-09-30T10:00:00+08:00', 7)).toBe('2026-10-15');
    expect(resolveDueDate('2025-09-30T10:00:00+08:00', 5)).toBe('2025-10-14');
  });

  it("places receipt on Beijing's calendar whatever zone the PC or the text is in", () => {
    // 04:00 in Beijing on Monday is still Sunday in UTC: the count starts after Monday.
    expect(resolveDueDate('2026-11-22T20:00:00Z', 1)).toBe('2026-11-24');
    expect(resolveDueDate('2026-11-23T04:00:00+08:00', 1)).toBe('2026-11-24');
    // 23:30 Friday in Beijing is Friday afternoon in UTC.
    expect(resolveDueDate('2026-11-27T15:30:00Z', 1)).toBe('2026-11-30');
    expect(resolveDueDate('2026-11-27T23:59:59.999+08:00', 1)).toBe('2026-11-30');
    expect(resolveDueDate('2026-11-28T00:00:00+08:00', 1)).toBe('2026-11-30');
  });

  it('counts on the clinic calendar when given one (next year published in Settings)', () => {
    const calendar = workingCalendar([{ date: '2027-01-01', kind: 'holiday', name: '元旦' }]);
    expect(resolveDueDate('2026-12-31T10:00:00+08:00', 1)).toBe('2027-01-01');
    expect(resolveDueDate('2026-12-31T10:00:00+08:00', 1, calendar)).toBe('2027-01-04');
  });

  it('refuses a time without its offset, a non-time and a policy of zero or negative days', () => {
    expect(() => resolveDueDate('2026-11-25T10:00:00', 3)).toThrow(RangeError);
    expect(() => resolveDueDate('2026-11-25', 3)).toThrow(RangeError);
    expect(() => resolveDueDate('2026-02-30T10:00:00+08:00', 3)).toThrow(RangeError);
    expect(() => resolveDueDate('2026-11-25T24:30:00+08:00', 3)).toThrow(RangeError);
    expect(() => resolveDueDate('2026-11-25T10:00:00+08:00', 0)).toThrow(RangeError);
    expect(() => resolveDueDate('2026-11-25T10:00:00+08:00', -2)).toThrow(RangeError);
    expect(() => resolveDueDate('2026-11-25T10:00:00+08:00', 2.5)).toThrow(RangeError);
  });

  it('wants first contact within 24 hours, on the clinic clock', () => {
    expect(firstContactDue('2026-11-25T16:30:00+08:00')).toBe('2026-11-26T16:30:00+08:00');
    expect(firstContactDue('2026-11-25T20:00:00Z')).toBe('2026-11-27T04:00:00+08:00');
    expect(firstContactDue('2026-02-16T09:15:30.250+08:00')).toBe('2026-02-17T09:15:30.250+08:00');
    expect(Date.parse(firstContactDue('2026-11-25T16:30:00+08:00'))).toBe(
      Date.parse('2026-11-25T16:30:00+08:00') + 24 * 3600_000,
    );
    expect(() => firstContactDue('yesterday')).toThrow(RangeError);
  });
});
