import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { webPrimitives } from '../../../../shared/backup/primitives';
import { verifyAuditChain } from '../../../../shared/audit/chain';
import { manualClock } from '../../../../shared/clock/clock';
import { newId } from '../../../../shared/ids';
import { recordBackupExported } from '../../db/backup-audit';
import { seedDemoClinic } from '../../db/demo-seed';
import { SCHEDULE_ACTOR } from '../../db/system-actors';
import { storeWithOwner } from '../../db/testing/store';
import { BackupHostDb } from '../../platform/backup-host-db';
import { createBrowserBackupHost } from '../../platform/browser-backup-host';
import { fakeFolder } from '../../platform/testing/fake-folder';
import { backUp } from './backup-state';

const PASSPHRASE = '康宁诊所 backup 2026';

/** Folder handles are structured-cloneable in a browser; a fake one is kept in memory instead. */
class FolderHostDb extends BackupHostDb {
  chosen: Awaited<ReturnType<BackupHostDb['folder']>>;
  override folder = async () => this.chosen;
}

const clinicWithHost = async (options: { passphrase: boolean; diskFull?: boolean }) => {
  const store = await storeWithOwner();
  await seedDemoClinic(store.db, { patients: 5, endDate: '2026-11-21' });
  const hostDb = new FolderHostDb(`host-${newId()}`, { indexedDB, IDBKeyRange });
  if (options.diskFull) hostDb.chosen = fakeFolder({ full: true }).folder;
  const host = createBrowserBackupHost({
    db: hostDb,
    clock: manualClock('2026-11-22T19:00:00+08:00'),
    primitives: webPrimitives,
    appVersion: 'test',
    download: () => undefined,
    iterations: 100_000,
  });
  if (options.passphrase) await host.setPassphrase(PASSPHRASE);
  const backupEvents = () => store.db.auditEvents.filter((e) => e.entity === 'backup').toArray();
  const patientNames = async () => (await store.db.patients.toArray()).map((p) => p.name);
  return { ...store, host, backupEvents, patientNames };
};

describe('backups in the audit log', () => {
  it('a verified backup is logged with its file name and who made it, and no patient', async () => {
    const clinic = await clinicWithHost({ passphrase: true });
    const record = (await backUp(clinic.ctx, clinic.host, 'manual', clinic.ownerActor))!;
    expect(record.state).toBe('verified');
    const [event] = await clinic.backupEvents();
    expect(event).toMatchObject({
      action: 'create',
      entityId: record.id,
      actorId: clinic.owner.id,
      role: 'owner',
      summary: `${record.fileName} · 已校验 / verified`,
    });
    for (const name of await clinic.patientNames()) expect(event!.summary).not.toContain(name);
    expect(verifyAuditChain(await clinic.db.auditEvents.toArray()).ok).toBe(true);
  }, 60_000);

  it('a scheduled backup that fails on a full disk is logged as failed, with the reason', async () => {
    const clinic = await clinicWithHost({ passphrase: true, diskFull: true });
    const record = (await backUp(clinic.ctx, clinic.host, 'scheduled', SCHEDULE_ACTOR))!;
    expect(record).toMatchObject({ state: 'failed', failure: 'disk-full' });
    expect(await clinic.backupEvents()).toMatchObject([
      {
        actorId: 'schedule',
        role: null,
        entityId: record.id,
        summary: `${record.fileName} · 失败 / failed (disk-full)`,
      },
    ]);
  }, 60_000);

  it('a backup refused before it started (no passphrase yet) is logged as failed too', async () => {
    const clinic = await clinicWithHost({ passphrase: false });
    await expect(
      backUp(clinic.ctx, clinic.host, 'manual', clinic.ownerActor),
    ).rejects.toMatchObject({ failure: 'no-passphrase' });
    expect(await clinic.backupEvents()).toMatchObject([
      { action: 'create', summary: '失败 / failed (no-passphrase)' },
    ]);
  });

  it('exporting a backup to a USB drive is logged with the file it copied', async () => {
    const clinic = await clinicWithHost({ passphrase: false });
    await recordBackupExported(clinic.ctx, clinic.ownerActor, {
      id: 'backup-1',
      fileName: 'clinicdesk-2026-11-22-190000.cdbackup',
    });
    expect(await clinic.backupEvents()).toMatchObject([
      {
        action: 'export',
        entityId: 'backup-1',
        actorId: clinic.owner.id,
        summary: 'clinicdesk-2026-11-22-190000.cdbackup',
      },
    ]);
  });
});
