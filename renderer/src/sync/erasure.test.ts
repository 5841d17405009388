import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { currentSchemaVersion, schemaVersions } from '../../../shared/db/schema';
import { encodeHlc } from '../../../shared/clock/hlc';
import { newId } from '../../../shared/ids';
import type { Patient } from '../../../shared/patients/patient';
import type { Change, LogEntry } from '../../../shared/sync/protocol';
import { ClinicDb, type ErasureRow } from '../db/database';
import { registerPatient, searchPatients } from '../db/patients';
import { withCheck, ZHANG_SAN } from '../db/testing/patients';
import { reasonOf, storeWithOwner } from '../db/testing/store';
import {
  authorize,
  recordAuditEvent,
  rowClocksKey,
  withoutProvenance,
  writeRecord,
} from '../db/write';
import { disposeOf } from '../db/testing/disposal';
import { transactionVerdict } from '../../../shared/sync/verdict';
import { applyPage } from './apply';
import { hashOutboxAttachments } from './attachments';
import { honourErasures } from './erasure';
import { queueRepush } from './repush';

/** A disposal of `entityId` as the archive's PC pushed it, seq `seq` of the clinic's log. */
const disposalOf = (seq: number, entityId: string, now: number): LogEntry => ({
  seq,
  deviceId: 'pc-archive',
  receivedAt: now,
  change: {
    deviceSeq: 1,
    txId: `tx-${seq}`,
    txIndex: 0,
    txSize: 1,
    table: 'patients',
    entityId,
    op: 'erase',
    hlc: encodeHlc({ wall: now - 1000, counter: 0, node: 'pc-archive' }),
    schemaVersion: 1,
    data: { disposal: 'd-1' },
  },
});

/** A clinic with 张三 registered, then disposed of through the sync. */
const clinicWithDisposal = async () => {
  const store = await storeWithOwner();
  const zhang = await registerPatient(store.ctx, store.ownerActor, ZHANG_SAN);
  const apply = { db: store.db, clock: store.clock, deviceId: store.ctx.deviceId };
  await applyPage(apply, [disposalOf(1, zhang.id, store.clock.now())], 1);
  return { ...store, zhang };
};

