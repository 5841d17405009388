import type { AuditAnchor } from '../bridge/audit-anchor';
import {
  advancesCheckpoint,
  chainHeadSchema,
  checkpointMessage,
  type CheckedCheckpoint,
  type Checkpoint,
} from './checkpoint';

/** The host's HMAC key: WebCrypto in a browser, node:crypto in the desktop's main process. */
export type MacKey = {
  sign(message: string): Promise<string>;
  verify(message: string, mac: string): Promise<boolean>;
};

/** Where a host keeps its checkpoints, per store and device. */
export type CheckpointShelf = {
  get(store: string, deviceId: string): Promise<Checkpoint | undefined>;
  put(store: string, checkpoint: Checkpoint): Promise<void>;
  list(store: string): Promise<Checkpoint[]>;
};

/**
 * The anchor's rule, whatever the host: a head is signed and kept only when it moves the
 * checkpoint forward; reading verifies each signature. Records run one at a time, so two heads
 * arriving together cannot both read the old checkpoint and the lower one win.
 */
export const createCheckpointBook = (deps: {
  key: () => Promise<MacKey>;
  shelf: CheckpointShelf;
}): AuditAnchor => {
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    record: (input) =>
      inTurn(async () => {
        const head = chainHeadSchema.parse(input.head);
        const kept = await deps.shelf.get(input.store, head.deviceId);
        if (!advancesCheckpoint(kept, head)) return;
        const mac = await (await deps.key()).sign(checkpointMessage(head));
        await deps.shelf.put(input.store, { ...head, mac });
      }),
    read: (input) =>
      inTurn(async () => {
        const key = await deps.key();
        const kept = await deps.shelf.list(input.store);
        return Promise.all(
          kept.map(async (checkpoint): Promise<CheckedCheckpoint> => ({
            ...checkpoint,
            signatureValid: await key.verify(checkpointMessage(checkpoint), checkpoint.mac),
          })),
        );
      }),
  };
};
