import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { hashAuditEvent } from '../../../../shared/audit/chain';
import { personalDigestOf } from '../../../../shared/audit/personal-digest';
import type { AuditEvent } from '../../../../shared/audit/audit-event';
import { webPrimitives } from '../../../../shared/backup/primitives';
import { manualClock } from '../../../../shared/clock/clock';
import { newId } from '../../../../shared/ids';
import { ClinicDb } from '../../db/database';
import { anchoredClinic, viewPatients } from '../../db/testing/anchored';
import { storeWithOwner } from '../../db/testing/store';
import { createI18n } from '../../i18n/i18n';
import { BackupHostDb } from '../../platform/backup-host-db';
import { createBrowserBackupHost } from '../../platform/browser-backup-host';
import { readBackupIntoNewStore } from './restore';
import { runBackup } from './run-backup';

const PASSPHRASE = '康宁诊所 backup 2026';

/** A backup of `db` through the browser host, as the Backups screen makes it. */
const backUp = async (db: ClinicDb): Promise<Blob> => {
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
  const record = await runBackup({ db, host, trigger: 'manual' });
  expect(record.state).toBe('verified');
  return files[0]!;
};

const preview = (file: Blob) =>
  readBackupIntoNewStore({
    file,
    passphrase: PASSPHRASE,
    target: new ClinicDb(`restored-${newId()}`, { indexedDB, IDBKeyRange }),
  });

const lastEvent = (db: ClinicDb) =>
  db.auditEvents
    .where('[deviceId+seq]')
    .between(['desk-1', Dexie.minKey], ['desk-1', Dexie.maxKey])
    .last() as Promise<AuditEvent>;

describe('every backup records the audit chains’ checkpoints, and the preview holds the file to them', () => {
  it('an untouched clinic’s backup reaches the checkpoint its manifest recorded', async () => {
    const { db, ctx, ownerActor } = await anchoredClinic();
    await viewPatients(ctx, ownerActor, 3);
    const last = await lastEvent(db);
    const { evidence } = await preview(await backUp(db));
    expect(evidence.anchors).toEqual([
      { deviceId: 'desk-1', status: 'ok', checkpointSeq: last.seq, lastSeq: last.seq },
    ]);
    const t = createI18n('zh-CN').t;
    expect(t('backups.restore.evidence.anchors.ok', { device: '…', seq: last.seq })).toContain(
      '检查点',
    );
  }, 60_000);

  it('events deleted at the end before the backup: the file’s chain is shorter than its checkpoint', async () => {
    const { db, ctx, ownerActor, anchoring } = await anchoredClinic();
    await viewPatients(ctx, ownerActor, 4);
    await anchoring.settled();
    const last = await lastEvent(db);
    await db.auditEvents
      .where('[deviceId+seq]')
      .between(['desk-1', last.seq - 1], ['desk-1', last.seq], true, true)
      .delete();
    const { evidence } = await preview(await backUp(db));
    expect(evidence.chains[0]!.firstBreak).toBeUndefined();
    expect(evidence.anchors).toEqual([
      { deviceId: 'desk-1', status: 'shorter', checkpointSeq: last.seq, lastSeq: last.seq - 2 },
    ]);
  }, 60_000);

  it('the last event rewritten and re-hashed: the file’s chain diverges from its checkpoint', async () => {
    const { db, ctx, ownerActor, anchoring } = await anchoredClinic();
    await viewPatients(ctx, ownerActor, 2);
    await anchoring.settled();
    const last = await lastEvent(db);
    const { hash: _old, ...edited } = { ...last, summary: '什么也没发生' };
    // A forger recomputes the personal digest too (shared/audit/personal-digest.ts).
    const content = { ...edited, personalDigest: personalDigestOf(edited.salt!, edited) };
    await db.auditEvents.put({ ...content, hash: hashAuditEvent(content) });
    const { evidence } = await preview(await backUp(db));
    expect(evidence.chains[0]!.firstBreak).toBeUndefined();
    expect(evidence.anchors).toMatchObject([{ status: 'rewritten', checkpointSeq: last.seq }]);
  }, 60_000);

  it('a backup from before checkpoints were kept still restores, previewed as having none', async () => {
    const { db } = await storeWithOwner();
    const restored = await preview(await backUp(db));
    expect(restored.evidence.anchors).toBeUndefined();
    expect(restored.evidence.chains).toHaveLength(1);
  }, 60_000);
});
