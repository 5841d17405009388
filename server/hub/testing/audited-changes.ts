import { createHash } from 'node:crypto';
import type { AuditAction, AuditEntity, AuditEvent } from '../../../shared/audit/audit-event';
import type { Role } from '../../../shared/auth/roles';
import { encodeHlc } from '../../../shared/clock/hlc';
import { WIRE_SCHEMA_VERSION, type Change } from '../../../shared/sync/protocol';

/**
 * A row a transaction writes: a RowPatch for an editable table, the whole row for insert-only,
 * the erasure record for an erase (a retention disposal).
 */
export type RowWrite = {
  table: string;
  entityId: string;
  op: 'upsert' | 'insert' | 'erase';
  data: unknown;
};

/** Who acted, in which role, doing what: the audit event of the transaction. */
export type Act = {
  actorId: string;
  actorName: string;
  role: Role | null;
  action: AuditAction;
  entity: AuditEntity;
  entityId: string;
};

/**
 * A workstation's outbox as the app fills it: each local transaction is its rows and one audit
 * event of the device's chain (seq 1, 2, …, each linked to the one before), numbered with the
 * device's next deviceSeq and stamped with its HLC.
 */
export const auditedDevice = (deviceId: string, options: { wall?: number } = {}) => {
  let deviceSeq = 0;
  let auditSeq = 0;
  let prevHash = '0'.repeat(64);
  let wall = options.wall ?? 1_764_000_000_000;
  return {
    get deviceSeq() {
      return deviceSeq;
    },
    /** One transaction: the rows, then the audit event that records them. */
    tx(rows: readonly RowWrite[], act: Act): Change[] {
      wall += 1000;
      const hlc = encodeHlc({ wall, counter: 0, node: deviceId });
      const txId = `tx-${deviceId.slice(0, 8)}-${deviceSeq + 1}`;
      auditSeq += 1;
      const event: AuditEvent = {
        id: `audit-${deviceId.slice(0, 8)}-${auditSeq}`,
        deviceId,
        seq: auditSeq,
        at: new Date(wall).toISOString(),
        hlc,
        ...act,
        summary: `${act.entity} ${act.action}`,
        prevHash,
        hash: createHash('sha256').update(`${deviceId}:${auditSeq}:${prevHash}`).digest('hex'),
      };
      prevHash = event.hash;
      // An erasure names the disposal event of its transaction (shared/sync/verdict.ts).
      const named = rows.map((row) =>
        row.op === 'erase' && row.data !== null && typeof row.data === 'object'
          ? { ...row, data: { auditEventId: event.id, ...row.data } }
          : row,
      );
      const writes: RowWrite[] = [
        ...named,
        { table: 'auditEvents', entityId: event.id, op: 'insert', data: event },
      ];
      return writes.map((write, txIndex) => ({
        deviceSeq: ++deviceSeq,
        txId,
        txIndex,
        txSize: writes.length,
        table: write.table,
        entityId: write.entityId,
        op: write.op,
        hlc,
        schemaVersion: WIRE_SCHEMA_VERSION,
        data: write.data,
      }));
    },
  };
};

/** A staff account as the owner's screens create it (the first patch sets every field). */
export const staffRow = (
  id: string,
  username: string,
  displayName: string,
  roles: readonly Role[],
): RowWrite => ({
  table: 'staff',
  entityId: id,
  op: 'upsert',
  data: {
    set: {
      id,
      username,
      displayName,
      roles,
      active: true,
      password: `scrypt$${username}`,
      mustChangePassword: true,
      createdAt: '2026-11-25T01:00:00.000Z',
      createdBy: id,
    },
  },
});

/** A consent signed at the chair: an insert-only row. */
export const consentRow = (id: string, signedBy: string): RowWrite => ({
  table: 'consents',
  entityId: id,
  op: 'insert',
  data: { id, patientId: 'p-1', signedBy, signedAt: '2026-11-25T02:00:00.000Z' },
});

/** The erasure of a row by a retention disposal (its transaction names the disposal event). */
export const erasureOf = (table: string, entityId: string, disposal = 'd-1'): RowWrite => ({
  table,
  entityId,
  op: 'erase',
  data: { disposal },
});

/** A retention disposal carried out by `actor`: the act that authorises erasures. */
export const disposalBy = (
  actor: Pick<Act, 'actorId' | 'actorName' | 'role'>,
  disposal = 'd-1',
): Act => ({ ...actor, action: 'delete', entity: 'disposal', entityId: disposal });

/** The first owner of a clinic, set up on `device` (the first transaction of its chain). */
export const ownerSetup = (
  device: ReturnType<typeof auditedDevice>,
  owner = { actorId: 'staff-owner', actorName: '王芳', username: 'wangfang' },
): Change[] =>
  device.tx([staffRow(owner.actorId, owner.username, owner.actorName, ['owner'])], {
    actorId: owner.actorId,
    actorName: owner.actorName,
    role: 'owner',
    action: 'setup',
    entity: 'staff',
    entityId: owner.actorId,
  });
