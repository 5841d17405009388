/**
 * Errors the UI turns into a sentence that says what to do next (errors.<reason> in the
 * locale files). The message is for developers; it never reaches a receptionist.
 */
export type AppErrorReason =
  | 'invalid-input'
  | 'duplicate-username'
  | 'setup-already-done'
  | 'not-found'
  | 'last-owner'
  | 'weak-password'
  | 'wrong-password'
  | 'password-reused'
  | 'password-throttled'
  | 'wrong-recovery-code'
  | 'recovery-throttled'
  | 'inactive-account'
  | 'possible-duplicate'
  | 'reason-required'
  | 'id-number-invalid'
  | 'identity-mismatch'
  | 'photo-invalid'
  | 'check-reason-required'
  | 'cannot-verify'
  | 'override-credentials'
  | 'override-throttled'
  | 'override-role'
  | 'already-reviewed'
  | 'plan-incomplete'
  | 'item-locked'
  | 'item-not-planned'
  | 'catalogue-missing'
  | 'catalogue-code-taken'
  | 'catalogue-item-unchanged'
  | 'catalogue-date-before-base'
  | 'catalogue-base-replaced'
  | 'consent-required'
  | 'consent-refused'
  | 'consent-tampered'
  | 'consent-quantity'
  | 'nothing-to-consent'
  | 'notice-changed'
  | 'signature-empty'
  | 'signature-too-short'
  | 'representative-id-invalid'
  | 'already-voided'
  | 'void-reason-required'
  | 'cancel-visit-reason'
  | 'cancel-visit-done'
  | 'cancel-visit-verified'
  | 'cancel-visit-consent'
  | 'cancel-visit-performed'
  | 'cancel-visit-billed'
  | 'visit-cancelled'
  | 'duplicate-reason-required'
  | 'same-id-number'
  | 'username-not-shared'
  | 'merge-reason-required'
  | 'merge-same-patient'
  | 'merge-not-duplicate'
  | 'patient-merged'
  | 'backup-rotation-minimum'
  | 'complaint-received-future'
  | 'complaint-closed'
  | 'complaint-step-early'
  | 'complaint-contact-time'
  | 'complaint-assignee'
  | 'complaint-close-incomplete'
  | 'complaint-reopen-reason'
  | 'complaint-escalate-note'
  | 'consultation-question-required'
  | 'consultation-at-future'
  | 'consultation-already-complaint'
  | 'complaint-file-invalid'
  | 'complaint-file-too-many'
  | 'record-disposed';

export class AppError extends Error {
  constructor(
    readonly reason: AppErrorReason,
    message: string,
    /** Which field a form should mark, when one is to blame. */
    readonly field?: string,
    /** Values the sentence names (an item's name, a line number); never patient identifiers. */
    readonly values?: Readonly<Record<string, string | number>>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** The field a form should mark for a validation issue: the last step of its path. */
export const issueField = (path: readonly PropertyKey[]): string => String(path.at(-1) ?? '');
