import { needsConsent } from '../../../../shared/catalogue/catalogue';
import { consentStatusOf, type Consent } from '../../../../shared/consents/consent';
import { coverageProblem, type CoverageProblem } from '../../../../shared/consents/notice';
import type { PlannedItem } from '../../../../shared/consents/planned-item';

/** Where one line stands on consent: what the status column says first. */
export type ConsentMark = 'not-needed' | 'awaiting' | 'signed' | 'refused';

export type PlanLineState = {
  consent: ConsentMark;
  performed: boolean;
  billed: boolean;
  cancelled: boolean;
  /** A live signed notice names it: its terms are what the patient signed, and cannot change. */
  signedFor: boolean;
  /** Quantity, reason and alternatives may still be changed, and the line cancelled. */
  editable: boolean;
  /**
   * Why the store would refuse to mark it performed or billed, if it would: the screen says so
   * beside the line, before anyone clicks. (A notice tampered with is found only by its hash
   * check, in the store; its refusal is then shown above the plan.)
   */
  blocked?: CoverageProblem;
};

/**
 * The line as the plan table shows it, from the same rule the store enforces (coverageProblem):
 * the screen never promises what the repository would refuse.
 */
export const planLineState = (
  item: PlannedItem,
  live: readonly Pick<Consent, 'status' | 'content'>[],
): PlanLineState => {
  const problem = coverageProblem(item, live);
  const consent: ConsentMark = !needsConsent(item.coverage)
    ? 'not-needed'
    : problem === undefined
      ? 'signed'
      : problem === 'refused'
        ? 'refused'
        : 'awaiting';
  const signedFor = live.some(
    (c) =>
      consentStatusOf(c) === 'signed' && c.content.lines.some((l) => l.plannedItemId === item.id),
  );
  const performed = !!item.performedAt;
  const billed = !!item.billedAt;
  const cancelled = item.status === 'cancelled';
  return {
    consent,
    performed,
    billed,
    cancelled,
    signedFor,
    editable: !signedFor && !performed && !billed && !cancelled,
    ...(problem !== undefined && !cancelled && { blocked: problem }),
  };
};
