import { describe, expect, it } from 'vitest';
import {
  allowedEvents,
  deriveComplaint,
  type ComplaintEvent,
  type ComplaintEventFacts,
} from './complaint-event';
import { complaintInputSchema, deadlinesFor, DEFAULT_POLICY, REPLY_POLICY } from './complaint';
import { byUrgency, complaintUrgency } from './urgency';

const provenance = {
  createdAt: '2026-11-22T01:00:00.000Z',
  createdBy: 'desk',
  updatedAt: '2026-11-22T01:00:00.000Z',
  updatedBy: 'desk',
  deviceId: 'desk-1',
  hlc: 'h',
};
let n = 0;
const event = (at: string, facts: ComplaintEventFacts, id = `e${++n}`): ComplaintEvent =>
  ({ id, complaintId: 'c1', at, by: 'officer', facts, ...provenance }) as ComplaintEvent;
const stamped = (e: ComplaintEvent, hlc: string): ComplaintEvent => ({ ...e, hlc });

const contacted = event('2026-11-22T02:00:00.000Z', {
  kind: 'contacted',
  how: 'phone',
  contactedAt: '2026-11-22T01:50:00.000Z',
});
const assigned = event('2026-11-22T03:00:00.000Z', { kind: 'assigned', to: 'officer' });
const resolved = event('2026-11-23T03:00:00.000Z', { kind: 'resolved', text: '已退还多收费用' });
const closed = event('2026-11-23T04:00:00.000Z', {
  kind: 'closed',
  feedback: '患者表示认可',
  satisfaction: 'satisfied',
  cause: '收费员误选项目',
  measure: '收费前双人核对',
});
const lateNote = event('2026-11-23T05:00:00.000Z', { kind: 'note', text: '另一台电脑的记录' });
const reopened = event('2026-11-24T01:00:00.000Z', { kind: 'reopened', reason: '患者再次来电' });

describe('a complaint’s state from its timeline', () => {
  it('is the same whatever order the events arrive in', () => {
    const inOrder = [contacted, assigned, resolved, closed, lateNote, reopened];
    const expected = deriveComplaint({ receivedBy: 'desk' }, inOrder);
    expect(expected).toMatchObject({
      state: 'contacted',
      owner: 'officer',
      firstContactAt: '2026-11-22T01:50:00.000Z',
    });
    expect(expected.ignored.map((e) => e.id)).toEqual([lateNote.id]);
    for (const shuffled of [
      [reopened, lateNote, closed, resolved, assigned, contacted],
      [closed, contacted, reopened, assigned, lateNote, resolved],
    ])
      expect(deriveComplaint({ receivedBy: 'desk' }, shuffled)).toEqual(expected);
  });

  it('belongs to whoever received it until it is assigned (首诉负责制)', () => {
    expect(deriveComplaint({ receivedBy: 'desk' }, [contacted])).toMatchObject({
      state: 'contacted',
      owner: 'desk',
    });
  });

  it('orders events written in the same millisecond by their causal stamp, then by id', () => {
    const a = event('2026-11-23T04:00:00.000Z', { kind: 'reopened', reason: 'x' }, 'a');
    const z = event('2026-11-23T04:00:00.000Z', closed.facts, 'z');
    // Same stamp: closed (z) comes after reopened (a) by id, so the complaint ends closed.
    expect(deriveComplaint({ receivedBy: 'd' }, [z, a, contacted, resolved]).state).toBe('closed');
    // The reopening was written after the closing on one PC: it wins whatever the ids.
    const later = [stamped(z, '1'), stamped(a, '2'), contacted, resolved];
    expect(deriveComplaint({ receivedBy: 'd' }, later).state).toBe('contacted');
  });

  it('allows only reopening once closed', () => {
    expect(allowedEvents('closed')).toEqual(['reopened']);
    expect(allowedEvents('open')).not.toContain('resolved');
    expect(allowedEvents('contacted')).not.toContain('closed');
    expect(allowedEvents('resolved')).toContain('closed');
  });
});

