import type { Refusal } from '../../../shared/sync/verdict';
import Dexie, { type Table } from 'dexie';
import type { Attachment } from '../../../shared/attachments/attachment';
import type { AuditEvent } from '../../../shared/audit/audit-event';
import type { CatalogueItem, CatalogueVersion } from '../../../shared/catalogue/catalogue';
import type { Complaint } from '../../../shared/complaints/complaint';
import type { ComplaintEvent } from '../../../shared/complaints/complaint-event';
import type { Consultation } from '../../../shared/complaints/consultation';
import type { Consent, ConsentVoid } from '../../../shared/consents/consent';
import type { PlannedItem } from '../../../shared/consents/planned-item';
import { schemaVersions } from '../../../shared/db/schema';
import type { Patient } from '../../../shared/patients/patient';
import type { Provenance } from '../../../shared/record';
import type { RowClocks } from '../../../shared/sync/change';
import type { Erasure } from '../../../shared/sync/merge';
import { renumberOutbox } from './outbox';
import { upgradeStaffRoles } from './staff-roles-upgrade';
import { pinyinReadings } from './pinyin';
import { patientDerivedKeys } from '../../../shared/patients/patient';
import type { Staff } from '../../../shared/staff/staff';
import type { Verification, VerificationReview } from '../../../shared/visits/verification';
import type { Visit } from '../../../shared/visits/visit';
import { backupTables } from './store-export';
import { StoreHeldError, writeGateOf, type WriteGate } from './write-gate';

/** One settings group (clinic, security, …): `id` equals `key` so the write path can treat it like any row. */
export type SettingsRow = { id: string; key: string; value: unknown } & Provenance;
export type DeviceStateRow = { key: string; value: unknown };

/**
 * A change waiting to be pushed to the sync hub (shared/sync/change.ts says what `data` holds).
 * Numbered 1, 2, 3, … by this device (`deviceSeq`); the changes of one local transaction share a
 * `txId` and follow each other. Deleted once the hub has acknowledged them.
 */
export type OutboxEntry = {
  id: string;
  deviceSeq: number;
  txId: string;
  txIndex: number;
  hlc: string;
  table: string;
  entityId: string;
  /** 'erase' only when a retention disposal is re-pushed to a hub that lost its log. */
  op: 'upsert' | 'insert' | 'erase';
  /** The version of the wire data (shared/sync/protocol.ts), not the local store's. */
  schemaVersion: number;
  data: unknown;
  createdAt: string;
  /** Where a change came from when it was renumbered (a restored backup joining as a new device). */
  origin?: { deviceId?: string; deviceSeq?: number };
};

/** Merge bookkeeping of one editable row: field group → winning stamp. */
export type RowClocksRow = { key: string; clocks: RowClocks };

/**
 * An entity a retention disposal erased, under its rowClocks key ("<table>/<id>"). `txId`: the
 * transaction of the erase change, kept only when this PC carried the disposal out itself; if the
 * clinic's log refuses that very transaction, this PC takes the erasure back (sync/refused.ts).
 * An erasure received, restored, or pushed again to a rebuilt hub is never taken back here.
 */
export type ErasureRow = { key: string; txId?: string } & Erasure;

/** A change that could not be applied, or a merge alarm: shown to the owner, never hidden. */
export type SyncIssue = {
  id: string;
  /** `newer`: written by a newer ClinicDesk; kept, and applied once this PC is updated. */
  kind: 'quarantined' | 'alarm' | 'newer';
  at: string;
  table: string;
  entityId: string;
  detail: string;
  /** The hub's seq of the change, when it came from the hub. */
  seq?: number;
  /** The change itself, kept so that it can be applied once the cause is fixed. */
  change?: unknown;
  /** Why the clinic's log refused the change's transaction (a role the author no longer held). */
  refusal?: Refusal;
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
  declare complaints: Table<Complaint, string>;
  declare verifications: Table<Verification, string>;
  declare verificationReviews: Table<VerificationReview, string>;
  declare consents: Table<Consent, string>;
  declare consentVoids: Table<ConsentVoid, string>;
  declare complaintEvents: Table<ComplaintEvent, string>;
  declare consultations: Table<Consultation, string>;
  declare attachments: Table<Attachment, string>;
  declare auditEvents: Table<AuditEvent, string>;
  declare outbox: Table<OutboxEntry, string>;
  declare syncState: Table<DeviceStateRow, string>;
  declare deviceState: Table<DeviceStateRow, string>;
  declare rowClocks: Table<RowClocksRow, string>;
  declare syncIssues: Table<SyncIssue, string>;
  declare erasures: Table<ErasureRow, string>;
  /** Holds writes while a backup reads the store (write-gate.ts). */
  readonly writeGate: WriteGate;

  constructor(name = DEFAULT_DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    for (const { version, stores } of schemaVersions) {
      const declared = this.version(version).stores(stores);
      // Version 4 numbers the outbox for the hub and gives its entries the wire shape.
      if (version === 4)
        declared.upgrade((tx) => renumberOutbox(tx.table('outbox'), tx.table('deviceState')));
      if (version === 6)
        declared.upgrade((tx) => upgradeStaffRoles(tx.table('staff'), tx.table('rowClocks')));
      // Version 9 indexes patients by `find`: computed for every patient held.
      if (version === 9)
        declared.upgrade((tx) =>
          tx
            .table('patients')
            .toCollection()
            .modify((row: Record<string, unknown>) => {
              Object.assign(row, patientDerivedKeys(row, pinyinReadings));
            }),
        );
    }
    this.writeGate = writeGateOf(name);
    gateWrites(this, this.writeGate);
  }
}

/** Writing only this device's own tables (never backed up) needs no gate. */
const backedUp = new Set<string>(backupTables);

/**
 * Every top-level read-write transaction passes the write gate; one nested in a transaction of
 * this store is already inside it (and must not wait for a backup that waits for its parent).
 * Underneath, a read-write transaction over backed-up tables that reaches IndexedDB while a
 * backup holds the gate did not pass it (an implicit `table.put()` outside a transaction): it is
 * refused, so that no write can slip into a backup unseen.
 */
const gateWrites = (db: ClinicDb, gate: WriteGate) => {
  const transaction = db.transaction.bind(db) as (...args: unknown[]) => PromiseLike<unknown>;
  db.transaction = ((...args: unknown[]) => {
    const mode = String(args[0]);
    const parent = Dexie.currentTransaction as { db?: Dexie } | null;
    if (!mode.includes('w') || parent?.db?.name === db.name) return transaction(...args);
    return gate.write(() => transaction(...args));
  }) as ClinicDb['transaction'];
  db.use({
    stack: 'dbcore',
    name: 'write-gate',
    create: (down) => ({
      ...down,
      transaction: (stores, mode, options) => {
        if (mode === 'readwrite' && gate.holding && stores.some((t) => backedUp.has(t)))
          throw new StoreHeldError(stores);
        return down.transaction(stores, mode, options);
      },
    }),
  });
};
