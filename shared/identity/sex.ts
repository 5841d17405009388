import { z } from 'zod';

/** Sex as the identity documents record it (GB 11643: odd sequence digit male, even female). */
export const sexSchema = z.enum(['male', 'female']);
export type Sex = z.infer<typeof sexSchema>;
