import { sortRoles, type Role } from './roles';

/**
 * The one permission matrix. Repositories call `assertCan` in the write path; the UI asks `can`
 * only to hide what would be refused anyway. A person with several roles may do what any of
 * them may (the union).
 */
export const permissions = {
  'staff.manage': ['owner'],
  'settings.clinic': ['owner'],
  'settings.security': ['owner'],
  'audit.view': ['owner', 'insurance-officer'],
  'patient.view': ['front-desk', 'clinician', 'pharmacist', 'insurance-officer', 'owner'],
  'patient.register': ['front-desk', 'insurance-officer', 'owner'],
  'patient.edit-identity': ['front-desk', 'insurance-officer', 'owner'],
  // two records of one person become one (PRODUCT.md §1.4: the officer or the owner decides)
  'patient.merge': ['insurance-officer', 'owner'],
  'visit.check-in': ['front-desk', 'insurance-officer', 'owner'],
  'verification.record': ['front-desk', 'insurance-officer', 'owner'],
  'verification.override': ['insurance-officer', 'owner'],
  // the clinician's re-check before treatment (PRODUCT.md §1.5)
  'verification.reconfirm': ['clinician', 'owner'],
  // the re-check at dispensing (取药核对, PRODUCT.md §1.5): the pharmacist, or whoever the owner
  // gives the pharmacist role; a clinician who dispenses at the chair may too
  'verification.dispense': ['clinician', 'pharmacist', 'owner'],
  'review.daily': ['insurance-officer', 'owner'],
  'catalogue.view': ['front-desk', 'clinician', 'pharmacist', 'insurance-officer', 'owner'],
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
  'complaint.create': ['front-desk', 'clinician', 'pharmacist', 'insurance-officer', 'owner'],
  'complaint.handle': ['insurance-officer', 'owner'],
  'backup.manage': ['owner'],
  'sync.manage': ['owner'],
  'stats.view': ['insurance-officer', 'owner'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof permissions;

/** One role, or the set a person holds. */
export type Holder = Role | readonly Role[];

const held = (who: Holder | null | undefined): readonly Role[] =>
  who == null ? [] : typeof who === 'string' ? [who] : who;

/**
 * The role in which a person may do `action`: the first of theirs, in the fixed role order, that
 * holds the permission. This is the role the audit log records for the act.
 */
export const grantingRole = (who: Holder | null | undefined, action: Action): Role | undefined =>
  sortRoles(held(who)).find((role) => (permissions[action] as readonly Role[]).includes(role));

export const can = (who: Holder | null | undefined, action: Action): boolean =>
  grantingRole(who, action) !== undefined;

export class PermissionError extends Error {
  readonly reason = 'forbidden' as const;
  readonly roles: readonly Role[];
  constructor(
    who: Holder,
    readonly action: Action,
  ) {
    const roles = held(who);
    super(`roles ${roles.join('+') || 'none'} may not ${action}`);
    this.name = 'PermissionError';
    this.roles = roles;
  }
}

/** Refuses an act none of the roles allows; returns the role that allows it, for the audit. */
export const assertCan = (who: Holder, action: Action): Role => {
  const role = grantingRole(who, action);
  if (!role) throw new PermissionError(who, action);
  return role;
};
