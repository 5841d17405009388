import type { BackupRecord } from '../../../shared/bridge/backup-host';
import type { AuditChange, AuditEvent } from '../../../shared/audit/audit-event';
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
  restored: { fileName: string; clinicName: string; createdAt: string; foreignKey?: boolean },
): Promise<AuditEvent> =>
  recordAuditEvent(ctx, {
    actor,
    action: 'restore',
    entity: 'backup',
    entityId: restored.fileName,
    summary: `${restored.fileName} · ${restored.clinicName} · ${formatClinicTime(restored.createdAt).slice(0, 16)}`,
    ...(restored.foreignKey ? { reason: FOREIGN_KEY_REASON } : {}),
  });

/** Why a restore of a file sealed with another key went ahead: the owner confirmed it. */
export const FOREIGN_KEY_REASON =
  "备份不是用本诊所当前的备份密码制作的，负责人已输入密码确认 / made with another backup passphrase; confirmed with the owner's password";

const SETTINGS_WORDS = {
  settings: '备份时间与保留份数 / backup time and rotation',
  passphrase: '备份密码 / backup passphrase',
  folder: '备份文件夹 / backup folder',
} as const;

/**
 * A guarded backup setting changed (hardening item 12), with what changed; a passphrase only as
 * "changed", never its text. `first`: the passphrase was set for the first time.
 */
export const recordBackupSettingsChanged = (
  ctx: StoreContext,
  actor: Actor,
  change: { what: keyof typeof SETTINGS_WORDS; changes: AuditChange[]; first?: boolean },
): Promise<AuditEvent> =>
  recordAuditEvent(ctx, {
    actor,
    action: change.first ? 'create' : 'update',
    entity: 'settings',
    entityId: `backup-${change.what}`,
    summary: SETTINGS_WORDS[change.what],
    changes: change.changes,
  });

const OLD_STORE_REASONS = {
  'by-owner': undefined,
  'by-restore':
    '恢复备份时自动删除：本机最多保留一份旧数据 / removed by a restore: one is kept at most',
} as const;

/**
 * A store a restore had left behind, deleted: which one and when it was replaced. The owner's
 * own deletion needs no reason; one made by a restore says why it happened.
 */
export const recordOldStoreDeleted = (
  ctx: StoreContext,
  actor: Actor,
  store: { name: string; replacedAt?: string },
  how: keyof typeof OLD_STORE_REASONS,
): Promise<AuditEvent> => {
  const reason = OLD_STORE_REASONS[how];
  const replaced = store.replacedAt ? formatClinicTime(store.replacedAt).slice(0, 16) : '—';
  return recordAuditEvent(ctx, {
    actor,
    action: 'delete',
    entity: 'backup',
    entityId: store.name,
    summary: `恢复前的旧数据 / data from before a restore · ${replaced}`,
    ...(reason ? { reason } : {}),
  });
};
