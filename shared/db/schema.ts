/**
 * The local store's tables and indexes, as Dexie store specs (plain strings, so the CLI and
 * the backup format can read them without Dexie). A new version only ever adds: the renderer
 * declares every version in order, and Dexie runs the upgrades between them.
 */
const version1 = {
  // editable records (synced, last-writer-wins per field)
  staff: 'id, &username, role',
  settings: 'key',
  patients: 'id, idNumber, cardNumber, phone, name, *searchKeys, updatedAt',
  visits: 'id, patientId, date, [date+patientId]',
  catalogueVersions: 'id, effectiveFrom',
  catalogueItems: 'id, versionId, [versionId+code], code',
  records: 'id, patientId, kind, shelf, [year+month]',
  retentionPolicies: 'id',
  disposals: 'id, status',
  complaints: 'id, status, dueAt, receivedAt',
  // append-only records (synced, insert-only)
  verifications: 'id, visitId, patientId, at',
  consents: 'id, visitId, patientId, status, signedAt',
  complaintEvents: 'id, complaintId, at',
  attachments: 'id, ownerId',
  auditEvents: 'id, [deviceId+seq], at, actorId, entity, action, entityId',
  // this device only (never synced)
  outbox: 'id, hlc',
  syncState: 'key',
  deviceState: 'key',
} as const;

const version7 = {
  ...version1,
  verificationReviews: 'id, reviewedAt',
  catalogueItems: 'id, versionId, [versionId+code], code, *searchKeys',
  plannedItems: 'id, visitId, patientId, date, status',
  consents: 'id, visitId, patientId, status, signedAt, date, clinicianId',
  consentVoids: 'id, consentId, voidedAt',
  outbox: 'id, &deviceSeq, txId, hlc',
  rowClocks: 'key',
  syncIssues: 'id, kind, at',
  staff: 'id, username, *roles',
  // Only the indexes a screen reads by. Every index entry is written with every row, and
  // patients and audit events are most of what a new workstation's initial sync writes:
  // patients are searched by their keys (a phone number is one), never by phone or date;
  // the audit log is read by time and by record, and filtered by who and what in memory.
  patients: 'id, idNumber, cardNumber, name, *searchKeys, mergedInto',
  auditEvents: 'id, [deviceId+seq], at, entityId',
  // 咨询 at the desk (synced, insert-only), newest first by `at`.
  consultations: 'id, at',
  // A complaint turned from a consultation is found from the consultation.
  complaints: 'id, status, dueAt, receivedAt, fromConsultationId',
} as const;

const version8 = {
  ...version7,
  // Retention disposals this device holds ("<table>/<id>", like rowClocks): the erased rows
  // stay gone, whatever arrives later (merge-spec.ts, "Erasure"). Backed up with the rest.
  erasures: 'key',
} as const;

const version9 = {
  ...version8,
  // Patients are searched by `find` (patientIndexKeys): the same search as `searchKeys` in
  // five keys instead of seven, the tails read backwards. `searchKeys` is kept, unindexed.
  patients: 'id, idNumber, cardNumber, name, *find, mergedInto',
  // A day's visits are read through [date+patientId]; a `date` index beside it only doubled
  // the entries written with every visit.
  visits: 'id, patientId, [date+patientId]',
  // The audit log is read by time through its ids (UUIDv7, made with the event's `at`).
  auditEvents: 'id, [deviceId+seq], entityId',
} as const;

