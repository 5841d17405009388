import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../../shared/audit/chain';
import { isWipedAuditEvent } from '../../../../shared/audit/personal-digest';
import { webPrimitives } from '../../../../shared/backup/primitives';
import { manualClock } from '../../../../shared/clock/clock';
import { newId } from '../../../../shared/ids';
import { erasedAuditEvents } from '../../db/audit';
import { ClinicDb } from '../../db/database';
import { seedDemoClinic } from '../../db/demo-seed';
import { ensureDevice } from '../../db/device';
import { SETUP_ACTOR } from '../../db/system-actors';
import { memoryStorage } from '../../db/testing/memory-storage';
import { freshStore, storeWithOwner } from '../../db/testing/store';
import { BackupHostDb } from '../../platform/backup-host-db';
import { createBrowserBackupHost } from '../../platform/browser-backup-host';
import { FOREIGN_KEY_REASON } from '../../db/backup-audit';
import {
  adoptRestoredStore,
  madeWithAnotherKey,
  readBackupIntoNewStore,
  RestoreFailure,
  safetyBackupNeeded,
  type RestoreProgress,
} from './restore';
import { runBackup } from './run-backup';
import { encodeHlc } from '../../../../shared/clock/hlc';
import { applyPage } from '../../sync/apply';

const PASSPHRASE = '康宁诊所 backup 2026';

/** A clinic with 40 patients, backed up through the browser host into a downloaded file. */
const backedUpClinic = async () => {
  const store = await storeWithOwner();
  await seedDemoClinic(store.db, { patients: 40, endDate: '2026-11-21' });
  const files: Blob[] = [];
  const host = createBrowserBackupHost({
    db: new BackupHostDb(`host-${newId()}`, { indexedDB, IDBKeyRange }),
    clock: manualClock('2026-11-22T19:00:00+08:00'),
    primitives: webPrimitives,
    appVersion: 'test',
    download: (file) => void files.push(file),
    iterations: 100_000,
  });
  await host.setPassphrase(PASSPHRASE);
  const progress: number[] = [];
  const record = await runBackup({
    db: store.db,
    host,
    trigger: 'manual',
    onProgress: (p) => progress.push(p.rows),
  });
  return { ...store, file: files[0]!, record, progress, host, files };
};

const newStore = () => new ClinicDb(`restore-${newId()}`, { indexedDB, IDBKeyRange });
const exists = async (db: ClinicDb) =>
  (await indexedDB.databases()).some((found) => found.name === db.name);
const problemOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'no problem',
    (error: RestoreFailure) => error.problem,
  );

describe('restoring a backup', () => {
  it('reads the whole file into a new store and previews what the manifest promised', async () => {
    const { db, file, record, progress } = await backedUpClinic();
    expect(record.state).toBe('verified');
    expect(progress.at(-1)).toBe(Object.values(record.tables!).reduce((a, b) => a + b, 0));
    const target = newStore();
    const preview = await readBackupIntoNewStore({ file, passphrase: PASSPHRASE, target });
    expect(preview).toMatchObject({
      storeName: target.name,
      clinicName: '康宁口腔诊所',
      appVersion: 'test',
      tables: { patients: 40, staff: await db.staff.count() },
    });
    expect(await target.patients.count()).toBe(40);
    expect(await target.deviceState.count()).toBe(0);
    expect(await db.patients.count()).toBe(40);
  }, 60_000);

  it('fills the bar as rows go in, full only once the last one is, then says it checks the evidence', async () => {
    const { file } = await backedUpClinic();
    const target = newStore();
    const seen: { progress: RestoreProgress; stored: Promise<number> }[] = [];
    const storedRows = async () =>
      (await Promise.all(target.tables.map((table) => table.count()))).reduce((a, b) => a + b);
    const preview = await readBackupIntoNewStore({
      file,
      passphrase: PASSPHRASE,
      target,
      batchRows: 50,
      // What the store holds as each report arrives (a read begun now sees every commit before).
      onProgress: (progress) => seen.push({ progress, stored: storedRows() }),
    });
    const total = Object.values(preview.tables).reduce((a, b) => a + b, 0);
    const reading = seen.filter((s) => s.progress.phase === 'reading');
    expect(reading.length).toBeGreaterThan(2);
    for (const { progress, stored } of reading) {
      if (progress.phase !== 'reading') continue;
      expect(await stored).toBeGreaterThanOrEqual(progress.rows);
      expect(progress.fileBytes).toBeLessThanOrEqual(file.size);
      if (progress.fileBytes === file.size) expect(progress.rows).toBe(total);
    }
    const bytes = reading.map((s) => (s.progress.phase === 'reading' ? s.progress.fileBytes : 0));
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
    expect(seen.at(-1)!.progress).toEqual({ phase: 'checking', rows: total });
    expect(await seen.at(-1)!.stored).toBe(total);
  }, 60_000);

  it('says the passphrase is wrong, and leaves no half-restored store behind', async () => {
    const { file } = await backedUpClinic();
    const target = newStore();
    expect(
      await problemOf(readBackupIntoNewStore({ file, passphrase: 'not the one', target })),
    ).toBe('wrong-passphrase');
    expect(await exists(target)).toBe(false);
  }, 60_000);

  it('says where a file was cut short or damaged', async () => {
    const { file } = await backedUpClinic();
    const cut = newStore();
    const short = file.slice(0, file.size - 100);
    const failure = await readBackupIntoNewStore({
      file: short,
      passphrase: PASSPHRASE,
      target: cut,
    })
      .then(() => undefined)
      .catch((e: RestoreFailure) => e);
    expect(failure).toMatchObject({ problem: 'truncated' });
    expect(failure!.offset).toBeGreaterThan(0);
    expect(await exists(cut)).toBe(false);

    const bytes = new Uint8Array(await file.arrayBuffer());
    bytes[bytes.length - 200]! ^= 0xff;
    const flipped = new Blob([bytes]);
    expect(
      await problemOf(
        readBackupIntoNewStore({ file: flipped, passphrase: PASSPHRASE, target: newStore() }),
      ),
    ).toBe('corrupted');
    expect(
      await problemOf(
        readBackupIntoNewStore({
          file: new Blob(['名字,电话\n张三,138']),
          passphrase: PASSPHRASE,
          target: newStore(),
        }),
      ),
    ).toBe('not-a-backup');
  }, 60_000);
});

