import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { schemaVersions } from '../../../shared/db/schema';
import { queryAudit } from './audit';
import { ClinicDb } from './database';
import { registerPatient, searchPatients } from './patients';
import { withCheck, ZHANG_SAN } from './testing/patients';
import { storeWithOwner } from './testing/store';

const indexesOf = (db: ClinicDb, table: 'patients' | 'auditEvents') =>
  db.table(table).schema.indexes.map((index) => index.name);

describe('the store upgrade to fewer indexes (schema version 7)', () => {
  it('keeps every patient and audit event of a version-6 store, found as before', async () => {
    // A version-6 store holding what today's code writes: a clinic with one registered patient.
    const made = await storeWithOwner();
    const zhang = await registerPatient(made.ctx, made.ownerActor, ZHANG_SAN);
    const tables = Object.fromEntries(
      await Promise.all(
        made.db.tables.map(async (table) => [table.name, await table.toArray()] as const),
      ),
    );
    made.db.close();
    const name = `lighter-${Math.random()}`;
    const old = new Dexie(name, { indexedDB, IDBKeyRange });
    old.version(6).stores(schemaVersions[5].stores);
    for (const [table, rows] of Object.entries(tables))
      if (old.tables.some((t) => t.name === table)) await old.table(table).bulkPut(rows);
    expect(old.table('patients').schema.indexes.map((index) => index.name)).toContain('phone');
    old.close();

    const db = new ClinicDb(name, { indexedDB, IDBKeyRange });
    const ctx = { ...made.ctx, db };
    expect(indexesOf(db, 'patients')).not.toContain('phone');
    expect(indexesOf(db, 'patients')).not.toContain('updatedAt');
    expect(indexesOf(db, 'auditEvents')).toEqual(['[deviceId+seq]', 'entityId']);
    // Search by the phone number and its last four digits still goes through the search keys.
    for (const query of [ZHANG_SAN.phone!, ZHANG_SAN.phone!.slice(-4), '张', 'zs'])
      expect((await searchPatients(db, made.ownerActor, query)).map((p) => p.id)).toEqual([
        zhang.id,
      ]);
    // The audit log filters by who and what without their indexes.
    const created = await queryAudit(db, made.ownerActor, {
      actorId: made.owner.id,
      entity: 'patient',
      action: 'create',
    });
    expect(created.map((event) => event.entityId)).toEqual([zhang.id]);
    // And the store takes new writes.
    await registerPatient(ctx, made.ownerActor, {
      ...ZHANG_SAN,
      name: '李四',
      idNumber: withCheck('11010119900307425'),
      cardNumber: 'A10000002',
      phone: undefined,
    });
    expect(await db.patients.count()).toBe(2);
    db.close();
  });
});
