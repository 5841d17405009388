import type { TableName } from '../db/schema';

/**
 * How each table's rows merge when workstations sync (docs/architecture.md "Sync"). `merge.ts` reads
 * these declarations; change the rules here, not there.
 *
 * Stamps. A change competes with its effective stamp: its HLC, bounded by the hub's receivedAt
 * + 5 min, so a PC whose clock runs days ahead cannot win every field for days. Two stamps are
 * ordered by (effective stamp, raw hlc); the HLC ends with the device id, so no two devices tie.
 *
 * Every merge keeps, beside the row, its `clocks` (RowClocks): which stamp won what.
 *   - editable rows: `@<group>` for a named group, the field's own name for a field that is its
 *     own group; a row stored without any clocks (written before sync) competes with its own
 *     hlc, kept as `@base` for every group without an entry of its own;
 *   - insert-only and first-wins rows: `@row`, the winning version's stamp (the row's own hlc
 *     when missing: the local writer keeps no clocks for them); insert-only rows also
 *     `@lost:<sha-256 of the content>` → its earliest stamp, for each other content seen.
 * A clock value is the effective stamp, or "<effective>|<raw hlc>" when the bound lowered it.
 * Field names are identifiers, so no field can collide with an `@` key.
 *
 * Erasure (retention disposal): an `erase` change is an insert-only erasure record that
 * overrides the row's content whatever its stamps. The device deletes the row and its clocks and
 * keeps the erasure (table `erasures`, the earliest of several by (hlc, data)); every other change
 * of that entity, earlier or later, from a lagging device, a re-push or a restored backup, is then
 * dropped without a trace (never quarantined, which would keep the content).
 *
 * Audit events are wiped, not deleted: their device's chain must still verify. An erased event
 * keeps its chain fields and personal digest and loses salt, summary (''), reason and changes
 * (shared/audit/personal-digest.ts); an insert of it arriving after the erasure is stored wiped,
 * the earliest (stamp, wiped content) of several kept. An event written before personal digests
 * cannot be wiped: it is kept whole, the erasure held all the same, and an "unwipeable" alarm
 * tells the owner, in whichever order the event and its erasure came (a device cannot tell the
 * format of an event it does not hold yet, so it cannot refuse the erasure up front).
 *
 * Only an authorised erasure erases: every `erase` is judged (shared/sync/verdict.ts: it names the
 * disposal event of its transaction, by a person who may approve disposals), and a refused one
 * is quarantined like any refused change: the row, its content and its clocks stay everywhere,
 * and the hub records no erasure. The PC that carried it out had erased its rows already: it
 * gives each back, whatever its kind, folded again from the hub's history of the row
 * (renderer/src/sync/refused.ts).
 */

/**
 * Which of two values of one group wins. Every precedence is "the greatest wins" under a total
 * order, so whatever set of changes a device has seen, in any order and with any repeats, it
 * keeps the same value (a join-semilattice per group).
 */
export type Precedence =
  /** The latest stamp wins; a cleared group is a value like any other. */
  | { kind: 'last-writer' }
  /**
   * Once set, never cleared by a merge: a set group beats a cleared one whatever their stamps;
   * between two set values, the latest stamp wins. For marks of something that happened
   * (performed, billed, cancelled): a stale edit must not undo them.
   */
  | { kind: 'sticky' }
  /** A set group beats a cleared one; between two set values the EARLIEST stamp wins (creation). */
  | { kind: 'first-setter' }
  /**
   * `field`'s values listed in `provisional` (and no value at all) rank below every other value:
   * a stale provisional value never overwrites a settled one. Within a rank, the latest stamp.
   */
  | { kind: 'ranked'; field: string; provisional: readonly string[] };

/** Fields that change together and merge as ONE value: one stamp, one winner, never half of each. */
export type FieldGroup = {
  name: string;
  fields: readonly string[];
  precedence: Precedence;
};

/**
 * A value the merged row shows instead of the stored one: `field` reads `to` instead of `from`
 * while any of `whenAnySet` is set. The group keeps competing normally under it (its clock moves);
 * only what the row shows is overridden, so the result still depends on the set of changes only.
 */
export type Override = {
  field: string;
  from: unknown;
  to: unknown;
  whenAnySet: readonly string[];
};

/** A rule re-checked on every merged row; a broken one raises an 'invariant' alarm, never silence. */
export type Invariant = {
  name: string;
  /** What is wrong with the row, or undefined when the rule holds. */
  problem: (row: Record<string, unknown>) => string | undefined;
};