describe("a file sealed with another key than this clinic's", () => {
  it('is flagged only when this clinic has a key to compare with', () => {
    // A new PC: no clinic, no passphrase, no key; nothing to compare and nothing to take over.
    expect(madeWithAnotherKey('file-key', undefined)).toBe(false);
    expect(madeWithAnotherKey('clinic-key', 'clinic-key')).toBe(false);
    expect(madeWithAnotherKey('file-key', 'clinic-key')).toBe(true);
  });

  it('is restored with the reason in the audit log: the owner confirmed it', async () => {
    const { file } = await backedUpClinic();
    const target = newStore();
    const preview = await readBackupIntoNewStore({ file, passphrase: PASSPHRASE, target });
    await adoptRestoredStore({
      target,
      clock: manualClock('2026-11-23T08:30:00+08:00'),
      deviceName: 'front desk',
      actor: SETUP_ACTOR,
      fileName: 'elsewhere.cdbackup',
      preview,
      oldStores: { storage: memoryStorage(), directory: indexedDB },
      foreignKey: true,
    });
    const restored = await target.auditEvents.filter((e) => e.action === 'restore').toArray();
    expect(restored.map((e) => e.reason)).toEqual([FOREIGN_KEY_REASON]);
  }, 60_000);
});

describe('the safety backup before a restore', () => {
  it('is skipped on a new PC whose store is still empty: there is nothing to lose', async () => {
    const { db } = freshStore();
    await ensureDevice(db, manualClock('2026-11-22T09:00:00+08:00'), 'front desk');
    expect(await safetyBackupNeeded(db)).toBe(false);
  });

  it('is made once the clinic is set up', async () => {
    const { db } = await storeWithOwner();
    expect(await safetyBackupNeeded(db)).toBe(true);
  });

  it('is made as soon as any table holds a row, even with no account yet', async () => {
    const { db } = freshStore();
    await db.patients.put({ id: 'p1' } as never);
    expect(await safetyBackupNeeded(db)).toBe(true);
  });
});

describe('the restore in the audit log', () => {
  it('is the first event of the restored store, by whoever restored it, on this PC as a new device', async () => {
    const { db, file } = await backedUpClinic();
    const target = newStore();
    const preview = await readBackupIntoNewStore({ file, passphrase: PASSPHRASE, target });
    const clock = manualClock('2026-11-23T08:30:00+08:00');
    await adoptRestoredStore({
      target,
      clock,
      deviceName: 'new front desk',
      actor: SETUP_ACTOR,
      fileName: 'clinicdesk-2026-11-22-190000.cdbackup',
      preview,
      oldStores: { storage: memoryStorage(), directory: indexedDB },
    });

    // Start-up on the restored store finds the device the event was written by.
    const device = await ensureDevice(target, clock, 'new front desk');
    const events = await target.auditEvents.toArray();
    const restored = events.filter((e) => e.action === 'restore');
    expect(restored).toEqual([
      expect.objectContaining({
        deviceId: device.deviceId,
        seq: 1,
        actorId: 'setup',
        actorName: '初始设置 / setup',
        role: null,
        entity: 'backup',
        summary: 'clinicdesk-2026-11-22-190000.cdbackup · 康宁口腔诊所 · 2026-11-22 19:00',
      }),
    ]);
    expect(restored[0]!.at).toBe('2026-11-23T00:30:00.000Z');
    expect(verifyAuditChain(events).ok).toBe(true);
    expect(await target.outbox.filter((o) => o.entityId === restored[0]!.id).count()).toBe(1);
    // The store that was in use is not written.
    expect(await db.auditEvents.filter((e) => e.action === 'restore').count()).toBe(0);
  }, 60_000);
});

