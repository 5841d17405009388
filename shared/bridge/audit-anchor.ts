import { z } from 'zod';
import {
  chainHeadSchema,
  checkpointSchema,
  MAX_ANCHORED_DEVICES,
  type CheckedCheckpoint,
} from '../audit/checkpoint';

/**
 * The host that keeps the audit chains' checkpoints (shared/audit/checkpoint.ts) where the
 * clinic's store cannot reach them. The desktop keeps the key sealed by the OS keychain and the
 * checkpoints in a file of the main process; a browser keeps a non-extractable WebCrypto key and
 * the checkpoints in a small IndexedDB of their own. Checkpoints are kept per store (a restore
 * opens a new store, whose chains start from the backup's).
 */

/** A clinic store's IndexedDB name (renderer/src/db/active-store.ts). */
export const anchorStoreNameSchema = z
  .string()
  .max(100)
  .regex(/^clinicdesk(-restored-[0-9a-z-]{1,64})?$/);

export const anchorRecordSchema = z
  .object({ store: anchorStoreNameSchema, head: chainHeadSchema })
  .strict();
export type AnchorRecord = z.infer<typeof anchorRecordSchema>;

export const anchorReadSchema = z.object({ store: anchorStoreNameSchema }).strict();

export const checkedCheckpointSchema = checkpointSchema.extend({ signatureValid: z.boolean() });

export const checkpointListSchema = z.array(checkedCheckpointSchema).max(MAX_ANCHORED_DEVICES);

export type AuditAnchor = {
  /**
   * Signs and keeps a chain head. A head at or below the kept one for that store and device is
   * ignored: a checkpoint never goes back, whoever asks.
   */
  record(input: AnchorRecord): Promise<void>;
  /** The store's kept checkpoints, each with whether its signature verifies with this key. */
  read(input: { store: string }): Promise<CheckedCheckpoint[]>;
};

/** IPC channel names of the desktop's anchor, and the schema each request is validated with. */
export const auditAnchorIpc = {
  record: { channel: 'clinicdesk:audit-anchor-record', input: anchorRecordSchema },
  read: { channel: 'clinicdesk:audit-anchor-read', input: anchorReadSchema },
} as const;