export const schemaVersions = [
  { version: 1, stores: version1 },
  {
    version: 2,
    stores: {
      ...version1,
      // the insurance officer's daily-review marks, keyed by the verification's id (insert-only)
      verificationReviews: 'id, reviewedAt',
    },
  },
  {
    version: 3,
    stores: {
      ...version1,
      verificationReviews: 'id, reviewedAt',
      // catalogue search by code, name and pinyin
      catalogueItems: 'id, versionId, [versionId+code], code, *searchKeys',
      // the clinician's plan for a visit (editable until a signed consent covers an item)
      plannedItems: 'id, visitId, patientId, date, status',
      consents: 'id, visitId, patientId, status, signedAt, date, clinicianId',
      // voiding a consent (insert-only, at most one per consent)
      consentVoids: 'id, &consentId, voidedAt',
    },
  },
  {
    version: 4,
    stores: {
      ...version1,
      verificationReviews: 'id, reviewedAt',
      catalogueItems: 'id, versionId, [versionId+code], code, *searchKeys',
      plannedItems: 'id, visitId, patientId, date, status',
      consents: 'id, visitId, patientId, status, signedAt, date, clinicianId',
      // Sync: a unique index would abort a whole pulled page with a ConstraintError when two
      // offline PCs create the same username or void the same consent. Uniqueness is a flag.
      staff: 'id, username, role',
      consentVoids: 'id, consentId, voidedAt',
      // Changes waiting for the hub, numbered 1, 2, 3, … by this device (deviceSeq).
      outbox: 'id, &deviceSeq, txId, hlc',
      // The merge's bookkeeping per editable row ("<table>/<id>" → field group → winning stamp).
      rowClocks: 'key',
      // Changes that could not be applied, and merge alarms, for the owner to see.
      syncIssues: 'id, kind, at',
    },
  },
  {
    version: 5,
    stores: {
      ...version1,
      verificationReviews: 'id, reviewedAt',
      catalogueItems: 'id, versionId, [versionId+code], code, *searchKeys',
      plannedItems: 'id, visitId, patientId, date, status',
      consents: 'id, visitId, patientId, status, signedAt, date, clinicianId',
      staff: 'id, username, role',
      consentVoids: 'id, consentId, voidedAt',
      outbox: 'id, &deviceSeq, txId, hlc',
      rowClocks: 'key',
      syncIssues: 'id, kind, at',
      // Records merged into another record of the same person, found from the survivor.
      patients: 'id, idNumber, cardNumber, phone, name, *searchKeys, updatedAt, mergedInto',
    },
  },
  {
    version: 6,
    stores: {
      ...version1,
      verificationReviews: 'id, reviewedAt',
      catalogueItems: 'id, versionId, [versionId+code], code, *searchKeys',
      plannedItems: 'id, visitId, patientId, date, status',
      consents: 'id, visitId, patientId, status, signedAt, date, clinicianId',
      consentVoids: 'id, consentId, voidedAt',
      outbox: 'id, &deviceSeq, txId, hlc',
      rowClocks: 'key',
      syncIssues: 'id, kind, at',
      patients: 'id, idNumber, cardNumber, phone, name, *searchKeys, updatedAt, mergedInto',
      // A person holds a set of roles (the owner who is also the dentist): found by any of them.
      staff: 'id, username, *roles',
    },
  },
  { version: 7, stores: version7 },
  { version: 8, stores: version8 },
  { version: 9, stores: version9 },
  {
    version: 10,
    stores: {
      ...version9,
      // A visit's id is a UUIDv7 made at its check-in, on its own day: a day's visits are read
      // through the primary key (visitsOfDay) and a patient's through patientId, so the
      // [date+patientId] index only added an entry to every visit written.
      visits: 'id, patientId',
    },
  },
] as const satisfies readonly { version: number; stores: Record<string, string> }[];

type Last<T extends readonly unknown[]> = T extends readonly [...unknown[], infer L] ? L : never;
type CurrentSchema = Last<typeof schemaVersions>;

export type TableName = keyof CurrentSchema['stores'];

export const currentSchema: CurrentSchema = schemaVersions[
  schemaVersions.length - 1
] as CurrentSchema;

export const currentSchemaVersion: number = currentSchema.version;

export const tableNames = Object.keys(currentSchema.stores) as TableName[];

/** Tables whose rows are shared with the clinic's other workstations. */
export const localOnlyTables: readonly TableName[] = [
  'outbox',
  'syncState',
  'deviceState',
  'rowClocks',
  'syncIssues',
  'erasures',
];
