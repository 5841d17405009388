import { z } from 'zod';
import { attachmentSchema } from '../attachments/attachment';
import { auditEventSchema } from '../audit/audit-event';
import { catalogueEntrySchema, catalogueVersionSchema } from '../catalogue/catalogue';
import { complaintSchema } from '../complaints/complaint';
import { complaintEventSchema } from '../complaints/complaint-event';
import { consultationSchema } from '../complaints/consultation';
import { consentSchema, consentVoidSchema } from '../consents/consent';
import { plannedItemSchema } from '../consents/planned-item';
import type { TableName } from '../db/schema';
import { patientSchema } from '../patients/patient';
import { provenanceSchema } from '../record';
import { settingsValueSchemas } from '../settings/settings';
import { staffSchema } from '../staff/staff';
import { isBoundedJson } from '../sync/protocol';
import { BadLineError, type NumberedLine } from './payload';
import { verificationReviewSchema, verificationSchema } from '../visits/verification';
import { visitSchema } from '../visits/visit';

/**
 * The schema every row of a backup is checked against before it is restored (hardening item 10):
 * a backup can be made by anyone who knows some passphrase, so its rows are input like any other.
 * The records' own schemas are reused; only the tables no feature has typed yet get one here.
 */

/** Free-form content (a settings value, an outbox change): plain, bounded JSON and nothing else. */
const boundedJson = z.unknown().refine(isBoundedJson, 'nests too deep or is not plain JSON');

const catalogueItemSchema = catalogueEntrySchema.and(
  z.object({ id: z.string(), versionId: z.string(), searchKeys: z.array(z.string()) }),
);

const settingsRowSchema = z
  .object({ id: z.string(), key: z.string(), value: boundedJson })
  .extend(provenanceSchema.shape)
  .superRefine((row, ctx) => {
    // A known group's value must be what the settings screens write; a later one is kept as is.
    const schema = settingsValueSchemas[row.key as keyof typeof settingsValueSchemas];
    if (row.id !== row.key)
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'id must equal key' });
    if (!schema) return;
    for (const issue of schema.safeParse(row.value).error?.issues ?? [])
      ctx.addIssue({ ...issue, path: ['value', ...issue.path] } as never);
  });

/** Rows of tables whose screens are not built yet (records, retention, disposals): an id and plain JSON. */
const laterRowSchema = z.looseObject({ id: z.string() }).refine(isBoundedJson, 'not plain JSON');

/** A change may carry a whole row with its photo: files are allowed, nothing else unusual. */
const changeData = z
  .unknown()
  .refine((data) => isBoundedJson(stripBlobs(data)), 'nests too deep or is not plain JSON');

const currentOutboxEntrySchema = z.object({
  id: z.string(),
  deviceSeq: z.number().int().min(1),
  txId: z.string(),
  txIndex: z.number().int().min(0),
  hlc: z.string(),
  table: z.string(),
  entityId: z.string(),
  op: z.enum(['upsert', 'insert', 'erase']),
  schemaVersion: z.number().int().min(1),
  data: changeData,
  createdAt: z.string(),
  origin: z
    .object({ deviceId: z.string().optional(), deviceSeq: z.number().int().optional() })
    .optional(),
});

/**
 * An entry as stores before version 4 wrote it (whole rows, no numbers): a backup of such a store
 * still restores, and the restored store renumbers it (renderer/src/db/outbox.ts).
 */
const legacyOutboxEntrySchema = z.object({
  id: z.string(),
  hlc: z.string(),
  table: z.string(),
  entityId: z.string(),
  op: z.enum(['upsert', 'insert']),
  row: changeData,
  createdAt: z.string(),
});

const outboxEntrySchema = z.union([currentOutboxEntrySchema, legacyOutboxEntrySchema]);

const rowClocksSchema = z.object({ key: z.string(), clocks: z.record(z.string(), z.string()) });

/** A retention disposal the device holds: kept in backups, so that a restored PC keeps blocking. */
const erasureSchema = z
  .object({
    key: z.string(),
    table: z.string(),
    entityId: z.string(),
    hlc: z.string(),
    data: boundedJson,
    txId: z.string().optional(),
  })
  .refine((row) => row.key === `${row.table}/${row.entityId}`, {
    message: 'key must be <table>/<entityId>',
    path: ['key'],
  });

