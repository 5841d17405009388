import { describe, expect, it } from 'vitest';
import {
  assertCan,
  can,
  grantingRole,
  PermissionError,
  permissions,
  type Action,
} from './permissions';
import { roles, rolesSchema } from './roles';

describe('permission matrix', () => {
  it('only the owner manages staff and backups', () => {
    for (const role of roles) {
      expect(can(role, 'staff.manage')).toBe(role === 'owner');
      expect(can(role, 'backup.manage')).toBe(role === 'owner');
    }
  });

  it('the front desk cannot override a failed verification or read the audit log', () => {
    expect(can('front-desk', 'verification.override')).toBe(false);
    expect(can('front-desk', 'audit.view')).toBe(false);
    expect(can('insurance-officer', 'verification.override')).toBe(true);
  });

  it('only a clinician signs a consent as the clinician', () => {
    expect(roles.filter((role) => can(role, 'consent.sign'))).toEqual(['clinician']);
  });

  it('every action is allowed to at least one role', () => {
    for (const action of Object.keys(permissions) as Action[]) {
      expect(roles.some((role) => can(role, action))).toBe(true);
    }
  });

  it('assertCan throws a PermissionError naming role and action', () => {
    expect(() => assertCan('front-desk', 'staff.manage')).toThrowError(PermissionError);
    expect(() => assertCan('owner', 'staff.manage')).not.toThrow();
  });

  it('assertCan returns the role that allows the act', () => {
    expect(assertCan('owner', 'staff.manage')).toBe('owner');
  });
});

describe('several roles per person', () => {
  it('a person may do what any of their roles allows: the union', () => {
    const deskWhoDispenses = ['front-desk', 'pharmacist'] as const;
    expect(can(deskWhoDispenses, 'verification.record')).toBe(true);
    expect(can(deskWhoDispenses, 'verification.dispense')).toBe(true);
    expect(can(deskWhoDispenses, 'consent.prepare')).toBe(false);
    for (const action of Object.keys(permissions) as Action[])
      expect(can(['front-desk', 'pharmacist'], action)).toBe(
        can('front-desk', action) || can('pharmacist', action),
      );
  });

  it('the front desk alone cannot do the dispensing check; the pharmacist can', () => {
    expect(can('front-desk', 'verification.dispense')).toBe(false);
    expect(can('pharmacist', 'verification.dispense')).toBe(true);
    expect(can('pharmacist', 'verification.reconfirm')).toBe(false);
    expect(can('pharmacist', 'staff.manage')).toBe(false);
  });

  it('an act is done in the first role, in the fixed order, that allows it', () => {
    // The owner who is also the dentist prepares a consent as the clinician, manages staff as owner.
    expect(grantingRole(['owner', 'clinician'], 'consent.prepare')).toBe('clinician');
    expect(grantingRole(['owner', 'clinician'], 'staff.manage')).toBe('owner');
    expect(grantingRole(['pharmacist', 'front-desk'], 'verification.dispense')).toBe('pharmacist');
    expect(grantingRole(['front-desk'], 'verification.dispense')).toBeUndefined();
  });

  it('nobody without roles may do anything', () => {
    expect(can([], 'patient.view')).toBe(false);
    expect(() => assertCan([], 'patient.view')).toThrowError(PermissionError);
  });

  it('a set of roles is never empty, holds each role once, and is kept in the fixed order', () => {
    expect(rolesSchema.safeParse([]).success).toBe(false);
    expect(rolesSchema.safeParse(['owner', 'owner']).success).toBe(false);
    expect(rolesSchema.safeParse(['dentist']).success).toBe(false);
    expect(rolesSchema.parse(['owner', 'pharmacist', 'front-desk'])).toEqual([
      'front-desk',
      'pharmacist',
      'owner',
    ]);
  });
});
