import { describe, expect, it } from 'vitest';
import { consultationInputSchema, consultationSchema, firstComplaintOf } from './consultation';

const INPUT = {
  at: '2026-11-22T08:30:00+08:00',
  topic: 'insurance-policy',
  channel: 'in-person',
  question: '门诊慢特病怎么报销？',
  answer: '持医保卡挂号，按慢特病目录结算',
} as const;

describe('a consultation', () => {
  it('takes a topic, a question and an answer, and trims what was typed', () => {
    expect(consultationInputSchema.parse({ ...INPUT, question: '  问题  ' }).question).toBe('问题');
    expect(consultationInputSchema.safeParse({ ...INPUT, answer: undefined }).success).toBe(true);
  });

  it('refuses an empty question, an unknown topic and a time without its offset', () => {
    expect(consultationInputSchema.safeParse({ ...INPUT, question: '   ' }).success).toBe(false);
    expect(consultationInputSchema.safeParse({ ...INPUT, topic: 'weather' }).success).toBe(false);
    expect(consultationInputSchema.safeParse({ ...INPUT, at: '2026-11-22 08:30' }).success).toBe(
      false,
    );
  });

  it('stores no field beyond the rule (no link to a complaint on the row)', () => {
    const row = {
      ...INPUT,
      id: 'c1',
      by: 'staff-1',
      createdAt: INPUT.at,
      createdBy: 'staff-1',
      updatedAt: INPUT.at,
      updatedBy: 'staff-1',
      deviceId: 'pc-1',
      hlc: '0',
    };
    expect(consultationSchema.safeParse(row).success).toBe(true);
    expect(consultationSchema.safeParse({ ...row, complaintId: 'x' }).success).toBe(false);
  });
});

describe('the complaint a consultation became', () => {
  it('is the earliest, then the smallest id, whatever order sync delivered them in', () => {
    const a = { id: 'b', receivedAt: '2026-11-22T01:00:00Z' };
    const b = { id: 'a', receivedAt: '2026-11-22T09:00:00+08:00' };
    const c = { id: 'c', receivedAt: '2026-11-22T10:00:00+08:00' };
    expect(firstComplaintOf([c, a, b])).toBe(b);
    expect(firstComplaintOf([b, c, a])).toBe(b);
    expect(firstComplaintOf([])).toBeUndefined();
  });
});
