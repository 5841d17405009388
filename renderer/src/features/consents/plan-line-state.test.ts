import { describe, expect, it } from 'vitest';
import type { Consent } from '../../../../shared/consents/consent';
import type { PlannedItem } from '../../../../shared/consents/planned-item';
import { planLineState } from './plan-line-state';

const item = (changes: Partial<PlannedItem> = {}) =>
  ({
    id: 'root-canal',
    coverage: 'class-b',
    quantity: 2,
    status: 'planned',
    ...changes,
  }) as PlannedItem;

const notice = (status: Consent['status'], quantity = 2) =>
  ({
    status,
    // The state is read from the hashed decision; the status field only has to agree with it.
    content: {
      decision: status === 'signed' ? 'agreed' : 'refused',
      lines: [{ plannedItemId: 'root-canal', quantity }],
    },
  }) as Pick<Consent, 'status' | 'content'>;

describe('a plan line', () => {
  it('a class A item needs no signature and stays editable', () => {
    expect(planLineState(item({ coverage: 'class-a' }), [])).toMatchObject({
      consent: 'not-needed',
      editable: true,
    });
  });

  it('a class B item waits for a signature until a notice names it', () => {
    expect(planLineState(item(), [])).toMatchObject({ consent: 'awaiting', editable: true });
  });

  it('is locked once a signed notice names it', () => {
    expect(planLineState(item(), [notice('signed')])).toMatchObject({
      consent: 'signed',
      signedFor: true,
      editable: false,
    });
  });

  it('a refusal leaves it editable: the patient may change their mind', () => {
    expect(planLineState(item(), [notice('refused')])).toMatchObject({
      consent: 'refused',
      editable: true,
    });
  });

  it('performed, billed or cancelled lines are no longer editable', () => {
    expect(planLineState(item({ performedAt: 'x' }), [notice('signed')]).performed).toBe(true);
    expect(planLineState(item({ billedAt: 'x', coverage: 'class-a' }), []).editable).toBe(false);
    expect(planLineState(item({ status: 'cancelled' }), []).editable).toBe(false);
  });

  it('says before any click why it cannot be performed or billed, by the rule the store applies', () => {
    expect(planLineState(item({ coverage: 'class-a' }), []).blocked).toBeUndefined();
    expect(planLineState(item(), []).blocked).toBe('no-consent');
    expect(planLineState(item(), [notice('refused')]).blocked).toBe('refused');
    // Signed for one, planned for two: the patient has not agreed to the second.
    expect(planLineState(item(), [notice('signed', 1)]).blocked).toBe('quantity');
    expect(planLineState(item(), [notice('signed')]).blocked).toBeUndefined();
    // A line taken off the plan is not waiting for anything.
    expect(planLineState(item({ status: 'cancelled' }), []).blocked).toBeUndefined();
  });
});