/** Rows people edit: last writer wins per field group, lifecycle marks with stated precedence. */
export type EditableSpec = {
  kind: 'editable';
  /** The field holding the row's key (the change's entityId). */
  key: 'id' | 'key';
  /** Named groups; a field in no group is a group of its own, merged last-writer-wins. */
  groups: readonly FieldGroup[];
  /** Computed from other fields on every device (Recompute); never taken from the wire. */
  derived: readonly string[];
  overrides: readonly Override[];
  invariants: readonly Invariant[];
};

/** Written once, never changed (signed, hashed or chained records). */
export type InsertOnlySpec = {
  kind: 'insert-only';
  key: 'id';
  /**
   * Fields this device keeps beside the synced row and never sends: an attachment's bytes travel
   * by their hash on the hub's attachment endpoints, not in the log. Never compared, never
   * overwritten by a merge.
   */
  local?: readonly string[];
};

/**
 * At most one per thing it concerns, so its id is that thing's id, and two PCs may both
 * legitimately write it offline (two officers mark the same check reviewed). The earliest wins on
 * every device; the others are kept on it as `also`, one entry per other version, made of
 * `alsoFields` plus the version's hlc, in hlc order.
 */
export type FirstWinsSpec = {
  kind: 'first-wins';
  key: 'id';
  /** The field naming what the row concerns: it must equal the id. */
  naturalKey: string;
  alsoFields: readonly string[];
};

/** This device's own state: never synced; a change for it is quarantined. */
export type LocalSpec = { kind: 'local' };

export type TableSpec = EditableSpec | InsertOnlySpec | FirstWinsSpec | LocalSpec;

/** The field on a first-wins row listing the versions that lost (`FirstWinsSpec`). */
export const ALSO_FIELD = 'also';

/**
 * Who last changed the row is one value (they were written by one change together); who created
 * it is the first one ever stamped, so a re-sent creation from another PC never rewrites it.
 */
const provenanceGroups: readonly FieldGroup[] = [
  {
    name: 'updated',
    fields: ['updatedAt', 'updatedBy', 'deviceId', 'hlc'],
    precedence: { kind: 'last-writer' },
  },
  { name: 'created', fields: ['createdAt', 'createdBy'], precedence: { kind: 'first-setter' } },
];

const lww = { kind: 'last-writer' } as const;
const sticky = { kind: 'sticky' } as const;

const editable = (
  spec: Partial<Omit<EditableSpec, 'kind' | 'groups'>> & { groups?: readonly FieldGroup[] },
): EditableSpec => ({
  kind: 'editable',
  key: spec.key ?? 'id',
  groups: [...provenanceGroups, ...(spec.groups ?? [])],
  derived: spec.derived ?? [],
  overrides: spec.overrides ?? [],
  invariants: spec.invariants ?? [],
});

/** The catalogue's terms of one item: the price only means something with its class and ratio. */
const catalogueTerms = [
  'code',
  'name',
  'category',
  'unit',
  'priceFen',
  'coverage',
  'selfPayRatioBp',
  'restriction',
] as const;

