import { describe, expect, it } from 'vitest';
import { assertCan, can, PermissionError, permissions, type Action } from './permissions';
import { roles } from './roles';

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
});
