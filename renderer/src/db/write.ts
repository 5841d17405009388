import Dexie, { type Table } from 'dexie';
import type {
  AuditAction,
  AuditChange,
  AuditEntity,
  AuditEvent,
} from '../../../shared/audit/audit-event';
import { diffForAudit } from '../../../shared/audit/changes';
import { GENESIS_HASH } from '../../../shared/audit/audit-event';
import { sealAuditEvent } from '../../../shared/audit/personal-digest';
import { assertCan, type Action } from '../../../shared/auth/permissions';
import type { Role } from '../../../shared/auth/roles';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../../../shared/clock/clock';
import { createHlc } from '../../../shared/clock/hlc';
import type { TableName } from '../../../shared/db/schema';
import { newId } from '../../../shared/ids';
import type { Provenance } from '../../../shared/record';
import { anchorAfterCommit } from './chain-anchor';
import type { ClinicDb } from './database';
import { queueChange } from './outbox';
import {
  clocksImpliedBy,
  impliedByRow,
  mergeChange,
  patchOf,
  wireRow,
} from '../../../shared/sync/merge';
import { MERGE_SPECS } from '../../../shared/sync/merge-spec';
import { actWritesTable, mayRecordAct } from '../../../shared/sync/verdict';

/**
 * Who is acting: the roles they hold, and `role`, the one of them the audit log records for the
 * act (`authorize` sets it to the role that allows it). No roles and a null role only for a
 * failed login by an unknown name.
 */
export type Actor = { staffId: string; name: string; roles: readonly Role[]; role: Role | null };

/**
 * Refuses an act none of the actor's roles allows. Returns the actor acting in the role that
 * allows it: write with the returned actor, so the audit log says in which role it was done.
 */
export const authorize = (actor: Actor, action: Action): Actor => {
  if (actor.roles.length === 0) throw new AppError('invalid-input', 'an unknown person cannot act');
  return { ...actor, role: assertCan(actor.roles, action) };
};

/** What every repository needs: the store, this device, and the clock. */
export type StoreContext = { db: ClinicDb; deviceId: string; clock: Clock };

export type AuditInput = {
  actor: Actor;
  action: AuditAction;
  entity: AuditEntity;
  entityId: string;
  /** A label a person recognises (a name, a settings group); what changed goes in `changes`. */
  summary: string;
  reason?: string;
  /**
   * What changed. writeRecord works it out from the row; give it only when the row's own diff
   * would not say what the person did (a catalogue version that differs from another by one item).
   */
  changes?: AuditChange[];
};

const HLC_KEY = 'hlc';

/** Next causal stamp for this device; persisted in the same transaction as the change it stamps. */
const stampHlc = async (ctx: StoreContext): Promise<string> => {
  const stored = await ctx.db.deviceState.get(HLC_KEY);
  const hlc = createHlc({
    node: ctx.deviceId,
    clock: ctx.clock,
    last: typeof stored?.value === 'string' ? stored.value : undefined,
  });
  const stamp = hlc.tick();
  await ctx.db.deviceState.put({ key: HLC_KEY, value: stamp });
  return stamp;
};

/** Appends to this device's hash chain. Must run inside a transaction over auditEvents. */
const appendAudit = async (
  ctx: StoreContext,
  input: AuditInput,
  hlc: string,
): Promise<AuditEvent> => {
  // The rule every device's verdict applies to the act (shared/sync/verdict.ts): what this PC
  // records, the others accept, unless the person's roles changed meanwhile elsewhere.
  if (!mayRecordAct(input.actor.staffId, input.actor.role, input.entity, input.action))
    throw new Error(
      `the act ${input.entity}/${input.action} may not be recorded in role ${input.actor.role}`,
    );
  const last = await ctx.db.auditEvents
    .where('[deviceId+seq]')
    .between([ctx.deviceId, Dexie.minKey], [ctx.deviceId, Dexie.maxKey])
    .last();
  // The digest format (shared/audit/personal-digest.ts): a disposal can wipe summary, reason and
  // changes later without breaking this device's chain.
  const event: AuditEvent = sealAuditEvent({
    id: newId(ctx.clock),
    deviceId: ctx.deviceId,
    seq: (last?.seq ?? 0) + 1,
    at: new Date(ctx.clock.now()).toISOString(),
    hlc,
    actorId: input.actor.staffId,
    actorName: input.actor.name,
    role: input.actor.role,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId,
    summary: input.summary,
    ...(input.reason ? { reason: input.reason } : {}),
    ...(input.changes && input.changes.length > 0 ? { changes: input.changes } : {}),
    prevHash: last?.hash ?? GENESIS_HASH,
  });
  await ctx.db.auditEvents.add(event);
  anchorAfterCommit(ctx.db, event);
  await queueChange(ctx, {
    hlc,
    table: 'auditEvents',
    entityId: event.id,
    op: 'insert',
    data: event,
  });
  return event;
};

/** What appending an audit event touches: the trail, the outbox, the merge clocks, the HLC. */
const auditTables = (db: ClinicDb): Table[] => [
  db.auditEvents,
  db.outbox,
  db.rowClocks,
  db.deviceState,
];

/**
 * What a write touches besides its rows: the audit tables and the erasures it checks. A
 * transaction around `writeRecord` includes them.
 */
export const recordKeepingTables = (db: ClinicDb): Table[] => [...auditTables(db), db.erasures];

/**
 * A record a retention disposal erased stays erased: no write may bring it back on this PC (the
 * hub would wipe it, but the content would sit here meanwhile). Inside the write's transaction.
 */
const refuseErased = async (ctx: StoreContext, table: string, id: string): Promise<void> => {
  if (await ctx.db.erasures.get(rowClocksKey(table, id)))
    throw new AppError(
      'record-disposed',
      `${table}/${id} was erased by a retention disposal and cannot be written again`,
    );
};

