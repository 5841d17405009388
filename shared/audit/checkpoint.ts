import { z } from 'zod';
import type { AuditEvent } from './audit-event';

/**
 * Anchoring a device's audit chain (issue 10 item 8). A hash chain alone cannot tell that its
 * last events were deleted, or that one event was edited and every later one re-hashed: what is
 * left still links. So the host keeps, outside the clinic's store, the head of each device's
 * chain (device, seq, hash) signed with an HMAC key the store never holds. Verify then compares
 * the chain with that checkpoint. A checkpoint may lag behind its chain (it is written after the
 * append commits); a chain that is shorter than its checkpoint, or differs from it, may not.
 */

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** The head of one device's chain: its last event's number and hash. */
export const chainHeadSchema = z
  .object({
    deviceId: z.string().min(1).max(64),
    seq: z.number().int().min(1),
    hash: hex64,
  })
  .strict();
export type ChainHead = z.infer<typeof chainHeadSchema>;

/** A head signed by the host's anchor key: HMAC-SHA256 of checkpointMessage, hex. */
export const checkpointSchema = chainHeadSchema.extend({ mac: hex64 }).strict();
export type Checkpoint = z.infer<typeof checkpointSchema>;

/** At most this many devices' checkpoints per store or backup: a clinic has a handful of PCs. */
export const MAX_ANCHORED_DEVICES = 256;

/** A kept checkpoint, and whether its signature verifies with this host's key. */
export type CheckedCheckpoint = Checkpoint & { signatureValid: boolean };

/** What the MAC covers; the label keeps it from meaning anything else signed with the key. */
export const checkpointMessage = (head: ChainHead): string =>
  `clinicdesk-audit-checkpoint/1\n${head.deviceId}\n${head.seq}\n${head.hash}`;

/** A later head replaces a kept one; an equal or earlier one never does (nothing goes back). */
export const advancesCheckpoint = (kept: ChainHead | undefined, head: ChainHead): boolean =>
  kept === undefined || head.seq > kept.seq;

export type AnchorStatus =
  /** The chain reaches the checkpoint and holds the same hash there. */
  | 'ok'
  /** The chain ends before the checkpoint: its last events were deleted. */
  | 'shorter'
  /** The event at the checkpoint's number has another hash: the chain was rewritten. */
  | 'rewritten'
  /** A checkpoint exists and the device has no event at all. */
  | 'emptied'
  /** The checkpoint's signature does not verify: the checkpoint itself was altered. */
  | 'signature-invalid';

/** One device's chain against its checkpoint. `lastSeq` 0: no event. */
export type AnchorCheck = {
  deviceId: string;
  status: AnchorStatus;
  checkpointSeq: number;
  lastSeq: number;
};

/**
 * Compares each checkpointed device's chain with its checkpoint. `signatureValid` absent: the
 * signature was not checked (a backup's manifest read on another PC, whose key is not here).
 * Devices without a checkpoint are not listed: the hash chain check covers them.
 */
export const checkAgainstCheckpoints = (
  events: readonly AuditEvent[],
  checkpoints: readonly (Checkpoint & { signatureValid?: boolean })[],
): AnchorCheck[] => {
  const byDevice = new Map<string, Map<number, string>>();
  for (const e of events) {
    const hashes = byDevice.get(e.deviceId) ?? new Map<number, string>();
    hashes.set(e.seq, e.hash);
    byDevice.set(e.deviceId, hashes);
  }
  return [...checkpoints]
    .sort((a, b) => a.deviceId.localeCompare(b.deviceId))
    .map((checkpoint) => {
      const hashes = byDevice.get(checkpoint.deviceId);
      const lastSeq = hashes ? Math.max(...hashes.keys()) : 0;
      const at = { deviceId: checkpoint.deviceId, checkpointSeq: checkpoint.seq, lastSeq };
      return { ...at, status: anchorStatus(checkpoint, hashes, lastSeq) };
    });
};

const anchorStatus = (
  checkpoint: Checkpoint & { signatureValid?: boolean },
  hashes: ReadonlyMap<number, string> | undefined,
  lastSeq: number,
): AnchorStatus => {
  if (checkpoint.signatureValid === false) return 'signature-invalid';
  if (!hashes || hashes.size === 0) return 'emptied';
  const hash = hashes.get(checkpoint.seq);
  if (hash === undefined) return lastSeq < checkpoint.seq ? 'shorter' : 'rewritten';
  return hash === checkpoint.hash ? 'ok' : 'rewritten';
};

export const anchorsIntact = (checks: readonly AnchorCheck[]): boolean =>
  checks.every((check) => check.status === 'ok');