describe('deadlines fixed when a complaint is saved', () => {
  it('counts the resolution days on the clinic’s calendar across National Day', () => {
    expect(deadlinesFor('2026-09-30T10:00:00+08:00', 'ordinary', DEFAULT_POLICY)).toEqual({
      firstContactDue: '2026-10-01T10:00:00+08:00',
      resolutionDue: '2026-10-10',
    });
    expect(deadlinesFor('2026-09-30T10:00:00+08:00', 'major', REPLY_POLICY).resolutionDue).toBe(
      '2026-10-13', // 8, 9, the working Saturday 10, 12, 13
    );
  });

  it('gives a complaint received at 04:00 in Beijing on a PC set to UTC the Beijing day', () => {
    // 20:00 UTC on Thursday the 26th is 04:00 on Friday the 27th in Beijing.
    expect(deadlinesFor('2026-11-26T20:00:00Z', 'ordinary', DEFAULT_POLICY)).toEqual({
      firstContactDue: '2026-11-28T04:00:00+08:00',
      resolutionDue: '2026-12-02',
    });
  });

  it('refuses a receipt time without its offset', () => {
    const input = {
      receivedAt: '2026-11-26T20:00:00',
      channel: 'phone',
      complainant: { kind: 'anonymous' },
      category: 'waiting',
      description: '候诊太久',
      severity: 'ordinary',
    };
    expect(complaintInputSchema.safeParse(input).success).toBe(false);
    expect(
      complaintInputSchema.safeParse({ ...input, receivedAt: '2026-11-26T20:00:00Z' }).success,
    ).toBe(true);
  });
});

describe('urgency', () => {
  const complaint = deadlinesFor('2026-09-30T10:00:00+08:00', 'ordinary', DEFAULT_POLICY);
  const at = (iso: string) => Date.parse(iso);
  const afterContact = { state: 'contacted' as const, firstContactAt: '2026-09-30T11:00:00Z' };
  const open = { state: 'open' as const };

  it('warns four hours before the first contact is due, and is overdue after', () => {
    expect(complaintUrgency(complaint, open, at('2026-10-01T05:59:00+08:00')).level).toBe(
      'on-time',
    );
    expect(complaintUrgency(complaint, open, at('2026-10-01T06:01:00+08:00'))).toMatchObject({
      level: 'due-soon',
      deadline: 'first-contact',
    });
    expect(complaintUrgency(complaint, open, at('2026-10-01T10:00:01+08:00'))).toMatchObject({
      level: 'overdue',
      deadline: 'first-contact',
    });
  });

  it('gives an anonymous complaint no first contact to miss: only its resolution is due', () => {
    const anonymous = { ...complaint, complainant: { kind: 'anonymous' as const } };
    expect(complaintUrgency(anonymous, open, at('2026-10-01T10:00:01+08:00'))).toMatchObject({
      level: 'on-time',
      deadline: 'resolution',
    });
  });

  it('does not count the National Day holiday: due 2026-10-10 is on time through the 9th', () => {
    expect(complaintUrgency(complaint, afterContact, at('2026-10-07T23:00:00+08:00')).level).toBe(
      'on-time',
    );
    expect(complaintUrgency(complaint, afterContact, at('2026-10-09T17:00:00+08:00')).level).toBe(
      'on-time',
    );
    expect(
      complaintUrgency(complaint, afterContact, at('2026-10-10T08:00:00+08:00')),
    ).toMatchObject({ level: 'due-soon', deadline: 'resolution' });
    expect(complaintUrgency(complaint, afterContact, at('2026-10-10T23:59:59+08:00')).level).toBe(
      'due-soon',
    );
    expect(complaintUrgency(complaint, afterContact, at('2026-10-11T00:00:00+08:00')).level).toBe(
      'overdue',
    );
  });

  it('is due soon over a weekend when the due day is the next working day', () => {
    // Received Wednesday 2026-11-25 with 3 working days: due Monday the 30th.
    const due = deadlinesFor('2026-11-25T10:00:00+08:00', 'ordinary', DEFAULT_POLICY);
    expect(due.resolutionDue).toBe('2026-11-30');
    expect(complaintUrgency(due, afterContact, at('2026-11-27T12:00:00+08:00')).level).toBe(
      'on-time',
    );
    expect(complaintUrgency(due, afterContact, at('2026-11-28T12:00:00+08:00')).level).toBe(
      'due-soon',
    );
  });

  it('sorts overdue first, then due soon, then by the deadline; closed last', () => {
    const list = [
      { level: 'closed' as const },
      { level: 'on-time' as const, dueMs: 5 },
      { level: 'due-soon' as const, dueMs: 9 },
      { level: 'on-time' as const, dueMs: 2 },
      { level: 'overdue' as const, dueMs: 7 },
    ].sort(byUrgency);
    expect(list.map((u) => `${u.level}${u.dueMs ?? ''}`)).toEqual([
      'overdue7',
      'due-soon9',
      'on-time2',
      'on-time5',
      'closed',
    ]);
    expect(complaintUrgency(complaint, { state: 'closed' }, 0).level).toBe('closed');
  });
});
