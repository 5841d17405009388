import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { schemaVersions } from '../../../shared/db/schema';
import { ClinicDb } from './database';
import { DEVICE_SEQ_KEY } from './outbox';
import { storeWithOwner } from './testing/store';

const stamp = (ms: number, node = 'desk-1') => `${String(ms).padStart(15, '0')}-00000-${node}`;

describe('the store upgrade that numbers the outbox (schema version 4)', () => {
  it('numbers a version-3 outbox in HLC order, keeps a row with its audit event, and converts every shape', async () => {
    const name = `upgrade-${Math.random()}`;
    const old = new Dexie(name, { indexedDB, IDBKeyRange });
    old.version(3).stores(schemaVersions[2].stores);
    const patient = { id: 'p1', name: '张三', searchKeys: ['zs'], hlc: stamp(2) };
    await old.table('outbox').bulkPut([
      // written out of id order, as several repositories did
      {
        id: 'z',
        hlc: stamp(2),
        table: 'patients',
        entityId: 'p1',
        op: 'upsert',
        row: patient,
        createdAt: 'x',
      },
      {
        id: 'a',
        hlc: stamp(2),
        table: 'auditEvents',
        entityId: 'e2',
        op: 'insert',
        row: { id: 'e2' },
        createdAt: 'x',
      },
      {
        id: 'm',
        hlc: stamp(1),
        table: 'auditEvents',
        entityId: 'e1',
        op: 'insert',
        row: { id: 'e1' },
        createdAt: 'x',
      },
      {
        id: 'c1',
        hlc: stamp(3),
        table: 'catalogueItems',
        entityId: 'v1',
        op: 'insert',
        row: [{ id: 'i1' }],
        createdAt: 'x',
      },
      {
        id: 'c2',
        hlc: stamp(3),
        table: 'catalogueItems',
        entityId: 'v1',
        op: 'insert',
        row: [{ id: 'i2' }],
        createdAt: 'x',
      },
    ]);
    old.close();

    const db = new ClinicDb(name, { indexedDB, IDBKeyRange });
    const entries = await db.outbox.orderBy('deviceSeq').toArray();
    expect(entries.map((e) => [e.deviceSeq, e.entityId])).toEqual([
      [1, 'e1'],
      [2, 'e2'],
      [3, 'p1'],
      [4, 'v1:0'],
      [5, 'v1:1'],
    ]);
    // The patient and its audit event are one transaction, numbered 0 and 1 within it.
    expect(entries[1]!.txId).toBe(entries[2]!.txId);
    expect([entries[1]!.txIndex, entries[2]!.txIndex]).toEqual([0, 1]);
    expect(entries[0]!.txId).not.toBe(entries[1]!.txId);
    // Whole rows became patches without derived fields; audit rows and chunks kept their content.
    expect(entries[2]!.data).toEqual({ set: { id: 'p1', name: '张三', hlc: stamp(2) } });
    expect(entries[0]!.data).toEqual({ id: 'e1' });
    expect(entries[4]!.data).toEqual({ items: [{ id: 'i2' }] });
    expect((await db.deviceState.get(DEVICE_SEQ_KEY))?.value).toBe(5);
  });
});

describe('the outbox', () => {
  it('numbers each change 1, 2, 3, … and keeps a row and its audit event in one transaction', async () => {
    const { db } = await storeWithOwner();
    const entries = await db.outbox.orderBy('deviceSeq').toArray();
    expect(entries.map((e) => e.deviceSeq)).toEqual(entries.map((_, i) => i + 1));
    // Setup writes the owner, the clinic settings and their audit events in one transaction.
    expect(new Set(entries.map((e) => e.txId)).size).toBe(1);
    expect(entries.map((e) => e.txIndex)).toEqual(entries.map((_, i) => i));
    expect((await db.deviceState.get(DEVICE_SEQ_KEY))?.value).toBe(entries.length);
  });
});
