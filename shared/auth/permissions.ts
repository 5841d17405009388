import type { Role } from './roles';

/**
 * The one permission matrix. Repositories call `assertCan` in the write path; the UI asks `can`
 * only to hide what would be refused anyway.
 */
export const permissions = {
  'staff.manage': ['owner'],
  'settings.clinic': ['owner'],
  'settings.security': ['owner'],
  'audit.view': ['owner', 'insurance-officer'],
  'patient.view': ['front-desk', 'clinician', 'insurance-officer', 'owner'],
  'patient.register': ['front-desk', 'insurance-officer', 'owner'],
  'patient.edit-identity': ['front-desk', 'insurance-officer', 'owner'],
  'visit.check-in': ['front-desk', 'insurance-officer', 'owner'],
  'verification.record': ['front-desk', 'insurance-officer', 'owner'],
  'verification.override': ['insurance-officer', 'owner'],
  'verification.reconfirm': ['clinician', 'owner'],
  'review.daily': ['insurance-officer', 'owner'],
  'catalogue.view': ['front-desk', 'clinician', 'insurance-officer', 'owner'],
  'catalogue.import': ['insurance-officer', 'owner'],
  'consent.prepare': ['clinician', 'owner'],
  'consent.sign': ['clinician'],
  'consent.void': ['clinician', 'insurance-officer', 'owner'],
  'consent.view': ['clinician', 'insurance-officer', 'owner'],
  // marking a planned item performed (at the chair) or billed (at the desk): PRODUCT.md §2.4
  'item.perform': ['clinician', 'owner'],
  'item.bill': ['front-desk', 'insurance-officer', 'owner'],
  'record.view': ['clinician', 'insurance-officer', 'owner'],
  'record.manage': ['insurance-officer', 'owner'],
  'disposal.approve': ['insurance-officer', 'owner'],
  'complaint.create': ['front-desk', 'clinician', 'insurance-officer', 'owner'],
  'complaint.handle': ['insurance-officer', 'owner'],
  'backup.manage': ['owner'],
  'sync.manage': ['owner'],
  'stats.view': ['insurance-officer', 'owner'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof permissions;

export const can = (role: Role, action: Action): boolean =>
  (permissions[action] as readonly Role[]).includes(role);

export class PermissionError extends Error {
  readonly reason = 'forbidden' as const;
  constructor(
    readonly role: Role,
    readonly action: Action,
  ) {
    super(`role ${role} may not ${action}`);
    this.name = 'PermissionError';
  }
}

export const assertCan = (role: Role, action: Action): void => {
  if (!can(role, action)) throw new PermissionError(role, action);
};
