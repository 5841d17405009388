import { describe, expect, it } from 'vitest';
import { manualClock } from '../clock/clock';
import { deadlinesFor, DEFAULT_POLICY } from './complaint';
import { complaintNotices, notifiedStateSchema, type NotifiedState } from './notify';
import { complaintUrgency } from './urgency';

// Received Wednesday 2026-11-25 10:00 in Beijing: first contact due Thursday 10:00, resolution
// (3 working days, ordinary) due at the end of Monday 2026-11-30.
const RECEIVED = '2026-11-25T10:00:00+08:00';
const complaint = {
  id: 'c1',
  category: 'waiting' as const,
  ...deadlinesFor(RECEIVED, 'ordinary', DEFAULT_POLICY),
};

type State = 'open' | 'contacted' | 'closed';
const HOUR = 3600_000;

/** One device's notifier: remembers what it told, as the app does between runs. */
const device = () => {
  let told: NotifiedState = {};
  return (now: number, state: State = 'open') => {
    const urgency = complaintUrgency(
      complaint,
      { state, firstContactAt: state === 'open' ? undefined : '2026-11-25T03:00:00.000Z' },
      now,
    );
    const { notify, next } = complaintNotices([{ complaint, urgency }], told);
    told = notifiedStateSchema.parse(JSON.parse(JSON.stringify(next)));
    return notify.map((n) => `${n.level}:${n.deadline}`);
  };
};

describe('which complaints to notify about', () => {
  it('tells once when the first contact becomes due soon, once when it is overdue', () => {
    const clock = manualClock('2026-11-25T12:00:00+08:00');
    const tick = device();
    expect(tick(clock.now())).toEqual([]);
    clock.set('2026-11-26T06:30:00+08:00'); // 3.5 h before the first contact is due
    expect(tick(clock.now())).toEqual(['due-soon:first-contact']);
    clock.advance(HOUR);
    expect(tick(clock.now())).toEqual([]);
    clock.set('2026-11-26T10:01:00+08:00');
    expect(tick(clock.now())).toEqual(['overdue:first-contact']);
    for (let i = 0; i < 5; i++) {
      clock.advance(HOUR / 2);
      expect(tick(clock.now())).toEqual([]);
    }
  });

  it('tells the resolution deadline on its own once the complainant was reached', () => {
    const clock = manualClock('2026-11-26T06:30:00+08:00');
    const tick = device();
    expect(tick(clock.now())).toEqual(['due-soon:first-contact']);
    clock.set('2026-11-27T09:00:00+08:00');
    expect(tick(clock.now(), 'contacted')).toEqual([]);
    clock.set('2026-11-30T09:00:00+08:00'); // Monday, the last working day
    expect(tick(clock.now(), 'contacted')).toEqual(['due-soon:resolution']);
    expect(tick(clock.now(), 'contacted')).toEqual([]);
    clock.set('2026-12-01T00:00:01+08:00');
    expect(tick(clock.now(), 'contacted')).toEqual(['overdue:resolution']);
    expect(tick(clock.now() + HOUR, 'contacted')).toEqual([]);
  });

  it('tells nothing about a closed complaint, even overdue', () => {
    const tick = device();
    expect(tick(Date.parse('2026-12-02T09:00:00+08:00'), 'closed')).toEqual([]);
  });

  it('tells a complaint that went overdue while the PC was off once, as overdue', () => {
    const clock = manualClock('2026-11-25T12:00:00+08:00');
    const tick = device();
    expect(tick(clock.now())).toEqual([]);
    clock.set('2026-11-26T15:00:00+08:00'); // switched on the next afternoon
    expect(tick(clock.now())).toEqual(['overdue:first-contact']);
    expect(tick(clock.now())).toEqual([]);
  });

  it('does not tell "due soon" again when the clock is set back after "overdue"', () => {
    const tick = device();
    expect(tick(Date.parse('2026-11-26T11:00:00+08:00'))).toEqual(['overdue:first-contact']);
    expect(tick(Date.parse('2026-11-26T07:00:00+08:00'))).toEqual([]);
  });

  it('forgets complaints closed or gone, so the remembered state stays small', () => {
    const urgency = complaintUrgency(
      complaint,
      { state: 'closed' },
      Date.parse('2026-12-02T09:00:00+08:00'),
    );
    const { next } = complaintNotices([{ complaint, urgency }], {
      c1: ['overdue:first-contact'],
      gone: ['due-soon:resolution'],
    });
    expect(next).toEqual({});
  });

  it('refuses a remembered state that is not one', () => {
    expect(notifiedStateSchema.safeParse({ c1: ['later'] }).success).toBe(false);
  });
});
