import { z } from 'zod';

/** The four roles of seed 002 #7: each operator acts only within theirs. */
export const roleSchema = z.enum(['front-desk', 'clinician', 'insurance-officer', 'owner']);
export type Role = z.infer<typeof roleSchema>;
export const roles = roleSchema.options;
