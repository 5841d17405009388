/**
 * What a synced change carries in its `data` (the hub treats it as opaque; see protocol.ts).
 *
 * - `upsert` on an editable table: a `RowPatch`, the fields the change set and the fields it
 *   cleared, all stamped with the change's HLC. A new row's first patch sets every field.
 * - `insert` on an insert-only table: the whole row, never changed afterwards.
 * - `erase`: an erasure record (retention disposal), e.g. `{ disposal: 'd-1' }`: the entity's
 *   content is removed on every device and nothing of it is applied again (merge-spec.ts).
 *   Produced by the records archive's disposal; the hub wipes the entity's other changes.
 */
export type RowPatch = {
  /** Field → new value. Values are plain JSON. */
  set: Record<string, unknown>;
  /** Fields the change removed (optional fields set back to absent). */
  unset?: string[];
};

/** A change as the merge sees it, local or pulled. */
export type IncomingChange = {
  table: string;
  entityId: string;
  op: 'upsert' | 'insert' | 'erase';
  hlc: string;
  /** `RowPatch` for upsert, the whole row for insert, the erasure record for erase. */
  data: unknown;
  /** The device that wrote it. */
  deviceId: string;
  /**
   * Hub time (ms) the change arrived, for pulled changes; absent for a local change not yet
   * through the hub. Bounds a stamp far in the future (see `effectiveStamp`).
   */
  receivedAt?: number;
};

/**
 * Per-row merge bookkeeping for editable rows, kept beside the row (never shown, never audited):
 * for each field group, the stamp of the change that last won it.
 */
export type RowClocks = Record<string, string>;

/** Computes fields derived from others (search keys, totals): never synced, recomputed on apply. */
export type Recompute = (table: string, row: Record<string, unknown>) => Record<string, unknown>;
