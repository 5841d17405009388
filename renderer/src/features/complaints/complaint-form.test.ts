import { describe, expect, it } from 'vitest';
import { instantOfWallTime, toComplaintInput, wallTimeAt } from './complaint-form';

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
