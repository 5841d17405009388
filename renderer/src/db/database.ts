import Dexie, { type Table } from 'dexie';
import type { Attachment } from '../../../shared/attachments/attachment';
import type { AuditEvent } from '../../../shared/audit/audit-event';
import type { CatalogueItem, CatalogueVersion } from '../../../shared/catalogue/catalogue';
import type { Consent, ConsentVoid } from '../../../shared/consents/consent';
import type { PlannedItem } from '../../../shared/consents/planned-item';
import { schemaVersions } from '../../../shared/db/schema';
import type { Patient } from '../../../shared/patients/patient';
import type { Provenance } from '../../../shared/record';
import type { Staff } from '../../../shared/staff/staff';
import type { Verification, VerificationReview } from '../../../shared/visits/verification';
import type { Visit } from '../../../shared/visits/visit';

/** One settings group (clinic, security, …): `id` equals `key` so the write path can treat it like any row. */
export type SettingsRow = { id: string; key: string; value: unknown } & Provenance;
export type DeviceStateRow = { key: string; value: unknown };

/** A change waiting to be pushed to the sync hub. */
export type OutboxEntry = {
  id: string;
  hlc: string;
  table: string;
  entityId: string;
  op: 'upsert' | 'insert';
  row: unknown;
  createdAt: string;
};

/** Rows of tables whose screens are not built yet: typed by their own feature when it lands. */
type LaterRow = { id: string } & Record<string, unknown>;

export const DEFAULT_DB_NAME = 'clinicdesk';

export class ClinicDb extends Dexie {
  declare staff: Table<Staff, string>;
  declare settings: Table<SettingsRow, string>;
  declare patients: Table<Patient, string>;
  declare visits: Table<Visit, string>;
  declare catalogueVersions: Table<CatalogueVersion, string>;
  declare catalogueItems: Table<CatalogueItem, string>;
  declare plannedItems: Table<PlannedItem, string>;
  declare records: Table<LaterRow, string>;
  declare retentionPolicies: Table<LaterRow, string>;
  declare disposals: Table<LaterRow, string>;
  declare complaints: Table<LaterRow, string>;
  declare verifications: Table<Verification, string>;
  declare verificationReviews: Table<VerificationReview, string>;
  declare consents: Table<Consent, string>;
  declare consentVoids: Table<ConsentVoid, string>;
  declare complaintEvents: Table<LaterRow, string>;
  declare attachments: Table<Attachment, string>;
  declare auditEvents: Table<AuditEvent, string>;
  declare outbox: Table<OutboxEntry, string>;
  declare syncState: Table<DeviceStateRow, string>;
  declare deviceState: Table<DeviceStateRow, string>;

  constructor(name = DEFAULT_DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    for (const { version, stores } of schemaVersions) this.version(version).stores(stores);
  }
}
