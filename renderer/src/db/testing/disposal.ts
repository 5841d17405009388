import { DISPOSAL_ACT, type EraseData } from '../../../../shared/sync/verdict';
import type { AuditEvent } from '../../../../shared/audit/audit-event';
import { wipeAuditEvent } from '../../../../shared/audit/personal-digest';
import { erasureWipes } from '../../../../shared/sync/merge';
import { queueChange } from '../outbox';
import { authorize, recordAuditEvent, recordKeepingTables, rowClocksKey } from '../write';
import type { Actor, StoreContext } from '../write';

/**
 * A retention disposal carried out on this PC, as the records archive will write it: in ONE
 * transaction, the disposal's audit event and, for each row, the `erase` change naming that event
 * (shared/sync/verdict.ts); the rows and their clocks go and the erasures stay, with the
 * transaction that made them (`ErasureRow.txId`); an audit event is wiped in place. The actor must
 * be allowed `disposal.approve` here; a test that needs a forbidden one pushes it by hand.
 */
export const disposeOf = async (
  ctx: StoreContext,
  actor: Actor,
  table: string,
  ids: readonly string[],
  disposal = 'd-1',
): Promise<AuditEvent> => {
  const { db } = ctx;
  const disposer = authorize(actor, 'disposal.approve');
  return db.transaction(
    'rw',
    [...recordKeepingTables(db), db.table(table), db.erasures],
    async () => {
      const event = await recordAuditEvent(ctx, {
        actor: disposer,
        ...DISPOSAL_ACT,
        entityId: disposal,
        summary: `${table} ×${ids.length}`,
      });
      // The event's change opened the transaction's group in the outbox: the erasures join it.
      const txId = (await db.outbox.orderBy('deviceSeq').last())!.txId;
      for (const id of ids) {
        const data: EraseData = { disposal, auditEventId: event.id };
        await queueChange(ctx, { hlc: event.hlc, table, entityId: id, op: 'erase', data });
        if (erasureWipes(table)) {
          // An audit event is wiped, not deleted: its device's chain must still verify (one
          // written before personal digests cannot be wiped and stays whole).
          const held = await db.auditEvents.get(id);
          const wiped = held && wipeAuditEvent(held);
          if (wiped) await db.auditEvents.put(wiped);
        } else await db.table(table).delete(id);
        await db.rowClocks.delete(rowClocksKey(table, id));
        await db.erasures.put({
          key: rowClocksKey(table, id),
          table,
          entityId: id,
          hlc: event.hlc,
          data,
          txId,
        });
      }
      return event;
    },
  );
};
