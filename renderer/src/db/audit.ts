import type { AuditAction, AuditEntity, AuditEvent } from '../../../shared/audit/audit-event';
import { verifyAuditChain, type ChainReport } from '../../../shared/audit/chain';
import { assertCan } from '../../../shared/auth/permissions';
import type { Role } from '../../../shared/auth/roles';
import type { ClinicDb } from './database';
import { recordAuditEvent, type Actor, type StoreContext } from './write';

export type AuditFilter = {
  actorId?: string;
  /** Inclusive ISO instants. */
  from?: string;
  to?: string;
  entity?: AuditEntity;
  action?: AuditAction;
};

/** Newest first. Uses the `at` index for the date range, then filters the rest in memory. */
export const queryAudit = async (
  db: ClinicDb,
  filter: AuditFilter,
  limit = 500,
): Promise<AuditEvent[]> => {
  const range = db.auditEvents
    .where('at')
    .between(filter.from ?? '', filter.to ?? '\uffff', true, true);
  return range
    .reverse()
    .filter(
      (e) =>
        (!filter.actorId || e.actorId === filter.actorId) &&
        (!filter.entity || e.entity === filter.entity) &&
        (!filter.action || e.action === filter.action),
    )
    .limit(limit)
    .toArray();
};

export const verifyStoredChain = async (db: ClinicDb, role: Role): Promise<ChainReport> => {
  assertCan(role, 'audit.view');
  return verifyAuditChain(await db.auditEvents.toArray());
};

/** PRODUCT §3.5: every opening of a patient's record is logged. */
export const logRecordView = (
  ctx: StoreContext,
  actor: Actor,
  entity: AuditEntity,
  entityId: string,
  summary = '',
) => recordAuditEvent(ctx, { actor, action: 'view', entity, entityId, summary });
