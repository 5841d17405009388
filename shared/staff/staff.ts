import { z } from 'zod';
import { passwordHashSchema } from '../auth/password';
import { roleSchema } from '../auth/roles';
import { personText, provenanceSchema } from '../record';

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;

export const usernameSchema = z.string().trim().toLowerCase().regex(USERNAME_PATTERN, 'username');

export const displayNameSchema = personText(40);

export const staffSchema = z
  .object({
    id: z.string(),
    username: usernameSchema,
    displayName: displayNameSchema,
    role: roleSchema,
    active: z.boolean(),
    password: passwordHashSchema,
    mustChangePassword: z.boolean(),
  })
  .extend(provenanceSchema.shape);
export type Staff = z.infer<typeof staffSchema>;

/** What the owner types to add a person. */
export const newStaffInputSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  role: roleSchema,
  password: z.string().min(1).max(128),
});
export type NewStaffInput = z.infer<typeof newStaffInputSchema>;