describe('the store upgrade to version 8 (erasures)', () => {
  it('keeps every row of a version-7 store and starts with no erasure', async () => {
    const made = await storeWithOwner();
    const zhang = await registerPatient(made.ctx, made.ownerActor, ZHANG_SAN);
    const tables = Object.fromEntries(
      await Promise.all(
        made.db.tables.map(async (table) => [table.name, await table.toArray()] as const),
      ),
    );
    made.db.close();
    const name = `erasures-${newId()}`;
    const old = new Dexie(name, { indexedDB, IDBKeyRange });
    old.version(7).stores(schemaVersions[6].stores);
    for (const [table, rows] of Object.entries(tables))
      if (old.tables.some((t) => t.name === table)) await old.table(table).bulkPut(rows);
    expect(old.tables.map((t) => t.name)).not.toContain('erasures');
    old.close();

    const db = new ClinicDb(name, { indexedDB, IDBKeyRange });
    expect(db.verno).toBe(currentSchemaVersion);
    expect(await db.erasures.count()).toBe(0);
    expect((await searchPatients(db, made.ownerActor, '张')).map((p) => p.id)).toEqual([zhang.id]);
    expect(await db.outbox.count()).toBe(tables.outbox!.length);
    // And the store takes new writes.
    await registerPatient({ ...made.ctx, db }, made.ownerActor, {
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

describe('a record a retention disposal erased, on this PC', () => {
  it('cannot be written again: refused in words, and nothing is half-saved', async () => {
    const { ctx, db, ownerActor, zhang } = await clinicWithDisposal();
    expect(await db.patients.get(zhang.id)).toBeUndefined();
    const events = await db.auditEvents.count();
    const queued = await db.outbox.count();
    const write = writeRecord<Patient>(ctx, {
      table: 'patients',
      row: withoutProvenance(zhang),
      before: undefined,
      audit: {
        actor: authorize(ownerActor, 'patient.register'),
        action: 'create',
        entity: 'patient',
        summary: zhang.name,
      },
    });
    expect(await reasonOf(write)).toBe('record-disposed');
    expect(await db.patients.get(zhang.id)).toBeUndefined();
    expect([await db.auditEvents.count(), await db.outbox.count()]).toEqual([events, queued]);
  });

  it("empties the registration this PC had not pushed yet: the patient's data leave the outbox", async () => {
    const { db, zhang } = await clinicWithDisposal();
    const own = await db.outbox.filter((e) => e.entityId === zhang.id).toArray();
    expect(own.map((e) => [e.op, e.data])).toEqual([['upsert', null]]);
    expect(JSON.stringify(await db.outbox.toArray())).not.toContain(ZHANG_SAN.idNumber);
  });

  it('leaves an emptied photo change to be pushed as it is', async () => {
    const { db, clock } = await clinicWithDisposal();
    await db.outbox.add({
      id: 'o-photo',
      deviceSeq: 1000,
      txId: 'tx-photo',
      txIndex: 0,
      hlc: encodeHlc({ wall: clock.now(), counter: 0, node: 'desk-1' }),
      table: 'attachments',
      entityId: 'a-1',
      op: 'insert',
      schemaVersion: 1,
      data: null,
      createdAt: new Date(clock.now()).toISOString(),
    });
    expect(await hashOutboxAttachments(db)).toBe(0);
    expect((await db.outbox.get('o-photo'))?.data).toBeNull();
  });

  it('goes back to a hub that lost its log with the disposal that authorised it: one transaction, in its chain, the event once', async () => {
    const { ctx, db, clock, ownerActor } = await storeWithOwner();
    clock.advance(1000);
    const zhang = await registerPatient(ctx, ownerActor, ZHANG_SAN);
    clock.advance(1000);
    const event = await disposeOf(ctx, ownerActor, 'patients', [zhang.id]);
    clock.advance(1000);
    await recordAuditEvent(ctx, {
      actor: ownerActor,
      action: 'logout',
      entity: 'session',
      entityId: ownerActor.staffId,
      summary: 'logout',
    });
    await db.outbox.clear();
    await queueRepush(db, { deviceId: ctx.deviceId, now: () => clock.now() });
    const entries = await db.outbox.orderBy('deviceSeq').toArray();
    const erases = entries.filter((e) => e.op === 'erase');
    expect(erases).toEqual([
      expect.objectContaining({
        table: 'patients',
        entityId: zhang.id,
        data: { disposal: 'd-1', auditEventId: event.id },
      }),
    ]);
    // The event is queued once, in the erasure's transaction, and the chain keeps its order.
    const tx = entries.filter((e) => e.txId === erases[0]!.txId);
    expect(tx.map((e) => [e.table, e.entityId])).toEqual([
      ['auditEvents', event.id],
      ['patients', zhang.id],
    ]);
    expect(entries.filter((e) => e.entityId === event.id)).toHaveLength(1);
    // Where the event went before it authorised anything: among the others, in their order.
    const events = entries.filter((e) => e.table === 'auditEvents').map((e) => e.entityId);
    expect(events).toEqual((await db.auditEvents.orderBy(':id').primaryKeys()).map(String));
    // A hub that knows the owner accepts it.
    const changes: Change[] = tx.map((e) => ({ ...e, txSize: tx.length }));
    expect(
      transactionVerdict(changes, (id) =>
        id === ownerActor.staffId ? { roles: ['owner'], active: true } : undefined,
      ),
    ).toEqual({ ok: true });
  });

  it('goes back alone, first, when this PC does not hold its disposal event (the hub will refuse it)', async () => {
    const { db, clock, ctx, zhang } = await clinicWithDisposal();
    await db.outbox.clear();
    await queueRepush(db, { deviceId: ctx.deviceId, now: () => clock.now() });
    const entries = await db.outbox.orderBy('deviceSeq').toArray();
    expect(entries[0]).toMatchObject({
      table: 'patients',
      entityId: zhang.id,
      op: 'erase',
      data: { disposal: 'd-1' },
    });
    expect(entries.filter((e) => e.txId === entries[0]!.txId)).toHaveLength(1);
    expect(entries.filter((e) => e.entityId === zhang.id)).toHaveLength(1);
  });
});

describe('a store restored from a backup made before a disposal', () => {
  it("loses the erased rows and their traces, and keeps the store in use's erasures", async () => {
    const { db: inUse, zhang } = await clinicWithDisposal();
    // The restored store: 张三 as he was before the disposal, with his clocks and his change.
    const restored = await storeWithOwner();
    await restored.db.patients.put({ ...zhang });
    await restored.db.rowClocks.put({
      key: rowClocksKey('patients', zhang.id),
      clocks: { '@base': zhang.hlc },
    });
    await restored.db.syncIssues.add({
      id: 'i1',
      kind: 'quarantined',
      at: zhang.updatedAt,
      table: 'patients',
      entityId: zhang.id,
      detail: 'malformed',
      change: { name: zhang.name },
    });
    const held: ErasureRow[] = await inUse.erasures.toArray();
    expect(held).toHaveLength(1);

    expect(await honourErasures(restored.db, held)).toBe(1);
    expect(await restored.db.patients.get(zhang.id)).toBeUndefined();
    expect(await restored.db.rowClocks.get(rowClocksKey('patients', zhang.id))).toBeUndefined();
    expect(await restored.db.syncIssues.count()).toBe(0);
    expect(await restored.db.erasures.toArray()).toEqual(held);
    // Twice is once.
    expect(await honourErasures(restored.db, held)).toBe(0);
  });
});
