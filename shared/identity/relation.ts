import { z } from 'zod';

/**
 * How someone who acts for a patient is related to them (PRODUCT.md §2.2): the guardian recorded
 * at registration, a guardian or relative signing a notice.
 */
export const relationSchema = z.enum(['parent', 'guardian', 'spouse', 'child', 'sibling', 'other']);
export type Relation = z.infer<typeof relationSchema>;
