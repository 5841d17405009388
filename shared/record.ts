import { z } from 'zod';

/** Who last changed an editable record, when, from which device, in causal order (hlc). */
export const provenanceSchema = z.object({
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  deviceId: z.string(),
  hlc: z.string(),
});
export type Provenance = z.infer<typeof provenanceSchema>;

/** Text a person types: trimmed, not empty, bounded. Rendered by React, so markup stays inert. */
export const personText = (max: number) => z.string().trim().min(1).max(max);
