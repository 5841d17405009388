import Dexie from 'dexie';
import type { AuditEvent } from '../../../shared/audit/audit-event';
import type { ChainHead, CheckedCheckpoint } from '../../../shared/audit/checkpoint';
import type { AuditAnchor } from '../../../shared/bridge/audit-anchor';
import type { ClinicDb } from './database';

/**
 * Hands each committed chain head to the host's anchor (shared/bridge/audit-anchor.ts). Signing
 * is WebCrypto or IPC, never a Dexie promise: it runs after the append's transaction commits,
 * never inside it. Heads are coalesced: they gather for about a frame, then only the newest of
 * each device is signed, so a burst of appends costs one or two signatures and the write path
 * stays as fast as before; heads noted while signing wait for the next flush, so the last head
 * is always signed. A crash in between leaves the checkpoint behind its chain,
 * which verify accepts.
 */
export type ChainAnchoring = {
  /** A head whose append has committed. */
  note(head: ChainHead): void;
  /** Resolves once every noted head has been handed to the anchor (or failed). */
  settled(): Promise<void>;
  /** The store's checkpoints, after the pending heads are in. */
  checkpoints(): Promise<CheckedCheckpoint[]>;
  /** The last failure to keep a checkpoint, if the latest attempt failed. */
  failure(): unknown;
};

/** How long heads gather before the newest is signed: about one frame. */
const GATHER_MS = 16;

export const createChainAnchoring = (
  store: string,
  anchor: AuditAnchor,
  /** Runs `flush` once the heads of a burst have gathered (tests pass their own). */
  gather: (flush: () => void) => void = (flush) => void setTimeout(flush, GATHER_MS),
): ChainAnchoring => {
  let pending = new Map<string, ChainHead>();
  let flushing: Promise<void> | undefined;
  let lastFailure: unknown;

  const signPending = async () => {
    const heads = [...pending.values()];
    pending = new Map();
    for (const head of heads) {
      try {
        await anchor.record({ store, head });
        lastFailure = undefined;
      } catch (error) {
        // Kept for verify to tell; the next append tries again with its newer head.
        lastFailure = error;
      }
    }
  };

  // One flush at a time; heads noted meanwhile wait for the next, so none is ever dropped.
  const flush = (): Promise<void> =>
    new Promise<void>((resolve) => gather(resolve)).then(signPending).finally(() => {
      flushing = pending.size > 0 ? flush() : undefined;
    });

  const settled = async () => {
    while (flushing) await flushing;
  };

  return {
    note: (head) => {
      const waiting = pending.get(head.deviceId);
      if (!waiting || head.seq > waiting.seq) pending.set(head.deviceId, head);
      flushing ??= flush();
    },
    settled,
    checkpoints: async () => {
      await settled();
      return anchor.read({ store });
    },
    failure: () => lastFailure,
  };
};

const anchorings = new WeakMap<ClinicDb, ChainAnchoring>();

/** From now on every append to `db`'s chains is anchored; main.tsx calls it once per store. */
export const anchorChains = (
  db: ClinicDb,
  anchor: AuditAnchor,
  /** When a burst's heads are signed (tests hold it); about a frame after the first. */
  gather?: (flush: () => void) => void,
): ChainAnchoring => {
  const anchoring = createChainAnchoring(db.name, anchor, gather);
  anchorings.set(db, anchoring);
  return anchoring;
};

export const anchoringOf = (db: ClinicDb): ChainAnchoring | undefined => anchorings.get(db);

/**
 * Notes an appended event's head once its transaction has committed. Must be called inside that
 * transaction; a nested transaction shares its parent's, so an outer rollback notes nothing.
 */
export const anchorAfterCommit = (db: ClinicDb, event: AuditEvent): void => {
  const anchoring = anchorings.get(db);
  if (!anchoring) return;
  const idb = (Dexie.currentTransaction as { idbtrans?: IDBTransaction } | null)?.idbtrans;
  if (!idb) return;
  const head = { deviceId: event.deviceId, seq: event.seq, hash: event.hash };
  idb.addEventListener('complete', () => anchoring.note(head), { once: true });
};
