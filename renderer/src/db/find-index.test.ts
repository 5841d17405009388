import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { today } from '../../../shared/clock/calendar-date';
import { schemaVersions } from '../../../shared/db/schema';
import { ClinicDb } from './database';
import { registerPatient, searchPatients } from './patients';
import { withCheck, ZHANG_SAN } from './testing/patients';
import { storeWithOwner } from './testing/store';
import { checkIn, visitsOn } from './visits';

const indexesOf = (db: ClinicDb, table: 'patients' | 'visits') =>
  db.table(table).schema.indexes.map((index) => index.name);

describe('the store upgrade to the `find` index (schema version 9)', () => {
  it('makes every patient of a version-8 store searchable as before, and reads days without a date index', async () => {
    // A version-8 store holding what today's code writes, without `find` (version 8 had none).
    const made = await storeWithOwner();
    const zhang = await registerPatient(made.ctx, made.ownerActor, ZHANG_SAN);
    const visit = await checkIn(made.ctx, made.ownerActor, zhang.id);
    const tables = Object.fromEntries(
      await Promise.all(
        made.db.tables.map(async (table) => [table.name, await table.toArray()] as const),
      ),
    );
    made.db.close();
    const name = `find-${Math.random()}`;
    const old = new Dexie(name, { indexedDB, IDBKeyRange });
    old.version(8).stores(schemaVersions[7].stores);
    for (const [table, rows] of Object.entries(tables))
      if (old.tables.some((t) => t.name === table))
        await old
          .table(table)
          .bulkPut(table === 'patients' ? rows.map(({ find: _gone, ...row }) => row) : rows);
    expect(old.table('patients').schema.indexes.map((index) => index.name)).toContain('searchKeys');
    old.close();

    const db = new ClinicDb(name, { indexedDB, IDBKeyRange });
    const ctx = { ...made.ctx, db };
    expect(indexesOf(db, 'patients')).toEqual([
      'idNumber',
      'cardNumber',
      'name',
      'find',
      'mergedInto',
    ]);
    expect(indexesOf(db, 'visits')).toEqual(['patientId']);
    // The upgrade computed `find`; `searchKeys` is kept as it was.
    const upgraded = (await db.patients.get(zhang.id))!;
    expect(upgraded.searchKeys).toEqual(zhang.searchKeys);
    expect(upgraded.find).toEqual(
      expect.arrayContaining(['zhangsan', 'zs', ZHANG_SAN.phone!.replace(/\D/g, '')]),
    );
    // Found by every kind of key the search box promises.
    const idTail = ZHANG_SAN.idNumber.toLowerCase();
    for (const query of [
      ZHANG_SAN.phone!,
      ZHANG_SAN.phone!.slice(-4),
      idTail.slice(-4),
      idTail.slice(-5),
      idTail.slice(-6),
      '张',
      'zs',
      'zhangsan',
    ])
      expect(
        (await searchPatients(db, made.ownerActor, query)).map((p) => p.id),
        query,
      ).toEqual([zhang.id]);
    // Today's list reads the day through the visits' ids.
    expect(
      (await visitsOn(db, made.ownerActor, today(made.ctx.clock))).map((v) => v.visit.id),
    ).toEqual([visit.id]);

    // A patient registered after the upgrade is found by its tails too.
    const li = await registerPatient(ctx, made.ownerActor, {
      ...ZHANG_SAN,
      name: '李四',
      idNumber: withCheck('11010119900307425'),
      cardNumber: 'A10000002',
      phone: '13900001234',
    });
    expect((await searchPatients(db, made.ownerActor, '1234')).map((p) => p.id)).toEqual([li.id]);
    expect((await searchPatients(db, made.ownerActor, 'ls')).map((p) => p.id)).toEqual([li.id]);
    db.close();
  });
});