describe('a restore after a retention disposal', () => {
  it('never brings an erased patient back, and a backup made after it carries the erasure', async () => {
    const clinic = await backedUpClinic();
    const { db, clock, host } = clinic;
    const [patient] = await db.patients.orderBy('id').limit(1).toArray();
    // The disposal arrives through the sync after the first backup was made.
    await applyPage(
      { db, clock, deviceId: 'desk-1' },
      [
        {
          seq: 1,
          deviceId: 'pc-archive',
          receivedAt: clock.now(),
          change: {
            deviceSeq: 1,
            txId: 'tx-archive-1',
            txIndex: 0,
            txSize: 1,
            table: 'patients',
            entityId: patient!.id,
            op: 'erase',
            hlc: encodeHlc({ wall: clock.now(), counter: 0, node: 'pc-archive' }),
            schemaVersion: 1,
            data: { disposal: 'd-1' },
          },
        },
      ],
      1,
    );
    expect(await db.patients.get(patient!.id)).toBeUndefined();
    const adopt = async (file: Blob, storeInUse?: ClinicDb) => {
      const target = newStore();
      const preview = await readBackupIntoNewStore({ file, passphrase: PASSPHRASE, target });
      await adoptRestoredStore({
        target,
        clock: manualClock('2026-11-23T08:30:00+08:00'),
        deviceName: 'front desk',
        actor: SETUP_ACTOR,
        fileName: 'before.cdbackup',
        preview,
        oldStores: { storage: memoryStorage(), directory: indexedDB },
        ...(storeInUse ? { storeInUse } : {}),
      });
      return target;
    };

    // The file made before the disposal still holds the patient: the store in use's erasure wins.
    const older = await adopt(clinic.file, db);
    expect(await older.patients.get(patient!.id)).toBeUndefined();
    expect(await older.patients.count()).toBe(await db.patients.count());
    expect(await older.erasures.count()).toBe(1);

    // A backup made after it carries the erasure itself: restored anywhere, it keeps blocking.
    const record = await runBackup({ db, host, trigger: 'manual' });
    expect(record.tables).toMatchObject({ erasures: 1 });
    const newer = await adopt(clinic.files.at(-1)!);
    expect(await newer.erasures.get(`patients/${patient!.id}`)).toMatchObject({
      data: { disposal: 'd-1' },
    });
  }, 60_000);

  it('wipes an erased audit event in a backup made before the disposal, and a wiped one restores; both chains verify', async () => {
    const clinic = await backedUpClinic();
    const { db, clock, host } = clinic;
    // The clinic's first event: its setup, naming the owner.
    const setupEvent = await db.auditEvents.orderBy('[deviceId+seq]').first();
    expect(setupEvent!.personalDigest).toBeDefined();
    await applyPage(
      { db, clock, deviceId: 'desk-1' },
      [
        {
          seq: 1,
          deviceId: 'pc-archive',
          receivedAt: clock.now(),
          change: {
            deviceSeq: 1,
            txId: 'tx-archive-1',
            txIndex: 0,
            txSize: 1,
            table: 'auditEvents',
            entityId: setupEvent!.id,
            op: 'erase',
            hlc: encodeHlc({ wall: clock.now(), counter: 0, node: 'pc-archive' }),
            schemaVersion: 1,
            data: { disposal: 'd-1' },
          },
        },
      ],
      1,
    );
    expect(isWipedAuditEvent((await db.auditEvents.get(setupEvent!.id))!)).toBe(true);
    const adopt = async (file: Blob, storeInUse?: ClinicDb) => {
      const target = newStore();
      const preview = await readBackupIntoNewStore({ file, passphrase: PASSPHRASE, target });
      expect(preview.evidence.chains.every((chain) => !chain.firstBreak)).toBe(true);
      await adoptRestoredStore({
        target,
        clock: manualClock('2026-11-23T08:30:00+08:00'),
        deviceName: 'front desk',
        actor: SETUP_ACTOR,
        fileName: 'backup.cdbackup',
        preview,
        oldStores: { storage: memoryStorage(), directory: indexedDB },
        ...(storeInUse ? { storeInUse } : {}),
      });
      return target;
    };
    const summary = setupEvent!.summary;

    // The file made before the disposal holds the event whole: restored, it is wiped.
    const older = await adopt(clinic.file, db);
    const olderEvent = (await older.auditEvents.get(setupEvent!.id))!;
    expect(isWipedAuditEvent(olderEvent)).toBe(true);
    expect([olderEvent.summary, summary === '']).toEqual(['', false]);
    expect(
      verifyAuditChain(await older.auditEvents.toArray(), await erasedAuditEvents(older)).ok,
    ).toBe(true);

    // A backup made after it holds the event wiped: it restores, and the chain verifies.
    await runBackup({ db, host, trigger: 'manual' });
    const newer = await adopt(clinic.files.at(-1)!);
    expect(await newer.auditEvents.get(setupEvent!.id)).toEqual(
      await db.auditEvents.get(setupEvent!.id),
    );
    expect(
      verifyAuditChain(await newer.auditEvents.toArray(), await erasedAuditEvents(newer)).ok,
    ).toBe(true);
  }, 60_000);
});