export const MERGE_SPECS: Record<string, TableSpec> = {
  // Deactivation is NOT sticky: the owner may reactivate a person, so `active` is plain
  // last-writer-wins. A new password and whether it is temporary come from one act (a reset or
  // the person's own change): half of one and half of the other would lock them out.
  // The roles a person holds are one value: the owner's latest decision on the whole set stands,
  // never a union of two decisions (one PC taking the owner role away and another adding the
  // pharmacist must not leave the person an owner nobody chose).
  staff: editable({
    groups: [
      { name: 'credentials', fields: ['password', 'mustChangePassword'], precedence: lww },
      { name: 'roles', fields: ['roles'], precedence: lww },
    ],
  }),

  // One row per settings key; its `value` (the whole clinic or security form) is one field.
  settings: editable({ key: 'key' }),

  // Name, sex, birth date and the ID document identify a person together: one PC correcting the
  // name and another the ID number must not produce a person neither of them saw.
  patients: editable({
    groups: [
      {
        name: 'identity',
        fields: ['name', 'sex', 'birthDate', 'idType', 'idNumber'],
        precedence: lww,
      },
      // Merged into another record of the same person: one act (where to, who, when, why), and
      // no stale edit un-merges it. Two opposite merges both stand; reads resolve the loop to
      // its lowest id (shared/patients/merge.ts).
      {
        name: 'merged',
        fields: ['mergedInto', 'mergedAt', 'mergedBy', 'mergeReason'],
        precedence: sticky,
      },
    ],
    derived: ['searchKeys', 'find'],
    invariants: [
      {
        name: 'not-merged-into-itself',
        problem: (row) =>
          row.mergedInto !== undefined && row.mergedInto === row.id
            ? 'a patient is merged into itself'
            : undefined,
      },
    ],
  }),

  visits: editable({
    groups: [
      { name: 'checkIn', fields: ['checkedInAt', 'checkedInBy'], precedence: lww },
      // A verification outcome arriving after a stale 'awaiting-verification' (a re-sent
      // check-in) stands; between two outcomes (failed, then an officer's override), the latest.
      {
        name: 'status',
        fields: ['status'],
        precedence: { kind: 'ranked', field: 'status', provisional: ['awaiting-verification'] },
      },
      // How it is settled, and why self-pay: one decision, taken together.
      {
        name: 'settlement',
        fields: ['settlement', 'selfPayCause', 'selfPayReason'],
        precedence: lww,
      },
      // An undone check-in stays undone: no stale edit brings the wrong patient's visit back.
      {
        name: 'cancel',
        fields: ['cancelledAt', 'cancelledBy', 'cancelReason'],
        precedence: sticky,
      },
    ],
    invariants: [
      {
        name: 'self-pay-says-why',
        problem: (row) =>
          row.settlement === 'self-pay' && row.selfPayCause === undefined
            ? 'a self-pay visit has no selfPayCause'
            : undefined,
      },
    ],
  }),

  // What a version holds: never half of one version's description and half of another's.
  catalogueVersions: editable({
    groups: [
      { name: 'file', fields: ['fileName', 'fileHash', 'itemCount', 'change'], precedence: lww },
    ],
  }),

  catalogueItems: editable({
    groups: [{ name: 'terms', fields: catalogueTerms, precedence: lww }],
    derived: ['searchKeys'],
  }),

  plannedItems: editable({
    groups: [
      { name: 'visit', fields: ['visitId', 'patientId', 'date'], precedence: lww },
      // The item and the terms copied from the catalogue in force: what the patient is told.
      {
        name: 'catalogueItem',
        fields: ['catalogueItemId', 'versionId', ...catalogueTerms],
        precedence: lww,
      },
      // What the clinician typed for the line (PlanInput).
      {
        name: 'planInput',
        fields: ['quantity', 'teeth', 'reason', 'alternatives'],
        precedence: lww,
      },
      // Performing (at the chair) and billing (at the desk) happened: never undone by a merge.
      { name: 'performed', fields: ['performedAt', 'performedBy'], precedence: sticky },
      { name: 'billed', fields: ['billedAt', 'billedBy'], precedence: sticky },
    ],
    // Cancelled on one PC while performed or billed on another: it was performed, so it shows
    // 'planned' with its marks; 'cancelled' only holds for an item with neither mark.
    overrides: [
      {
        field: 'status',
        from: 'cancelled',
        to: 'planned',
        whenAnySet: ['performedAt', 'billedAt'],
      },
    ],
    invariants: [
      {
        name: 'quantity-at-least-one',
        problem: (row) =>
          row.quantity !== undefined && !(typeof row.quantity === 'number' && row.quantity >= 1)
            ? `quantity ${JSON.stringify(row.quantity)} is below 1`
            : undefined,
      },
    ],
  }),

  // Not built yet: until their features land, every field is its own last-writer-wins group.
  // Their lifecycles (a closed complaint, an approved or executed disposal) must be declared
  // here, sticky, before those screens ship.
  records: editable({}),
  retentionPolicies: editable({}),
  disposals: editable({}),
  complaints: editable({}),

  verifications: { kind: 'insert-only', key: 'id' },
  consents: { kind: 'insert-only', key: 'id' },
  complaintEvents: { kind: 'insert-only', key: 'id' },
  consultations: { kind: 'insert-only', key: 'id' },
  attachments: { kind: 'insert-only', key: 'id', local: ['blob'] },
  auditEvents: { kind: 'insert-only', key: 'id' },

  // One void per consent, one review mark per verification: "also voided by …".
  consentVoids: {
    kind: 'first-wins',
    key: 'id',
    naturalKey: 'consentId',
    alsoFields: ['voidedBy', 'voidedAt', 'reason'],
  },
  verificationReviews: {
    kind: 'first-wins',
    key: 'id',
    naturalKey: 'verificationId',
    alsoFields: ['reviewedBy', 'reviewedAt'],
  },

  outbox: { kind: 'local' },
  syncState: { kind: 'local' },
  deviceState: { kind: 'local' },
  // The sync engine's own bookkeeping: these clocks, and what could not be applied.
  rowClocks: { kind: 'local' },
  syncIssues: { kind: 'local' },
  // The erasures this device holds: the merge's bookkeeping too (pushed again to a new hub).
  erasures: { kind: 'local' },
} satisfies Record<TableName, TableSpec>;

/** Tables whose rows travel through the hub (not this device's own state, nor the engine's). */
export const syncedTables: readonly string[] = Object.entries(MERGE_SPECS)
  .filter(([, spec]) => spec.kind !== 'local')
  .map(([table]) => table);
