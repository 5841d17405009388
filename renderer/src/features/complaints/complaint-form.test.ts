import { describe, expect, it } from 'vitest';
import { instantOfWallTime, savedNotice, toComplaintInput, wallTimeAt } from './complaint-form';

describe('times typed on the complaint form', () => {
  it('are Beijing wall-clock times, whatever zone the PC is set to', () => {
    expect(instantOfWallTime('2026-11-27 04:00')).toBe('2026-11-27T04:00:00+08:00');
    expect(instantOfWallTime(' 2026-11-27 4:05 ')).toBe('2026-11-27T04:05:00+08:00');
    expect(wallTimeAt(Date.parse('2026-11-26T20:00:00Z'))).toBe('2026-11-27 04:00');
  });

  it('refuse what is not a real date and time', () => {
    for (const text of ['2026-02-30 10:00', '2026-11-27 24:00', '27/11/2026 10:00', ''])
      expect(instantOfWallTime(text), text).toBeUndefined();
  });

  it('make an anonymous complaint when the box is ticked, whatever the name says', () => {
    const input = toComplaintInput({
      receivedAt: '2026-11-27 04:00',
      channel: 'suggestion-box',
      severity: 'ordinary',
      category: 'waiting',
      anonymous: true,
      name: '张',
      description: '候诊太久',
      policy: '2 / 5',
    });
    expect(input).toMatchObject({
      receivedAt: '2026-11-27T04:00:00+08:00',
      complainant: { kind: 'anonymous' },
      policy: { name: '2 / 5', ordinaryDays: 2, majorDays: 5 },
    });
  });
});

describe('what the desk is told on saving a complaint', () => {
  // Received Friday 2026-11-20 09:00, written down on Wednesday 2026-11-25 at 10:00.
  const late = {
    firstContactDue: '2026-11-21T09:00:00+08:00',
    resolutionDue: '2026-11-25',
    complainant: { kind: 'named', name: '张先生', relation: 'self' },
  } as const;
  const wednesday10 = Date.parse('2026-11-25T10:00:00+08:00');

  it('names the first-contact deadline of a complaint received just now', () => {
    const fresh = {
      ...late,
      firstContactDue: '2026-11-26T10:00:00+08:00',
      resolutionDue: '2026-11-30',
    };
    expect(savedNotice(fresh, wednesday10)).toEqual({
      level: 'success',
      text: 'saved',
      due: '2026-11-26 10:00',
    });
  });

  it('warns when the first contact was due before it was even written down', () => {
    expect(savedNotice(late, wednesday10)).toEqual({
      level: 'warning',
      text: 'savedContactOverdue',
      due: '2026-11-21 09:00',
    });
  });

  it('names no first contact for an anonymous complaint, only its resolution', () => {
    const anonymous = { ...late, complainant: { kind: 'anonymous' } } as const;
    expect(savedNotice(anonymous, wednesday10)).toEqual({
      level: 'success',
      text: 'savedAnonymous',
      due: '2026-11-25',
    });
    expect(savedNotice(anonymous, Date.parse('2026-11-26T08:00:00+08:00'))).toEqual({
      level: 'warning',
      text: 'savedResolutionOverdue',
      due: '2026-11-25',
    });
  });
});
