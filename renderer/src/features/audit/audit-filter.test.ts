import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { deviceTail, toAuditFilter } from './audit-filter';

describe('audit filter', () => {
  it('an empty filter bar asks for everything', () => {
    expect(toAuditFilter({})).toEqual({});
    expect(toAuditFilter({ actorId: null, days: null, entity: null, action: null })).toEqual({});
  });

  it('picking 20–22 November covers the whole of those clinic days, inclusive', () => {
    const filter = toAuditFilter({ days: [dayjs('2026-11-20'), dayjs('2026-11-22')] });
    expect(filter).toEqual({ from: '2026-11-19T16:00:00.000Z', to: '2026-11-22T15:59:59.999Z' });
  });

  it('a single picked day is that one clinic day', () => {
    const filter = toAuditFilter({ days: [dayjs('2026-11-22'), dayjs('2026-11-22')] });
    expect(filter).toEqual({ from: '2026-11-21T16:00:00.000Z', to: '2026-11-22T15:59:59.999Z' });
  });

  it('the picked day is the clinic’s day even when this PC’s clock is set to another zone', () => {
    // dayjs prints the calendar day that was picked; the clinic zone alone decides the instants.
    const filter = toAuditFilter({ days: [dayjs('2026-11-22T23:30'), dayjs('2026-11-22T00:10')] });
    expect(filter.from).toBe('2026-11-21T16:00:00.000Z');
    expect(filter.to).toBe('2026-11-22T15:59:59.999Z');
  });

  it('person, object and action pass through; an open-ended range keeps its open end', () => {
    const filter = toAuditFilter({
      actorId: 'staff-1',
      entity: 'staff',
      action: 'deactivate',
      days: [dayjs('2026-11-22'), null],
    });
    expect(filter).toEqual({
      actorId: 'staff-1',
      entity: 'staff',
      action: 'deactivate',
      from: '2026-11-21T16:00:00.000Z',
    });
  });

  it('names a device by the last six characters of its id', () => {
    expect(deviceTail('019a8f3c-1b2d-7e4f-9a0b-1c2d3e4f5a6b')).toBe('4f5a6b');
    expect(deviceTail('desk-1')).toBe('desk-1');
  });
});
