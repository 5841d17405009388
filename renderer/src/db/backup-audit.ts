import type { BackupRecord } from '../../../shared/bridge/backup-host';
import type { AuditEvent } from '../../../shared/audit/audit-event';
import { formatClinicTime } from '../../../shared/clock/clinic-time';
import { recordAuditEvent, type Actor, type StoreContext } from './write';

/*
 * Backups in the audit log (PRODUCT.md §7.2, §7.3): which file, made, exported or restored by
 * whom, and how it ended. Never what the file holds: no patient is named here.
 */

const STATE_WORDS = { verified: '已校验 / verified', failed: '失败 / failed' } as const;

const ending = (state: BackupRecord['state'], failure: string | undefined) =>
  state === 'failed' && failure ? `${STATE_WORDS.failed} (${failure})` : STATE_WORDS[state];

/** A backup finished, verified or failed (the host's record says which). */
export const recordBackupFinished = (
  ctx: StoreContext,
  actor: Actor,
  record: Pick<BackupRecord, 'id' | 'fileName' | 'state' | 'failure'>,
): Promise<AuditEvent> =>
  recordAuditEvent(ctx, {
    actor,
    action: 'create',
    entity: 'backup',
    entityId: record.id,
    summary: `${record.fileName} · ${ending(record.state, record.failure)}`,
  });

/**
 * A backup that never got as far as a record of its own (the host refused to start, or the
 * store could not be read): the reason only.
 */
export const recordBackupRefused = (
  ctx: StoreContext,
  actor: Actor,
  failure: string,
): Promise<AuditEvent> =>
  recordAuditEvent(ctx, {
    actor,
    action: 'create',
    entity: 'backup',
    entityId: '-',
    summary: ending('failed', failure),
  });

/** A verified backup copied where the owner chose (a USB drive), or downloaded. */
export const recordBackupExported = (
  ctx: StoreContext,
  actor: Actor,
  record: Pick<BackupRecord, 'id' | 'fileName'>,
): Promise<AuditEvent> =>
  recordAuditEvent(ctx, {
    actor,
    action: 'export',
    entity: 'backup',
    entityId: record.id,
    summary: record.fileName,
  });

/**
 * A restore, written into the restored store itself before the app switches to it: the first
 * event there, so the log in use says how its data came to this PC.
 */
export const recordRestore = (
  ctx: StoreContext,
  actor: Actor,
  restored: { fileName: string; clinicName: string; createdAt: string },
): Promise<AuditEvent> =>
  recordAuditEvent(ctx, {
    actor,
    action: 'restore',
    entity: 'backup',
    entityId: restored.fileName,
    summary: `${restored.fileName} · ${restored.clinicName} · ${formatClinicTime(restored.createdAt).slice(0, 16)}`,
  });
