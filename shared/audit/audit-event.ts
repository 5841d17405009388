import { z } from 'zod';
import { roleSchema } from '../auth/roles';

export const auditActionSchema = z.enum([
  'setup',
  'create',
  'update',
  'deactivate',
  'reactivate',
  'password-reset',
  'password-change',
  // the owner's recovery code: a new one made, a password set with one, a wrong one tried
  'recovery-code',
  'password-recover',
  'recovery-failed',
  'login',
  'login-failed',
  'logout',
  'lock',
  'unlock',
  'view',
  'review',
  'import',
  'sign',
  'refuse',
  'void',
  'perform',
  'bill',
  'cancel',
  'merge',
  'export',
  'restore',
  'delete',
]);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const auditEntitySchema = z.enum([
  'session',
  'staff',
  'settings',
  'patient',
  'visit',
  'verification',
  'catalogue',
  'planned-item',
  'consent',
  'record',
  'retention-policy',
  'disposal',
  'complaint',
  'complaint-event',
  'backup',
  'device',
  'attachment',
  'consultation',
]);
export type AuditEntity = z.infer<typeof auditEntitySchema>;

/** One changed field; `from`/`to` are absent for redacted fields (password hashes, signatures). */
export const auditChangeSchema = z.object({
  field: z.string(),
  from: z.string().optional(),
  to: z.string().optional(),
});
export type AuditChange = z.infer<typeof auditChangeSchema>;

export const GENESIS_HASH = '0'.repeat(64);

/**
 * Append-only, hash-chained per device: `prevHash` is the hash of that device's previous event.
 * `salt` and `personalDigest` mark the format whose personal fields can be wiped by a retention
 * disposal (shared/audit/personal-digest.ts); an event without them is of the first format.
 */
export const auditEventSchema = z.object({
  id: z.string(),
  deviceId: z.string(),
  seq: z.number().int().min(1),
  at: z.string(),
  hlc: z.string(),
  actorId: z.string(),
  actorName: z.string(),
  role: roleSchema.nullable(),
  action: auditActionSchema,
  entity: auditEntitySchema,
  entityId: z.string(),
  summary: z.string(),
  reason: z.string().optional(),
  changes: z.array(auditChangeSchema).optional(),
  /** Random, per event (128 bits, hex); gone once the personal fields are wiped. */
  salt: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
  /** sha256 of the salt and the personal fields: what the event's hash covers instead of them. */
  personalDigest: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  prevHash: z.string().length(64),
  hash: z.string().length(64),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;
