import { z } from 'zod';

/**
 * The roles of seed 002 #7, and the pharmacist (药师) who checks the person at dispensing
 * (取药核对). The order is fixed and meaningful: a person who holds several roles acts, for the
 * audit log, in the first of theirs that allows the act (permissions.ts `grantingRole`), so the
 * specific job comes before the owner's catch-all.
 */
export const roleSchema = z.enum([
  'front-desk',
  'clinician',
  'pharmacist',
  'insurance-officer',
  'owner',
]);
export type Role = z.infer<typeof roleSchema>;
export const roles = roleSchema.options;

/** Each role once, in the fixed order, whatever order they were picked in. */
export const sortRoles = (list: readonly Role[]): Role[] => roles.filter((r) => list.includes(r));

/**
 * What a person holds: a set of roles, never empty (in a small clinic the owner is often the
 * dentist, the front desk often dispenses). Stored sorted and without repeats.
 */
export const rolesSchema = z
  .array(roleSchema)
  .min(1)
  .max(roles.length)
  .refine((list) => new Set(list).size === list.length, 'roles repeat')
  .transform(sortRoles);

/**
 * The role that stands for a person where no permission names one (a login, their own password,
 * the header): the most senior they hold, the last in the fixed order.
 */
export const seniorRole = (list: readonly Role[]): Role | undefined => sortRoles(list).at(-1);