/** Records an event that changes no row (login, lock, viewing a record). */
export const recordAuditEvent = (ctx: StoreContext, input: AuditInput): Promise<AuditEvent> =>
  ctx.db.transaction('rw', auditTables(ctx.db), async () =>
    appendAudit(ctx, input, await stampHlc(ctx)),
  );

export type RecordChange<T extends { id: string }> = {
  table: TableName;
  /** The row as it should be stored, without provenance (filled in here). */
  row: Omit<T, keyof Provenance>;
  /** The stored row before this change, or undefined when the row is new. */
  before: (Partial<Provenance> & object) | undefined;
  /** Fields whose values never go into the audit log (password hashes, signatures). */
  redact?: readonly string[];
  /** Fields derived from others (search keys): their change says nothing a person did. */
  ignore?: readonly string[];
  audit: Omit<AuditInput, 'entityId'>;
  /** Other tables the caller reads or writes inside `alsoInside`. */
  alsoTables?: Table[];
  /** Checks and extra writes that must commit, or fail, together with the row. */
  alsoInside?: () => Promise<void>;
};

/**
 * The one write path: the row, its audit event and its outbox entry commit together or not
 * at all (one Dexie transaction over all three tables).
 */
export const writeRecord = <T extends { id: string }>(
  ctx: StoreContext,
  change: RecordChange<T>,
): Promise<T> => {
  const table = ctx.db.table<T, string>(change.table);
  return ctx.db.transaction(
    'rw',
    [table, ...(change.alsoTables ?? []), ...recordKeepingTables(ctx.db)],
    async () => {
      if (!actWritesTable(change.audit.entity, change.table))
        throw new Error(`an act on ${change.audit.entity} does not write ${change.table}`);
      await refuseErased(ctx, change.table, change.row.id);
      await change.alsoInside?.();
      const hlc = await stampHlc(ctx);
      const at = new Date(ctx.clock.now()).toISOString();
      const provenance: Provenance = {
        createdAt: change.before?.createdAt ?? at,
        createdBy: change.before?.createdBy ?? change.audit.actor.staffId,
        updatedAt: at,
        updatedBy: change.audit.actor.staffId,
        deviceId: ctx.deviceId,
        hlc,
      };
      const row = { ...change.row, ...provenance } as unknown as T;
      // Append-only rows are added: a second write of one id is a bug, never an overwrite.
      if (insertOnly(change.table)) await table.add(row);
      else await table.put(row);
      await recordLocalChange(ctx, change.table, change.before, row, hlc);
      const changes =
        change.audit.changes ??
        diffForAudit(
          change.before as Record<string, unknown> | undefined,
          row as Record<string, unknown>,
          {
            ignore: [...AUDIT_IGNORED_FIELDS, ...(change.ignore ?? [])],
            redact: change.redact,
          },
        );
      await appendAudit(ctx, { ...change.audit, entityId: row.id, changes }, hlc);
      return row;
    },
  );
};

/**
 * Queues what changed in a row for the hub and moves the row's merge clocks: the fields this
 * change touched are now won by its stamp (a local stamp is newer than any this device has seen).
 */
export const recordLocalChange = async (
  ctx: StoreContext,
  table: TableName,
  before: object | undefined,
  row: { id: string },
  hlc: string,
): Promise<void> => {
  if (insertOnly(table)) {
    // Without what this PC keeps to itself (an attachment's bytes go by hash, not in the log).
    const data = wireRow(table, row as Record<string, unknown>);
    await queueChange(ctx, { hlc, table, entityId: row.id, op: 'insert', data });
    return;
  }
  const patch = patchOf(table, before as Record<string, unknown> | undefined, row);
  if (!patch) return;
  const key = rowClocksKey(table, row.id);
  const stored = await ctx.db.rowClocks.get(key);
  const merged = mergeChange(
    before ? { row: before as Record<string, unknown>, clocks: stored?.clocks ?? {} } : undefined,
    { table, entityId: row.id, op: 'upsert', hlc, data: patch, deviceId: ctx.deviceId },
  );
  // The clocks the stored row stands for from now on: none are stored while the row implies them
  // (merge.ts `impliedByRow`). A local change the merge kept out (this PC's clock behind a stamp
  // it holds) moves none, but the row's new hlc must not stand for them: they are written out.
  const clocks =
    merged.kind === 'write'
      ? merged.clocks
      : stored || !before
        ? undefined
        : clocksImpliedBy(table, before as Record<string, unknown>);
  if (clocks && (stored || !impliedByRow(table, clocks, row as Record<string, unknown>)))
    await ctx.db.rowClocks.put({ key, clocks });
  await queueChange(ctx, { hlc, table, entityId: row.id, op: 'upsert', data: patch });
};

/** Rows that are never changed once written (MERGE_SPECS says which). */
const insertOnly = (table: string) => MERGE_SPECS[table]?.kind !== 'editable';

/** Where an editable row's merge clocks are kept. */
export const rowClocksKey = (table: string, id: string) => `${table}/${id}`;

const PROVENANCE_FIELDS = [
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
  'deviceId',
  'hlc',
] as const;

/** Bookkeeping the audit event already carries (entity id, who, when, device, hlc). */
const AUDIT_IGNORED_FIELDS = [...PROVENANCE_FIELDS, 'id', 'key'];

/** The editable content of a stored row, ready to be changed and written again. */
export const withoutProvenance = <T extends Provenance>(row: T): Omit<T, keyof Provenance> => {
  const {
    createdAt: _c,
    createdBy: _cb,
    updatedAt: _u,
    updatedBy: _ub,
    deviceId: _d,
    hlc: _h,
    ...content
  } = row;
  return content;
};
