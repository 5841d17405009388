import { describe, expect, it } from 'vitest';
import { cancelBlocker } from './visit';

const nothingYet = { verifications: 0, consents: 0, items: [] };

describe('undoing a check-in', () => {
  it('is allowed while nothing has happened, even with lines planned but not done', () => {
    expect(cancelBlocker(nothingYet)).toBeUndefined();
    expect(cancelBlocker({ ...nothingYet, items: [{}, {}] })).toBeUndefined();
  });

  it('is refused once the identity check has an outcome', () => {
    expect(cancelBlocker({ ...nothingYet, verifications: 1 })).toBe('verified');
  });

  it('is refused once a notice is signed, agreed or refused', () => {
    expect(cancelBlocker({ ...nothingYet, consents: 1 })).toBe('consent');
  });

  it('is refused once a line is billed or performed, billing named first', () => {
    const at = '2026-11-22T02:00:00.000Z';
    expect(cancelBlocker({ ...nothingYet, items: [{ performedAt: at }] })).toBe('performed');
    expect(cancelBlocker({ ...nothingYet, items: [{ performedAt: at }, { billedAt: at }] })).toBe(
      'billed',
    );
  });
});
