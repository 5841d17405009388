import { describe, expect, it } from 'vitest';
import { deadlinesFor, DEFAULT_POLICY, type Complaint } from './complaint';
import type { ComplaintEvent, ComplaintEventFacts } from './complaint-event';
import { complaintReport, type Consultation } from './report';

const provenance = {
  createdAt: '2026-11-01T00:00:00.000Z',
  createdBy: 's1',
  updatedAt: '2026-11-01T00:00:00.000Z',
  updatedBy: 's1',
  deviceId: 'd1',
  hlc: '0',
};

const complaint = (
  id: string,
  receivedAt: string,
  extra: Partial<Pick<Complaint, 'channel' | 'category' | 'severity' | 'complainant'>> = {},
): Complaint => ({
  id,
  receivedAt,
  channel: 'phone',
  category: 'waiting',
  severity: 'ordinary',
  complainant: { kind: 'named', name: '张女士', relation: 'self' },
  description: '候诊太久',
  receivedBy: 's1',
  policy: DEFAULT_POLICY,
  ...deadlinesFor(receivedAt, extra.severity ?? 'ordinary', DEFAULT_POLICY),
  ...provenance,
  ...extra,
});

let seq = 0;
const event = (complaintId: string, at: string, facts: ComplaintEventFacts): ComplaintEvent => ({
  id: `e${String(++seq).padStart(4, '0')}`,
  complaintId,
  at: new Date(at).toISOString(),
  by: 's1',
  facts,
  ...provenance,
});
const contacted = (id: string, at: string) =>
  event(id, at, { kind: 'contacted', how: 'phone', contactedAt: at });
const resolved = (id: string, at: string) => event(id, at, { kind: 'resolved', text: '已处理' });
const closed = (id: string, at: string, cause = '排班不足', measure = '高峰加开窗口') =>
  event(id, at, { kind: 'closed', feedback: '认可', satisfaction: 'satisfied', cause, measure });
const reopened = (id: string, at: string) => event(id, at, { kind: 'reopened', reason: '不满意' });

/** Contacted, resolved and closed at `closeAt`. */
const handled = (id: string, contactAt: string, closeAt: string) => [
  contacted(id, contactAt),
  resolved(id, closeAt),
  closed(id, closeAt),
];

const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };
const LATER = Date.parse('2027-01-15T12:00:00+08:00');

const report = (
  complaints: Complaint[],
  events: ComplaintEvent[],
  options: {
    range?: { from: string; to: string };
    now?: number;
    consultations?: Consultation[];
  } = {},
) =>
  complaintReport({
    complaints,
    events,
    consultations: options.consultations ?? [],
    range: options.range ?? NOVEMBER,
    now: options.now ?? LATER,
  });

// Received Wednesday 2026-11-25 10:00: resolution (3 working days) due at the end of Mon 11-30.
const RECEIVED = '2026-11-25T10:00:00+08:00';