const syncIssueSchema = z.object({
  id: z.string(),
  kind: z.enum(['quarantined', 'alarm', 'newer']),
  at: z.string(),
  table: z.string(),
  entityId: z.string(),
  detail: z.string(),
  seq: z.number().int().optional(),
  change: boundedJson.optional(),
  // Why the clinic's log refused the change (shared/sync/verdict.ts), shown in words.
  refusal: z
    .object({
      reason: z.string(),
      actorId: z.string(),
      actorName: z.string(),
      role: z.string().nullable(),
      entity: z.string(),
      action: z.string(),
    })
    .optional(),
});

/** Files (Blob) replaced by null, for the plain-JSON check of a change that carries a photo. */
const stripBlobs = (value: unknown): unknown => {
  if (typeof Blob !== 'undefined' && value instanceof Blob) return null;
  if (Array.isArray(value)) return value.map(stripBlobs);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripBlobs(v)]));
  return value;
};

/** The tables a backup carries (every table but this device's own state) and their row schemas. */
export const backupRowSchemas = {
  staff: staffSchema,
  settings: settingsRowSchema,
  patients: patientSchema,
  visits: visitSchema,
  catalogueVersions: catalogueVersionSchema,
  catalogueItems: catalogueItemSchema,
  plannedItems: plannedItemSchema,
  records: laterRowSchema,
  retentionPolicies: laterRowSchema,
  disposals: laterRowSchema,
  complaints: complaintSchema,
  verifications: verificationSchema,
  verificationReviews: verificationReviewSchema,
  consents: consentSchema,
  consentVoids: consentVoidSchema,
  complaintEvents: complaintEventSchema,
  consultations: consultationSchema,
  attachments: attachmentSchema,
  auditEvents: auditEventSchema,
  outbox: outboxEntrySchema,
  rowClocks: rowClocksSchema,
  syncIssues: syncIssueSchema,
  erasures: erasureSchema,
} as const satisfies Partial<Record<TableName, z.ZodType>>;

/** What is wrong with a row: the field (dotted path, '' for the row) and zod's kind of problem. */
export type RowIssue = {
  field: string;
  problem:
    | 'unknown-field'
    | 'missing'
    | 'wrong-type'
    | 'out-of-range'
    | 'wrong-format'
    | 'not-allowed'
    | 'breaks-rule';
};

const problemOf = (issue: z.core.$ZodIssue, row: unknown): RowIssue['problem'] => {
  switch (issue.code) {
    case 'unrecognized_keys':
      return 'unknown-field';
    case 'invalid_type':
      return valueAt(row, issue.path) === undefined ? 'missing' : 'wrong-type';
    case 'too_big':
    case 'too_small':
      return 'out-of-range';
    case 'invalid_format':
      return 'wrong-format';
    case 'invalid_value':
    case 'invalid_union':
      return 'not-allowed';
    default:
      return 'breaks-rule';
  }
};

const valueAt = (row: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>(
    (at, key) =>
      typeof at === 'object' && at !== null ? (at as Record<PropertyKey, unknown>)[key] : undefined,
    row,
  );

/** Top-level fields the schema does not know: zod's objects drop them silently, a restore must not. */
const unknownFields = (row: Record<string, unknown>, parsed: unknown): string[] =>
  typeof parsed === 'object' && parsed !== null
    ? Object.keys(row).filter((key) => !(key in parsed))
    : [];

/** The first thing wrong with a row of `table`, or undefined when it may be restored. */
export const checkBackupRow = (
  table: keyof typeof backupRowSchemas,
  row: Record<string, unknown>,
): RowIssue | undefined => {
  const result = backupRowSchemas[table].safeParse(row);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    return { field: issue.path.map(String).join('.'), problem: problemOf(issue, row) };
  }
  const [extra] = unknownFields(row, result.data);
  return extra === undefined ? undefined : { field: extra, problem: 'unknown-field' };
};

export const isBackupTable = (table: string): table is keyof typeof backupRowSchemas =>
  Object.hasOwn(backupRowSchemas, table);

/**
 * Passes on batches of lines whose rows fit their table's schema; the first row that does not
 * stops the stream with its line number, table, field and problem. A table this version does not
 * know is passed on: the import refuses it as data of a newer ClinicDesk.
 */
export const checkedRows = (): TransformStream<NumberedLine[], NumberedLine[]> =>
  new TransformStream({
    transform(batch, controller) {
      for (const line of batch) {
        if (!isBackupTable(line.table)) continue;
        const issue = checkBackupRow(line.table, line.row);
        if (issue) throw new BadLineError('invalid-row', line.line, line.table, issue);
      }
      controller.enqueue(batch);
    },
  });
