import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { schemaVersions } from '../../../shared/db/schema';
import { manualClock } from '../../../shared/clock/clock';
import { ClinicDb } from './database';
import { login } from './session';
import { updateStaffProfile, actorOf } from './staff';
import { upgradeImportedRow } from './staff-roles-upgrade';
import { storeWithOwner, OWNER_PASSWORD } from './testing/store';

describe('the store upgrade to several roles per person (schema version 6)', () => {
  it("turns each person's one role into a set of one, with its merge clock, and keeps them working", async () => {
    // A version-5 store holding the rows today's code writes, put back in the old shape.
    const made = await storeWithOwner();
    const owner = (await made.db.staff.toArray())[0]!;
    const settings = await made.db.settings.toArray();
    made.db.close();
    const { roles: _roles, ...rest } = owner;
    const name = `upgrade-${Math.random()}`;
    const old = new Dexie(name, { indexedDB, IDBKeyRange });
    old.version(5).stores(schemaVersions[4].stores);
    await old.table('settings').bulkPut(settings);
    await old.table('staff').put({ ...rest, role: 'owner' });
    await old.table('staff').put({ ...rest, id: 'desk', username: 'wangfang', role: 'front-desk' });
    await old.table('rowClocks').put({ key: 'desk', clocks: {} });
    await old
      .table('rowClocks')
      .put({ key: 'staff/desk', clocks: { role: 'stamp-1', active: 's2' } });
    old.close();

    const db = new ClinicDb(name, { indexedDB, IDBKeyRange });
    const ctx = { db, clock: manualClock('2026-11-22T10:00:00+08:00'), deviceId: 'desk-1' };
    const rows = await db.staff.orderBy('username').toArray();
    expect(rows.map((r) => [r.username, r.roles])).toEqual([
      ['lina', ['owner']],
      ['wangfang', ['front-desk']],
    ]);
    for (const row of rows) expect(row).not.toHaveProperty('role');
    expect((await db.rowClocks.get('staff/desk'))?.clocks).toEqual({
      '@roles': 'stamp-1',
      active: 's2',
    });
    // Found by role, and the owner logs in and manages staff as before.
    expect((await db.staff.where('roles').equals('owner').toArray()).map((s) => s.id)).toEqual([
      owner.id,
    ]);
    const signedIn = await login(ctx, 'lina', OWNER_PASSWORD);
    if (!signedIn.ok) throw new Error('owner cannot log in after the upgrade');
    await updateStaffProfile(ctx, actorOf(signedIn.staff), 'desk', {
      displayName: '王芳',
      roles: ['front-desk', 'pharmacist'],
    });
    expect((await db.staff.get('desk'))?.roles).toEqual(['front-desk', 'pharmacist']);
    db.close();
  });

  it('reads the staff rows and merge clocks of a backup made before the upgrade the same way', () => {
    expect(upgradeImportedRow('staff', { id: 's1', role: 'clinician' })).toEqual({
      id: 's1',
      roles: ['clinician'],
    });
    expect(
      upgradeImportedRow('rowClocks', { key: 'staff/s1', clocks: { role: 'x', displayName: 'y' } }),
    ).toEqual({ key: 'staff/s1', clocks: { '@roles': 'x', displayName: 'y' } });
    const patient = { id: 'p1', role: 'not a staff field' };
    expect(upgradeImportedRow('patients', patient)).toBe(patient);
  });
});
