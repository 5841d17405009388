import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { webPrimitives } from '../../../../shared/backup/primitives';
import type { BackupHost } from '../../../../shared/bridge/backup-host';
import { manualClock } from '../../../../shared/clock/clock';
import { newId } from '../../../../shared/ids';
import type { HubClient } from '../../../../shared/sync/hub-client';
import { ClinicDb } from '../../db/database';
import { seedDemoClinic } from '../../db/demo-seed';
import { registerPatient } from '../../db/patients';
import { withCheck, ZHANG_SAN } from '../../db/testing/patients';
import { storeWithOwner } from '../../db/testing/store';
import { StoreHeldError } from '../../db/write-gate';
import { BackupHostDb } from '../../platform/backup-host-db';
import { createBrowserBackupHost } from '../../platform/browser-backup-host';
import { pushOutbox } from '../../sync/exchange';
import { readBackupIntoNewStore } from './restore';
import { runBackup } from './run-backup';

const PASSPHRASE = '康宁诊所 backup 2026';

const browserHost = async (files: Blob[]) => {
  const host = createBrowserBackupHost({
    db: new BackupHostDb(`host-${newId()}`, { indexedDB, IDBKeyRange }),
    clock: manualClock('2026-11-22T19:00:00+08:00'),
    primitives: webPrimitives,
    appVersion: 'test',
    download: (file) => void files.push(file),
    iterations: 100_000,
  });
  await host.setPassphrase(PASSPHRASE);
  return host;
};

/** The n-th walk-in: born on day n of March 1990, so no two are possible duplicates. */
const walkIn = (n: number) => {
  const day = String(n).padStart(2, '0');
  return {
    ...ZHANG_SAN,
    birthDate: `1990-03-${day}`,
    idNumber: withCheck(`110105199003${day}123`),
    phone: `138123456${day}`,
    cardNumber: `A100000${day}`,
  };
};

/**
 * Audit events of patients without their row, and registered patients without their audit event
 * (the demo seed writes its patients without events).
 */
const orphans = async (db: ClinicDb, registered: readonly string[]) => {
  const patientIds = new Set(await db.patients.toCollection().primaryKeys());
  const events = await db.auditEvents.filter((event) => event.entity === 'patient').toArray();
  const audited = new Set(events.map((event) => event.entityId));
  return {
    eventsWithoutRow: events.filter((event) => !patientIds.has(event.entityId)).length,
    rowsWithoutEvent: registered.filter((id) => patientIds.has(id) && !audited.has(id)).length,
  };
};

describe('a backup taken while the front desk keeps registering patients', () => {
  it('restores a store where every audit event has its row and every row its event', async () => {
    const store = await storeWithOwner();
    await seedDemoClinic(store.db, { patients: 40, endDate: '2026-11-21' });
    const files: Blob[] = [];
    const host = await browserHost(files);
    // A registration starts every time the export hands the host a piece, that is between the
    // pages of different tables: before the backup held the store's writes, some landed after
    // the patients were read and before their audit events were.
    const registrations: Promise<{ id: string }>[] = [];
    let seen = 0;
    const busyHost: BackupHost = {
      ...host,
      write: (session, bytes) => {
        seen += 1;
        registrations.push(registerPatient(store.ctx, store.ownerActor, walkIn(seen)));
        return host.write(session, bytes);
      },
    };

    const record = await runBackup({ db: store.db, host: busyHost, trigger: 'manual' });
    const registered = (await Promise.all(registrations)).map((patient) => patient.id);
    expect(record.state).toBe('verified');
    expect(seen).toBeGreaterThan(5);

    const target = new ClinicDb(`restore-${newId()}`, { indexedDB, IDBKeyRange });
    await readBackupIntoNewStore({ file: files[0]!, passphrase: PASSPHRASE, target });
    expect(await orphans(target, registered)).toEqual({ eventsWithoutRow: 0, rowsWithoutEvent: 0 });
    // The registrations waited for the backup and then all went through.
    expect(await target.patients.count()).toBe(40);
    expect(await store.db.patients.count()).toBe(40 + seen);
    expect(registered).toHaveLength(seen);
    expect(await orphans(store.db, registered)).toEqual({
      eventsWithoutRow: 0,
      rowsWithoutEvent: 0,
    });
  }, 60_000);

  it('shows the store as held while the backup reads it, and open again after', async () => {
    const store = await storeWithOwner();
    const host = await browserHost([]);
    const states: boolean[] = [];
    const unsubscribe = store.db.writeGate.subscribe(() => states.push(store.db.writeGate.closed));
    const heldDuringWrite: boolean[] = [];
    const watchingHost: BackupHost = {
      ...host,
      write: (session, bytes) => {
        heldDuringWrite.push(store.db.writeGate.holding);
        return host.write(session, bytes);
      },
    };
    await runBackup({ db: store.db, host: watchingHost, trigger: 'manual' });
    unsubscribe();
    expect(heldDuringWrite.length).toBeGreaterThan(0);
    expect(heldDuringWrite.every(Boolean)).toBe(true);
    expect(states).toEqual([true, false]);
    expect(store.db.writeGate.closed).toBe(false);
  }, 60_000);

  it('refuses a write that bypasses the gate during the backup, instead of slipping it in', async () => {
    const store = await storeWithOwner();
    const host = await browserHost([]);
    const bypassing: Promise<unknown>[] = [];
    const sneakyHost: BackupHost = {
      ...host,
      write: (session, bytes) => {
        // An implicit transaction: table.put outside db.transaction never meets the gate.
        bypassing.push(store.db.outbox.delete('none').catch((error: unknown) => error));
        return host.write(session, bytes);
      },
    };
    await runBackup({ db: store.db, host: sneakyHost, trigger: 'manual' });
    const outcomes = await Promise.all(bypassing);
    expect(outcomes.length).toBeGreaterThan(0);
    expect(outcomes.every((outcome) => outcome instanceof StoreHeldError)).toBe(true);
  }, 60_000);

  it('clears what the hub acknowledged during the backup once the backup is done', async () => {
    const store = await storeWithOwner();
    const host = await browserHost([]);
    const queued = await store.db.outbox.count();
    const hub = {
      push: async (changes: readonly { deviceSeq: number }[]) => ({
        ackedThrough: changes.at(-1)!.deviceSeq,
        accepted: changes.length,
        duplicates: 0,
        hub: { epoch: 'e', now: 0, head: 0 },
      }),
    } as unknown as HubClient;
    let pushing: Promise<number> | undefined;
    const syncingHost: BackupHost = {
      ...host,
      write: (session, bytes) => {
        pushing ??= pushOutbox(store.db, hub);
        return host.write(session, bytes);
      },
    };
    await runBackup({ db: store.db, host: syncingHost, trigger: 'manual' });
    expect(queued).toBeGreaterThan(0);
    expect(await pushing).toBe(queued);
    expect(await store.db.outbox.count()).toBe(0);
  }, 60_000);
});