describe('the complaints report', () => {
  it('says nothing was received, with no rate and no medians, for an empty range', () => {
    const r = report([], []);
    expect(r.received).toBe(0);
    expect(r.handlingRate).toBeNull();
    expect(r.medianHoursToFirstContact).toBeNull();
    expect(r.medianHoursToResolution).toBeNull();
    expect(r.open).toEqual([]);
    expect(r.causes).toEqual([]);
    expect(Object.values(r.byChannel).every((n) => n === 0)).toBe(true);
    expect(r.consultations).toEqual({ count: 0, byTopic: [] });
  });

  it('counts a closing at the last millisecond of the due day as within the deadline', () => {
    const c = complaint('c1', RECEIVED);
    expect(c.resolutionDue).toBe('2026-11-30');
    const r = report(
      [c],
      handled('c1', '2026-11-25T15:00:00+08:00', '2026-11-30T23:59:59.999+08:00'),
    );
    expect(r.closedWithinDeadline).toBe(1);
    expect(r.handlingRate).toBe(1);
    expect(r.rows[0]).toMatchObject({ state: 'closed', deadline: 'met' });
    expect(r.medianHoursToFirstContact).toBe(5);
  });

  it('counts a closing on the next day as closed, but not within the deadline', () => {
    const c = complaint('c1', RECEIVED);
    const events = handled('c1', '2026-11-25T15:00:00+08:00', '2026-12-01T00:00:00+08:00');
    // November alone: at its end the complaint was still open.
    expect(report([c], events)).toMatchObject({ closed: 0, open: [{ id: 'c1' }] });
    const r = report([c], events, { range: { from: '2026-11-01', to: '2026-12-31' } });
    expect(r.closed).toBe(1);
    expect(r.closedWithinDeadline).toBe(0);
    expect(r.handlingRate).toBe(0);
    expect(r.rows[0]).toMatchObject({ deadline: 'missed' });
    expect(r.medianHoursToResolution).toBe(24 * 5 + 14);
  });

  it('counts a complaint reopened and closed again after the range by the closing that stood at its end', () => {
    const c = complaint('c1', RECEIVED);
    const events = [
      ...handled('c1', '2026-11-25T11:00:00+08:00', '2026-11-27T10:00:00+08:00'),
      reopened('c1', '2026-12-02T09:00:00+08:00'),
      resolved('c1', '2026-12-03T09:00:00+08:00'),
      closed('c1', '2026-12-03T10:00:00+08:00', '解释不充分', '复诊电话回访'),
    ];
    const r = report([c], events);
    // At the end of November it was closed, by the closing of the 27th, within its deadline.
    expect(r.closed).toBe(1);
    expect(r.closedWithinDeadline).toBe(1);
    expect(r.rows[0]).toMatchObject({
      state: 'closed',
      closedAt: new Date('2026-11-27T10:00:00+08:00').toISOString(),
      deadline: 'met',
    });
    expect(r.medianHoursToResolution).toBe(48);
    expect(r.open).toEqual([]);
    expect(r.causes).toEqual([expect.objectContaining({ id: 'c1' })]);
    expect(r.causes[0]!.cause).not.toBe('解释不充分');
    // A report over November and December: the later closing stands, after the deadline.
    const both = report([c], events, { range: { from: '2026-11-01', to: '2026-12-31' } });
    expect(both.rows[0]).toMatchObject({ state: 'closed', deadline: 'missed' });
    expect(both.closedWithinDeadline).toBe(0);
    expect(both.causes).toEqual([
      expect.objectContaining({ id: 'c1', cause: '解释不充分', measure: '复诊电话回访' }),
    ]);
  });

  it('counts a complaint reopened and not yet closed again as open, never as closed too', () => {
    const complaints = [complaint('c1', RECEIVED), complaint('c2', RECEIVED)];
    const events = [
      ...handled('c1', '2026-11-25T11:00:00+08:00', '2026-11-26T10:00:00+08:00'),
      reopened('c1', '2026-11-26T15:00:00+08:00'),
    ];
    const r = report(complaints, events, { now: Date.parse('2026-11-27T09:00:00+08:00') });
    expect(r.received).toBe(2);
    expect(r.closed).toBe(0);
    expect(r.closedWithinDeadline).toBe(0);
    expect(r.open.map((o) => o.id).sort()).toEqual(['c1', 'c2']);
    expect(r.causes).toEqual([]);
    expect(r.rows.map((row) => [row.id, row.state, row.closedAt, row.deadline])).toEqual([
      ['c1', 'contacted', undefined, 'pending'],
      ['c2', 'open', undefined, 'pending'],
    ]);
  });

  it('lists a complaint reopened within the range as open and overdue at its end', () => {
    const c = complaint('c1', '2026-11-02T09:00:00+08:00'); // due 2026-11-05
    const events = [
      ...handled('c1', '2026-11-02T10:00:00+08:00', '2026-11-04T10:00:00+08:00'),
      reopened('c1', '2026-11-10T09:00:00+08:00'),
    ];
    const r = report([c], events);
    expect(r.open).toEqual([
      expect.objectContaining({ id: 'c1', state: 'contacted', overdue: true }),
    ]);
    expect(r.overdue).toBe(1);
    expect(r.closed).toBe(0);
    expect(r.handlingRate).toBe(0);
    expect(r.rows[0]).toMatchObject({ state: 'contacted', deadline: 'missed' });
    expect(r.causes).toEqual([]);
  });

  it('splits the range at midnight Beijing time', () => {
    const october = complaint('c-oct', '2026-10-31T23:30:00+08:00', { channel: 'email' });
    const november = complaint('c-nov', '2026-11-01T00:10:00+08:00', { category: 'privacy' });
    const nov = report([october, november], []);
    expect(nov.rows.map((r) => r.id)).toEqual(['c-nov']);
    expect(nov.byChannel).toMatchObject({ phone: 1, email: 0 });
    expect(nov.byCategory).toMatchObject({ privacy: 1, waiting: 0 });
    const oct = report([october, november], [], {
      range: { from: '2026-10-01', to: '2026-10-31' },
    });
    expect(oct.rows.map((r) => r.id)).toEqual(['c-oct']);
    // The October one, never contacted, is still open and overdue at the end of November.
    expect(nov.open.map((o) => [o.id, o.overdue])).toEqual([
      ['c-oct', true],
      ['c-nov', true],
    ]);
    // At the end of October the November one had not yet been received.
    expect(oct.open.map((o) => o.id)).toEqual(['c-oct']);
  });

  it('shows the open list at now when the range ends in the future', () => {
    const c = complaint('c1', RECEIVED);
    const now = Date.parse('2026-11-25T12:00:00+08:00');
    const r = report([c], [], { now });
    expect(r.asOf).toBe(now);
    expect(r.open).toEqual([expect.objectContaining({ id: 'c1', state: 'open', overdue: false })]);
    // The next day after 10:00, the first contact is late.
    const late = report([c], [], { now: Date.parse('2026-11-26T10:01:00+08:00') });
    expect(late.overdue).toBe(1);
    // An anonymous complaint has nobody to contact: not overdue for it.
    const note = complaint('c2', RECEIVED, { complainant: { kind: 'anonymous' } });
    expect(report([note], [], { now: Date.parse('2026-11-26T10:01:00+08:00') }).overdue).toBe(0);
  });

  it('marks an anonymous complaint in the rows and the open list', () => {
    const named = complaint('c1', RECEIVED);
    const note = complaint('c2', RECEIVED, { complainant: { kind: 'anonymous' } });
    const r = report([named, note], [], { now: Date.parse('2026-11-26T12:00:00+08:00') });
    expect(r.rows.map((row) => [row.id, row.anonymous])).toEqual([
      ['c1', false],
      ['c2', true],
    ]);
    expect(Object.fromEntries(r.open.map((item) => [item.id, item.anonymous]))).toEqual({
      c1: false,
      c2: true,
    });
  });

  it('takes medians over the complaints that have them', () => {
    const complaints = ['a', 'b', 'c'].map((id) => complaint(id, RECEIVED));
    const events = [
      contacted('a', '2026-11-25T11:00:00+08:00'),
      contacted('b', '2026-11-25T13:00:00+08:00'),
    ];
    const r = report(complaints, events);
    expect(r.medianHoursToFirstContact).toBe(2);
    expect(r.medianHoursToResolution).toBeNull();
    expect(r.handlingRate).toBe(0);
  });

  it('counts the consultations in range, per topic', () => {
    const consultations = [
      { at: '2026-10-31T23:59:00+08:00', topic: '报销比例' },
      { at: '2026-11-01T00:00:00+08:00', topic: '报销比例' },
      { at: '2026-11-15T09:00:00+08:00', topic: '自费项目' },
      { at: '2026-11-30T23:59:59+08:00', topic: '报销比例' },
      { at: '2026-12-01T00:00:00+08:00', topic: '自费项目' },
    ];
    const r = report([], [], { consultations });
    expect(r.consultations).toEqual({
      count: 3,
      byTopic: [
        { topic: '报销比例', count: 2 },
        { topic: '自费项目', count: 1 },
      ],
    });
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => report([], [], { range: { from: '2026-11-02', to: '2026-11-01' } })).toThrow(
      RangeError,
    );
  });
});
