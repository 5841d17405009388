import type { AuditAction, AuditEntity, AuditEvent } from '../../../shared/audit/audit-event';
import { verifyAuditChain, type ChainReport } from '../../../shared/audit/chain';
import { checkAgainstCheckpoints, type AnchorCheck } from '../../../shared/audit/checkpoint';
import { assertCan } from '../../../shared/auth/permissions';
import type { Role } from '../../../shared/auth/roles';
import { idBoundsOf } from '../../../shared/ids';
import { anchoringOf } from './chain-anchor';
import type { ClinicDb } from './database';
import { authorize, recordAuditEvent, rowClocksKey, type Actor, type StoreContext } from './write';

export type AuditFilter = {
  actorId?: string;
  /** Inclusive ISO instants. */
  from?: string;
  to?: string;
  entity?: AuditEntity;
  action?: AuditAction;
};

/**
 * Newest first. The date range is read through the primary key: an event's id is a UUIDv7 made
 * with the same clock reading as its `at` (write.ts), so ids sort by time, and a new workstation's
 * first sync writes one index entry less per event. `at` itself and the rest are filtered in
 * memory. The log names every patient whose record anyone opened: only `audit.view` reads it.
 */
export const queryAudit = async (
  db: ClinicDb,
  actor: Actor,
  filter: AuditFilter,
  limit = 500,
): Promise<AuditEvent[]> => {
  authorize(actor, 'audit.view');
  const { lower, upper } = idBoundsOf(filter.from, filter.to);
  const range = db.auditEvents.where(':id').between(lower, upper, true, true);
  return range
    .reverse()
    .filter(
      (e) =>
        (!filter.from || e.at >= filter.from) &&
        (!filter.to || e.at <= filter.to) &&
        (!filter.actorId || e.actorId === filter.actorId) &&
        (!filter.entity || e.entity === filter.entity) &&
        (!filter.action || e.action === filter.action),
    )
    .limit(limit)
    .toArray();
};

/** The hash chains as stored, and each anchored device's chain against its checkpoint. */
export type StoredChainReport = ChainReport & {
  anchors: AnchorCheck[];
  /** The host refused the latest checkpoint: the checkpoints may lag behind the chains. */
  anchorFailing: boolean;
};

/** The audit events a retention disposal erased here: only these may be held wiped. */
export const erasedAuditEvents = async (db: ClinicDb): Promise<Set<string>> => {
  const prefix = rowClocksKey('auditEvents', '');
  const keys = await db.erasures.where(':id').startsWith(prefix).primaryKeys();
  return new Set(keys.map((key) => key.slice(prefix.length)));
};

/**
 * Re-hashes every stored event and compares each device's chain with the checkpoint the host
 * kept for it (db/chain-anchor.ts): only the checkpoint can tell events deleted at the end, a
 * chain rewritten and re-hashed, or an emptied log, from an intact one.
 */
export const verifyStoredChain = async (
  db: ClinicDb,
  roles: readonly Role[],
): Promise<StoredChainReport> => {
  assertCan(roles, 'audit.view');
  const anchoring = anchoringOf(db);
  const checkpoints = (await anchoring?.checkpoints()) ?? [];
  const events = await db.auditEvents.toArray();
  return {
    ...verifyAuditChain(events, await erasedAuditEvents(db)),
    anchors: checkAgainstCheckpoints(events, checkpoints),
    anchorFailing: anchoring?.failure() !== undefined,
  };
};

/** PRODUCT §3.5: every opening of a patient's record is logged. */
export const logRecordView = (
  ctx: StoreContext,
  actor: Actor,
  entity: AuditEntity,
  entityId: string,
  summary = '',
) => recordAuditEvent(ctx, { actor, action: 'view', entity, entityId, summary });
