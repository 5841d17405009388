import { z } from 'zod';
import { passwordHashSchema } from '../auth/password';
import { storedRecoveryCodeSchema } from '../auth/recovery-code';
import { roleSchema, rolesSchema, type Role } from '../auth/roles';
import { personText, provenanceSchema } from '../record';

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;

export const usernameSchema = z.string().trim().toLowerCase().regex(USERNAME_PATTERN, 'username');

export const displayNameSchema = personText(40);

export const staffSchema = z
  .object({
    id: z.string(),
    username: usernameSchema,
    displayName: displayNameSchema,
    roles: rolesSchema,
    active: z.boolean(),
    password: passwordHashSchema,
    mustChangePassword: z.boolean(),
    /** An owner's recovery code, hashed; absent until one is made (stores set up before it). */
    recoveryCode: storedRecoveryCodeSchema.optional(),
  })
  .extend(provenanceSchema.shape);
export type Staff = z.infer<typeof staffSchema>;

/** What the owner types to add a person. */
export const newStaffInputSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  roles: rolesSchema,
  password: z.string().min(1).max(128),
});
export type NewStaffInput = z.infer<typeof newStaffInputSchema>;

/**
 * A staff row as written before a person could hold several roles (store version 5 and earlier,
 * their backups, and the wire data of a PC not yet updated): one `role`. Returns the row with the
 * set instead; a row that has its set already is returned as it is.
 */
export const withRoleSet = <T>(row: T): T => {
  if (row === null || typeof row !== 'object') return row;
  const { role, ...rest } = row as Record<string, unknown>;
  if (role === undefined) return row;
  const parsed = roleSchema.safeParse(role);
  if ('roles' in rest) return rest as T;
  // An unreadable role is left for the row's validation to refuse, never guessed.
  if (!parsed.success) return row;
  return { ...rest, roles: [parsed.data] } as T;
};

/** Before the pharmacist role, a person had one of these; the most senior stands for the set. */
const OLDER_ROLES: readonly Role[] = ['owner', 'insurance-officer', 'clinician', 'front-desk'];

/**
 * The one role a PC not yet updated reads for a person (it knows `role`, not `roles`): the most
 * senior of theirs it knows, so the owner stays the owner there. A pharmacist only is sent as
 * such; the older PC grants that role nothing until it is updated.
 */
export const legacyRole = (roles: readonly Role[]): Role =>
  OLDER_ROLES.find((r) => roles.includes(r)) ?? roles[0] ?? 'front-desk';
