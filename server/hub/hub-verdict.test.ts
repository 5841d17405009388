import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../shared/clock/clock';
import { HubRequestError } from '../../shared/sync/hub-client';
import { SYNC_LIMITS, type Change, type LogEntry } from '../../shared/sync/protocol';
import { openHubStore, type HubStore } from './hub-store';
import {
  auditedDevice,
  consentRow,
  disposalBy,
  erasureOf,
  staffRow,
  type Act,
  type RowWrite,
} from './testing/audited-changes';
import { encodeHlc } from '../../shared/clock/hlc';
import { WIRE_SCHEMA_VERSION } from '../../shared/sync/protocol';
import { openPostgres, openSqlite } from './hub-db';
import { testBackends, type TestBackend } from './testing/backends';
import { makeChanges, snapshotLines, startTestHub, type TestHub } from './testing/test-hub';

const OWNER = { actorId: 'staff-owner', actorName: '王芳', role: 'owner' as const };
const DOCTOR = { actorId: 'staff-doc', actorName: '李强', role: 'clinician' as const };

const ownerDid = (action: Act['action'], entityId: string): Act => ({
  ...OWNER,
  action,
  entity: 'staff',
  entityId,
});

/** The clinic as the owner's PC writes it: the first owner (setup), then a dentist's account. */
const clinicStart = (owner: ReturnType<typeof auditedDevice>): Change[] => [
  ...owner.tx(
    [staffRow('staff-owner', 'wangfang', '王芳', ['owner'])],
    ownerDid('setup', 'staff-owner'),
  ),
  ...owner.tx(
    [staffRow('staff-doc', 'liqiang', '李强', ['clinician'])],
    ownerDid('create', 'staff-doc'),
  ),
];

/** The owner takes the dentist's clinician role away: he is front desk from now on. */
const roleRemoved = (owner: ReturnType<typeof auditedDevice>): Change[] =>
  owner.tx(
    [
      {
        table: 'staff',
        entityId: 'staff-doc',
        op: 'upsert',
        data: { set: { roles: ['front-desk'] } },
      },
    ],
    ownerDid('update', 'staff-doc'),
  );

/** The dentist signs a consent at the chair, as a clinician. */
const consentSigned = (chair: ReturnType<typeof auditedDevice>, id: string): Change[] =>
  chair.tx([consentRow(id, 'staff-doc')], {
    ...DOCTOR,
    action: 'sign',
    entity: 'consent',
    entityId: id,
  });

const reasons = (entries: readonly LogEntry[]) =>
  entries.map((entry) => entry.refused?.reason ?? null);

const refusal = async (promise: Promise<unknown>): Promise<HubRequestError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HubRequestError) return error;
    throw error;
  }
  throw new Error('expected the hub to refuse');
};

describe.each(testBackends())('permission verdicts on $name', (backend: TestBackend) => {
  let current: TestHub | undefined;
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await current?.dispose();
    current = undefined;
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A store of its own (no HTTP), to close and open again. */
  const storeAt = async () => {
    const created = await backend.create();
    cleanups.push(created.dispose);
    const clock = manualClock(1_764_000_000_000);
    const open = async (hooks?: Parameters<typeof openHubStore>[1]['hooks']) => {
      const store = await openHubStore(created.location, { clock, hooks });
      cleanups.push(() => store.close().catch(() => {}));
      return store;
    };
    return { open };
  };
  const pair = async (store: HubStore, name: string, admin = false) => {
    const { code } = await store.createPairingCode(admin);
    return (await store.pair({ code, deviceName: name, clinicName: '诊所' })).deviceId;
  };
  const pulled = async (store: HubStore, deviceId: string) =>
    (await store.pull(deviceId, { after: 0, limit: 1000, maxBytes: 1 << 22 })).rows.map(
      (row) => JSON.parse(row.refused ?? 'null') as LogEntry['refused'] | null,
    );

  it('refuses a consent signed in a role the owner had taken away, on pull and in the snapshot; one signed before stands', async () => {
    current = await startTestHub(backend);
    const ownerPc = await current.pairClient('负责人办公室');
    const chairPc = await current.pairClient('诊室');
    const owner = auditedDevice(ownerPc.deviceId);
    const chair = auditedDevice(chairPc.deviceId, { wall: 1_764_000_500_000 });
    await ownerPc.push(clinicStart(owner));
    await chairPc.push(consentSigned(chair, 'consent-before'));
    await ownerPc.push(roleRemoved(owner));
    // Written offline before the chair heard of it, pushed after the removal entered the log.
    await chairPc.push(consentSigned(chair, 'consent-after'));

    const { changes } = await ownerPc.pull(0);
    expect(changes.map((e) => [e.seq, e.change.table, e.refused?.reason ?? null])).toEqual([
      [1, 'staff', null],
      [2, 'auditEvents', null],
      [3, 'staff', null],
      [4, 'auditEvents', null],
      [5, 'consents', null],
      [6, 'auditEvents', null],
      [7, 'staff', null],
      [8, 'auditEvents', null],
      [9, 'consents', 'role-not-held'],
      [10, 'auditEvents', 'role-not-held'],
    ]);
    expect(changes[8]!.refused).toEqual({
      reason: 'role-not-held',
      actorId: 'staff-doc',
      actorName: '李强',
      role: 'clinician',
      entity: 'consent',
      action: 'sign',
    });

    await current.hub.store.maintain(true);
    const manifest = await chairPc.snapshot();
    const lines = await snapshotLines(chairPc, manifest.segments);
    lines.sort((a, b) => a.seq - b.seq);
    expect(lines).toEqual(changes);
    expect(reasons(lines).slice(8)).toEqual(['role-not-held', 'role-not-held']);
  });

  it('judges the same transaction by where it enters the log: before the removal accepted, after refused', async () => {
    const verdictOf = async (consentFirst: boolean) => {
      const store = await (await storeAt()).open();
      const ownerId = await pair(store, '负责人', true);
      const chairId = await pair(store, '诊室');
      const owner = auditedDevice(ownerId);
      const chair = auditedDevice(chairId, { wall: 1_764_000_500_000 });
      await store.push(ownerId, clinicStart(owner));
      const consent = consentSigned(chair, 'consent-1');
      if (consentFirst) await store.push(chairId, consent);
      await store.push(ownerId, roleRemoved(owner));
      if (!consentFirst) await store.push(chairId, consent);
      const verdicts = await pulled(store, ownerId);
      return verdicts.slice(consentFirst ? 4 : 6, consentFirst ? 6 : 8);
    };
    expect(await verdictOf(true)).toEqual([null, null]);
    expect((await verdictOf(false)).map((v) => v?.reason)).toEqual([
      'role-not-held',
      'role-not-held',
    ]);
  });

  it('does not move its staff accounts on for a push that rolled back', async () => {
    let failNext = false;
    const store = await (
      await storeAt()
    ).open({
      pushBeforeCommit: async () => {
        if (!failNext) return;
        failNext = false;
        throw new Error('the disk went away');
      },
    });
    const ownerId = await pair(store, '负责人', true);
    const chairId = await pair(store, '诊室');
    const owner = auditedDevice(ownerId);
    const chair = auditedDevice(chairId, { wall: 1_764_000_500_000 });
    await store.push(ownerId, clinicStart(owner));
    const removal = roleRemoved(owner);
    failNext = true;
    // Judged (and accepted) inside the push, then rolled back: never in the log.
    await expect(store.push(ownerId, removal)).rejects.toThrow('the disk went away');
    await store.push(chairId, consentSigned(chair, 'consent-1'));
    expect((await pulled(store, ownerId)).slice(4)).toEqual([null, null]);
    // The owner's PC pushes the removal again: now it holds.
    await store.push(ownerId, removal);
    await store.push(chairId, consentSigned(chair, 'consent-2'));
    expect((await pulled(store, ownerId)).slice(8).map((v) => v?.reason)).toEqual([
      'role-not-held',
      'role-not-held',
    ]);
  });

  it('judges the same after a restart, and a second store on the same log reads what it missed', async () => {
    const at = await storeAt();
    const first = await at.open();
    const ownerId = await pair(first, '负责人', true);
    const chairId = await pair(first, '诊室');
    const owner = auditedDevice(ownerId);
    const chair = auditedDevice(chairId, { wall: 1_764_000_500_000 });
    await first.push(ownerId, clinicStart(owner));
    await first.push(ownerId, roleRemoved(owner));
    await first.close();

    const restarted = await at.open();
    await restarted.push(chairId, consentSigned(chair, 'consent-1'));
    expect((await pulled(restarted, ownerId)).slice(6).map((v) => v?.reason)).toEqual([
      'role-not-held',
      'role-not-held',
    ]);

    // Another store instance on the same log (it holds its accounts since its own first push):
    // the owner gives the role back through it; the first judges the next consent by that.
    const other = await at.open();
    await other.push(
      ownerId,
      owner.tx(
        [
          {
            table: 'staff',
            entityId: 'staff-doc',
            op: 'upsert',
            data: { set: { roles: ['clinician'] } },
          },
        ],
        ownerDid('update', 'staff-doc'),
      ),
    );
    await restarted.push(chairId, consentSigned(chair, 'consent-2'));
    expect((await pulled(restarted, ownerId)).slice(10)).toEqual([null, null]);
    // A refused staff change grants nothing: the demoted dentist cannot make himself owner.
    const selfPromotion: RowWrite = {
      table: 'staff',
      entityId: 'staff-doc',
      op: 'upsert',
      data: { set: { roles: ['clinician', 'owner'] } },
    };
    await other.push(
      chairId,
      chair.tx([selfPromotion], {
        ...DOCTOR,
        action: 'update',
        entity: 'staff',
        entityId: 'staff-doc',
      }),
    );
    await restarted.push(
      chairId,
      chair.tx([selfPromotion], {
        ...DOCTOR,
        role: 'owner',
        action: 'update',
        entity: 'staff',
        entityId: 'staff-doc',
      }),
    );
    expect((await pulled(restarted, ownerId)).slice(12).map((v) => v?.reason)).toEqual([
      'role-cannot',
      'role-cannot',
      'role-not-held',
      'role-not-held',
    ]);
  });

  it("serves an editable row's accepted history for the author's undo, and refuses other tables and bad ids", async () => {
    current = await startTestHub(backend);
    const ownerPc = await current.pairClient('负责人办公室');
    const chairPc = await current.pairClient('诊室');
    const owner = auditedDevice(ownerPc.deviceId);
    const chair = auditedDevice(chairPc.deviceId, { wall: 1_764_000_500_000 });
    await ownerPc.push(clinicStart(owner));
    await ownerPc.push(roleRemoved(owner));
    // The demoted dentist changes his own name offline: refused (only the owner manages staff).
    await chairPc.push(
      chair.tx(
        [
          {
            table: 'staff',
            entityId: 'staff-doc',
            op: 'upsert',
            data: { set: { displayName: '李医生' } },
          },
        ],
        { ...DOCTOR, action: 'update', entity: 'staff', entityId: 'staff-doc' },
      ),
    );
    const { changes } = await ownerPc.pull(0);
    expect(reasons(changes).slice(6)).toEqual(['role-cannot', 'role-cannot']);

    const history = await chairPc.rowHistory('staff', 'staff-doc');
    expect(history.entries.map((e) => e.seq)).toEqual([3, 5]);
    expect(history.entries).toEqual([changes[2], changes[4]]);
    expect(history.hub.logEnd).toBe(8);
    expect((await chairPc.rowHistory('patients', 'p-nobody')).entries).toEqual([]);
    // Written-once rows have a history too (a refused disposal gives them back).
    expect((await chairPc.rowHistory('consents', 'consent-1')).entries).toEqual([]);
    expect((await chairPc.rowHistory('auditEvents', 'audit-1')).entries).toEqual([]);

    for (const [table, id] of [
      ['outbox', '1'],
      ['erasures', 'patients/p-1'],
      ['nosuchtable', 'x'],
      ['staff', 'bad id!'],
      ['staff', 'x'.repeat(129)],
      ['Staff', 'staff-doc'],
    ] as const) {
      const error = await refusal(chairPc.rowHistory(table, id));
      expect([table, id, error.status, error.reason]).toEqual([table, id, 400, 'malformed']);
    }
  });

  it("bounds a row's history like its other answers", async () => {
    current = await startTestHub(backend);
    const desk = await current.pairClient('前台');
    const max = SYNC_LIMITS.rowHistoryMaxEntries;
    const edits = makeChanges(desk.deviceId, 1, max + 1).map((change) => ({
      ...change,
      entityId: 'p-often',
    }));
    for (let i = 0; i < edits.length; i += SYNC_LIMITS.pushMaxChanges)
      await desk.push(edits.slice(i, i + SYNC_LIMITS.pushMaxChanges));
    const error = await refusal(desk.rowHistory('patients', 'p-often'));
    expect([error.status, error.reason, error.body.limits]).toEqual([
      413,
      'too-large',
      { rowHistoryMaxEntries: max },
    ]);
  });
  describe('erasures (retention disposal)', () => {
    const DESK = { actorId: 'staff-desk', actorName: '赵敏', role: 'front-desk' as const };
    const patientOf = (name: string): RowWrite => ({
      table: 'patients',
      entityId: 'p-1',
      op: 'upsert',
      data: { set: { id: 'p-1', name, notes: '青霉素过敏' } },
    });
    const ownerEdits = (owner: ReturnType<typeof auditedDevice>, name: string) =>
      owner.tx([patientOf(name)], {
        ...OWNER,
        action: 'update',
        entity: 'patient',
        entityId: 'p-1',
      });
    /** A clinic with an owner, a dentist and a front desk, and the patient 王小明. */
    const clinic = async () => {
      current = await startTestHub(backend);
      const ownerPc = await current.pairClient('负责人办公室');
      const deskPc = await current.pairClient('前台');
      const owner = auditedDevice(ownerPc.deviceId);
      const desk = auditedDevice(deskPc.deviceId, { wall: 1_764_000_500_000 });
      await ownerPc.push([
        ...clinicStart(owner),
        ...owner.tx(
          [staffRow('staff-desk', 'zhaomin', '赵敏', ['front-desk'])],
          ownerDid('create', 'staff-desk'),
        ),
        ...owner.tx([patientOf('王小明')], {
          ...OWNER,
          action: 'create',
          entity: 'patient',
          entityId: 'p-1',
        }),
      ]);
      return { hub: current, ownerPc, deskPc, owner, desk };
    };
    const snapshotText = async (client: Awaited<ReturnType<TestHub['pairClient']>>) => {
      await current!.hub.store.maintain(true);
      const manifest = await client.snapshot();
      return JSON.stringify(await snapshotLines(client, manifest.segments));
    };
    const ofPatient = (entries: readonly LogEntry[]) =>
      entries
        .filter((e) => e.change.entityId === 'p-1')
        .map((e) => [e.change.op, e.erased ?? false, e.refused?.reason ?? null]);

    it('refuses a front desk erasure and one without any audit event: the hub wipes nothing, records no erasure', async () => {
      const { hub, ownerPc, deskPc, owner, desk } = await clinic();
      // The front desk records the disposal in its own role: it may not approve disposals.
      await deskPc.push(desk.tx([erasureOf('patients', 'p-1')], disposalBy(DESK)));
      // A paired PC pushes a bare erasure: nobody answers for it.
      const bare = await hub.pairClient('档案室');
      await bare.push([
        {
          deviceSeq: 1,
          txId: 'tx-bare',
          txIndex: 0,
          txSize: 1,
          table: 'patients',
          entityId: 'p-1',
          op: 'erase',
          hlc: encodeHlc({ wall: 1_764_000_600_000, counter: 0, node: bare.deviceId }),
          schemaVersion: WIRE_SCHEMA_VERSION,
          data: { disposal: 'd-2' },
        },
      ]);
      // A later edit enters the log whole: no erasure was recorded.
      await ownerPc.push(ownerEdits(owner, '王小明（改）'));
      const { changes } = await ownerPc.pull(0);
      expect(ofPatient(changes)).toEqual([
        ['upsert', false, null],
        ['erase', false, 'unauthorised-disposal'],
        ['erase', false, 'unauthorised-disposal'],
        ['upsert', false, null],
      ]);
      expect(changes.find((e) => e.change.op === 'erase')!.refused).toMatchObject({
        actorId: 'staff-desk',
        role: 'front-desk',
        entity: 'disposal',
        action: 'delete',
      });
      // A new device's snapshot still has him, and so does his history.
      const text = await snapshotText(deskPc);
      expect(text).toContain('王小明');
      expect(text).toContain('青霉素过敏');
      expect(
        (await deskPc.rowHistory('patients', 'p-1')).entries.map((e) => e.change.data),
      ).toEqual([
        { set: { id: 'p-1', name: '王小明', notes: '青霉素过敏' } },
        { set: { id: 'p-1', name: '王小明（改）', notes: '青霉素过敏' } },
      ]);

      // The owner's disposal erases, earlier content and later.
      await ownerPc.push(owner.tx([erasureOf('patients', 'p-1')], disposalBy(OWNER)));
      await ownerPc.push(ownerEdits(owner, '王小明'));
      expect(ofPatient((await ownerPc.pull(0)).changes)).toEqual([
        ['upsert', true, null],
        ['erase', false, 'unauthorised-disposal'],
        ['erase', false, 'unauthorised-disposal'],
        ['upsert', true, null],
        ['erase', false, null],
        ['upsert', true, null],
      ]);
      expect(await snapshotText(deskPc)).not.toContain('王小明');
    });

    it("serves a written-once row's history, from the snapshot once compacted, wiped once erased", async () => {
      const { ownerPc, deskPc, owner, desk } = await clinic();
      const chairPc = await current!.pairClient('诊室');
      const chair = auditedDevice(chairPc.deviceId, { wall: 1_764_000_700_000 });
      await chairPc.push(consentSigned(chair, 'consent-1'));
      // The front desk's disposal of the notice is refused: its audit event is history all the same.
      await deskPc.push(desk.tx([erasureOf('consents', 'consent-1')], disposalBy(DESK)));
      const { changes, next } = await ownerPc.pull(0);
      const signed = changes.filter((e) => e.change.entityId === 'consent-1');
      expect(signed.map((e) => [e.change.op, e.refused?.reason ?? null])).toEqual([
        ['insert', null],
        ['erase', 'unauthorised-disposal'],
      ]);
      const refusedEvent = changes.find(
        (e) => e.change.table === 'auditEvents' && e.change.txId === signed[1]!.change.txId,
      )!;
      const histories = async () => ({
        consent: (await deskPc.rowHistory('consents', 'consent-1')).entries,
        event: (await deskPc.rowHistory('auditEvents', refusedEvent.change.entityId)).entries,
      });
      const held = await histories();
      expect(held).toEqual({ consent: [signed[0]], event: [refusedEvent] });

      // Every device has pulled it all: the log's bodies of written-once rows are dropped.
      for (const pc of [ownerPc, deskPc, chairPc]) await pc.pull(next);
      await current!.hub.store.maintain(true);
      expect((await current!.hub.store.info()).horizon).toBe(next);
      expect(await histories()).toEqual(held);

      // The owner's disposal erases it: its history stays wiped, before the snapshot is
      // written again and after.
      await ownerPc.push(owner.tx([erasureOf('consents', 'consent-1')], disposalBy(OWNER)));
      const erased = async () =>
        (await deskPc.rowHistory('consents', 'consent-1')).entries.map((e) => [
          e.change.op,
          e.erased ?? false,
          e.change.data,
        ]);
      const wiped = [
        ['insert', true, null],
        ['erase', false, expect.objectContaining({ disposal: 'd-1' })],
      ];
      expect(await erased()).toEqual(wiped);
      await current!.hub.store.maintain(true);
      expect(await erased()).toEqual(wiped);
    });

    it("serves a written-once row's compacted history from segments written before its table had a part of its own", async () => {
      const { ownerPc, deskPc, desk } = await clinic();
      const chairPc = await current!.pairClient('诊室');
      const chair = auditedDevice(chairPc.deviceId, { wall: 1_764_000_700_000 });
      await chairPc.push(consentSigned(chair, 'consent-1'));
      await deskPc.push(desk.tx([erasureOf('consents', 'consent-1')], disposalBy(DESK)));
      const { next } = await ownerPc.pull(0);
      const held = (await deskPc.rowHistory('consents', 'consent-1')).entries;
      expect(held.map((e) => e.change.op)).toEqual(['insert']);
      for (const pc of [ownerPc, deskPc, chairPc]) await pc.pull(next);
      await current!.hub.store.maintain(true);
      expect((await current!.hub.store.info()).horizon).toBe(next);

      // Consents went to the history until they were placed among the visits: the segments
      // written then still say so.
      const raw = current!.postgresUrl
        ? openPostgres(current!.postgresUrl)
        : openSqlite(current!.dataDir);
      try {
        const moved = await raw.db
          .updateTable('segments')
          .set({ part: 'history' })
          .where('part', '=', 'visits')
          .executeTakeFirst();
        expect(Number(moved.numUpdatedRows)).toBeGreaterThan(0);
      } finally {
        await raw.close();
      }
      expect((await deskPc.rowHistory('consents', 'consent-1')).entries).toEqual(held);
    });

    it("reads a compacted row's segment only as far as the row's last entry: a damaged tail past it is never inflated", async () => {
      const { ownerPc, deskPc } = await clinic();
      const chairPc = await current!.pairClient('诊室');
      const chair = auditedDevice(chairPc.deviceId, { wall: 1_764_000_700_000 });
      await chairPc.push(consentSigned(chair, 'consent-1'));
      const { next } = await ownerPc.pull(0);
      const held = (await deskPc.rowHistory('consents', 'consent-1')).entries;
      expect(held.map((e) => e.change.op)).toEqual(['insert']);
      for (const pc of [ownerPc, deskPc, chairPc]) await pc.pull(next);
      await current!.hub.store.maintain(true);
      expect((await current!.hub.store.info()).horizon).toBe(next);

      // The consent's segment, its lines after the consent replaced by many more (of later
      // seqs, as a segment's lines are in seq order) and its gzip cut short.
      const seq = held[0]!.seq;
      const raw = current!.postgresUrl
        ? openPostgres(current!.postgresUrl)
        : openSqlite(current!.dataDir);
      try {
        const segment = await raw.db
          .selectFrom('segments')
          .select('id')
          .where('part', '=', 'visits')
          .where('from_seq', '<', seq)
          .where('to_seq', '>=', seq)
          .executeTakeFirstOrThrow();
        const chunks = await raw.db
          .selectFrom('segment_chunks')
          .select('data')
          .where('segment_id', '=', segment.id)
          .orderBy('idx')
          .execute();
        const lines = gunzipSync(Buffer.concat(chunks.map((c) => c.data)))
          .toString('utf8')
          .split('\n')
          .filter((line) => line.length > 0);
        const upTo = lines.filter((line) => JSON.parse(line).seq <= seq);
        const noise = Array.from(
          { length: 3_000 },
          () => `{"seq":${seq + 1},"noise":"${randomBytes(100).toString('base64')}"}`,
        );
        const gz = gzipSync(`${[...upTo, ...noise].join('\n')}\n`);
        await raw.db.deleteFrom('segment_chunks').where('segment_id', '=', segment.id).execute();
        await raw.db
          .insertInto('segment_chunks')
          .values({ segment_id: segment.id, idx: 0, data: gz.subarray(0, gz.length - 64) })
          .execute();
      } finally {
        await raw.close();
      }
      expect((await deskPc.rowHistory('consents', 'consent-1')).entries).toEqual(held);
    });

    it("forgets an account only for an accepted erasure of it: a refused one leaves the person's standing", async () => {
      const { ownerPc, deskPc, owner, desk } = await clinic();
      const chairPc = await current!.pairClient('诊室');
      const chair = auditedDevice(chairPc.deviceId, { wall: 1_764_000_700_000 });
      await deskPc.push(desk.tx([erasureOf('staff', 'staff-doc')], disposalBy(DESK)));
      await chairPc.push(consentSigned(chair, 'consent-1'));
      await ownerPc.push(owner.tx([erasureOf('staff', 'staff-doc')], disposalBy(OWNER)));
      await chairPc.push(consentSigned(chair, 'consent-2'));
      const consents = (await ownerPc.pull(0)).changes.filter((e) => e.change.table === 'consents');
      expect(consents.map((e) => e.refused?.reason ?? null)).toEqual([null, 'unknown-actor']);
    });
  });
});
