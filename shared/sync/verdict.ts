import {
  auditActionSchema,
  auditEntitySchema,
  type AuditAction,
  type AuditEntity,
} from '../audit/audit-event';
import { permissions, type Action } from '../auth/permissions';
import { roleSchema, roles as allRoles, type Role } from '../auth/roles';
import { mergeChange, type StoredRow } from './merge';
import { MERGE_SPECS } from './merge-spec';
import { WIRE_SCHEMA_VERSION, type Change } from './protocol';
import { fromOlderDevices } from './wire-compat';

/**
 * Permission verdicts (PRODUCT.md §7.1 across devices). A PC checks a person's roles before it
 * writes, with what it knows then; a PC that was offline may not know that the owner took a role
 * away or closed the account meanwhile. So each synced transaction also gets ONE verdict, a pure
 * function of the transaction and of the staff accounts as the clinic's log stood just before it:
 * the hub judges each transaction as it enters the log and serves the verdict with its changes,
 * and every device — the author's included — applies an accepted transaction and quarantines a
 * refused one, where the owner sees it (it may be a consent a patient really signed).
 *
 * What is judged: a transaction's changes to rows, against the audit events of the same
 * transaction (who acted, in which role, doing what). Audit events themselves are never refused:
 * they are the record of what was done on that PC, and each device's chain must stay whole.
 * Not judged (accepted): a transaction without any audit event (nobody to judge), changes of a
 * newer wire schema or of tables this version does not know, and audit events naming an act this
 * version does not know — a newer ClinicDesk judges those, an older one keeps the data.
 *
 * Except an erasure, which is ALWAYS judged, whatever its table or wire schema and whatever else
 * the transaction holds: a retention disposal destroys content on the hub and on every device, for
 * good, so nobody may erase without somebody answering for it. Each `erase` change names, in its
 * data (`auditEventId`, see `EraseData`), the audit event of its own transaction that authorises
 * it: a disposal (`DISPOSAL_ACT`: entity `disposal`, action `delete`) recorded in a role that
 * allows `disposal.approve`, by a person who holds that role and whose account is active as the
 * log stands. Otherwise the whole transaction is refused ('unauthorised-disposal', or the
 * standing's own reason), and a refused erase erases nothing anywhere: the hub keeps the content
 * and records no erasure (server/hub/log-store.ts), devices quarantine it.
 */

/** What a person may do as the log stands at a point: the roles they hold and whether they may log in. */
export type Standing = { roles: readonly Role[]; active: boolean };

const rolesOf = (...actions: Action[]): readonly Role[] =>
  allRoles.filter((role) =>
    actions.some((action) => (permissions[action] as readonly Role[]).includes(role)),
  );

/** Anyone with an account: the acts every person does for themselves (login, own password). */
const ANYONE = 'anyone' as const;

type ActRule = readonly Role[] | typeof ANYONE;

/**
 * The roles an audited act may be recorded in: (entity, action) → roles. `*` is every other
 * action on that entity. The local write path checks the same table before it writes
 * (renderer/src/db/write.ts), so a PC never writes what the verdict would refuse for this reason.
 */
const ACTS: Readonly<Record<AuditEntity, Readonly<Partial<Record<AuditAction | '*', ActRule>>>>> = {
  session: { '*': ANYONE },
  staff: {
    'password-change': ANYONE,
    'login-failed': ANYONE,
    'recovery-code': rolesOf('settings.security'),
    'password-recover': rolesOf('settings.security'),
    '*': rolesOf('staff.manage'),
  },
  settings: {
    '*': rolesOf('settings.clinic', 'settings.security', 'backup.manage', 'sync.manage'),
  },
  patient: {
    view: rolesOf('patient.view', 'record.view'),
    merge: rolesOf('patient.merge'),
    '*': rolesOf('patient.register', 'patient.edit-identity'),
  },
  attachment: {
    view: rolesOf('patient.view'),
    '*': rolesOf('patient.register', 'patient.edit-identity'),
  },
  visit: {
    view: rolesOf('patient.view'),
    '*': rolesOf(
      'visit.check-in',
      'verification.record',
      'verification.override',
      'verification.reconfirm',
      'verification.dispense',
    ),
  },
  verification: {
    view: rolesOf('patient.view'),
    review: rolesOf('review.daily'),
    '*': rolesOf(
      'verification.record',
      'verification.override',
      'verification.reconfirm',
      'verification.dispense',
    ),
  },
  catalogue: { view: rolesOf('catalogue.view'), '*': rolesOf('catalogue.import') },
  'planned-item': {
    view: rolesOf('patient.view'),
    perform: rolesOf('item.perform'),
    bill: rolesOf('item.bill'),
    '*': rolesOf('consent.prepare'),
  },
  consent: {
    view: rolesOf('consent.view'),
    sign: rolesOf('consent.sign'),
    refuse: rolesOf('consent.sign'),
    void: rolesOf('consent.void'),
    '*': rolesOf('consent.prepare'),
  },
  record: { view: rolesOf('record.view'), '*': rolesOf('record.manage') },
  'retention-policy': { '*': rolesOf('record.manage') },
  disposal: { '*': rolesOf('disposal.approve', 'record.manage') },
  complaint: { '*': rolesOf('complaint.create', 'complaint.handle') },
  'complaint-event': { '*': rolesOf('complaint.create', 'complaint.handle') },
  consultation: { '*': rolesOf('complaint.create') },
  backup: { '*': rolesOf('backup.manage') },
  device: { '*': rolesOf('sync.manage') },
};

/** Accounts that are no person: the first-run restore and the scheduled backup (role null). */
const SYSTEM_ACTORS: Readonly<Record<string, readonly AuditEntity[]>> = {
  setup: ['backup', 'session', 'settings'],
  schedule: ['backup', 'session', 'settings'],
};

/** The rule for an act, or undefined for an act no version of the rules names. */
const ruleOf = (entity: AuditEntity, action: AuditAction): ActRule | undefined =>
  ACTS[entity]?.[action] ?? ACTS[entity]?.['*'];

/**
 * May an act be recorded in `role` by `actorId`? Used by the local write path before it writes
 * and by the verdict. A null role is a system account's (for its few acts) or an unknown name's
 * failed login; `setup` is judged by the verdict itself (the first owner has no account before).
 */
export const mayRecordAct = (
  actorId: string,
  role: Role | null,
  entity: AuditEntity,
  action: AuditAction,
): boolean => {
  if (role === null) {
    // Nobody identified: a failed login or recovery under an unknown name.
    if (action === 'login-failed' || entity === 'session') return true;
    return (SYSTEM_ACTORS[actorId] ?? []).includes(entity);
  }
  const rule = ruleOf(entity, action);
  if (rule === undefined) return false;
  return rule === ANYONE || rule.includes(role);
};

/** The audit entities whose acts write each synced table's rows. */
const TABLE_ENTITIES: Readonly<Record<string, readonly AuditEntity[]>> = {
  staff: ['staff'],
  settings: ['settings'],
  patients: ['patient'],
  // A complaint's files are written with the timeline event they belong to, by its handlers.
  attachments: ['attachment', 'patient', 'complaint-event'],
  visits: ['visit', 'verification'],
  verifications: ['verification'],
  verificationReviews: ['verification'],
  catalogueVersions: ['catalogue'],
  catalogueItems: ['catalogue'],
  plannedItems: ['planned-item'],
  consents: ['consent'],
  consentVoids: ['consent'],
  complaints: ['complaint'],
  complaintEvents: ['complaint-event', 'complaint'],
  consultations: ['consultation'],
  records: ['record'],
  retentionPolicies: ['retention-policy'],
  disposals: ['disposal'],
};

/** Does an act on `entity` account for a change of `table`? (The write path checks this too.) */
export const actWritesTable = (entity: AuditEntity, table: string): boolean =>
  (TABLE_ENTITIES[table] ?? []).includes(entity);

/** Why a transaction is refused. */
export type RefusalReason =
  /** The acting account is not in the clinic's staff as the log stands there. */
  | 'unknown-actor'
  /** The account was closed (deactivated) before the act reached the log. */
  | 'inactive-actor'
  /** The person no longer held (or never held) the role the act was recorded in. */
  | 'role-not-held'
  /** The role recorded does not allow the act at all. */
  | 'role-cannot'
  /**
   * An erasure without a disposal that authorises it: no disposal event named, one not in the
   * transaction, or one recorded in a role that may not approve disposals.
   */
  | 'unauthorised-disposal';

export type Refusal = {
  reason: RefusalReason;
  actorId: string;
  actorName: string;
  role: Role | null;
  entity: AuditEntity;
  action: AuditAction;
};

export type Verdict = { ok: true } | ({ ok: false } & Refusal);

const ACCEPTED: Verdict = { ok: true };

/** The fields of an audit event the verdict reads, when they are all well formed. */
type Act = {
  actorId: string;
  actorName: string;
  role: Role | null;
  entity: AuditEntity;
  action: AuditAction;
  seq: number;
};

const actOf = (data: unknown): Act | undefined => {
  if (data === null || typeof data !== 'object') return undefined;
  const event = data as Record<string, unknown>;
  const entity = auditEntitySchema.safeParse(event.entity);
  const action = auditActionSchema.safeParse(event.action);
  const role = event.role === null ? null : roleSchema.safeParse(event.role);
  if (!entity.success || !action.success || (role !== null && !role.success)) return undefined;
  if (typeof event.actorId !== 'string') return undefined;
  return {
    actorId: event.actorId,
    actorName: typeof event.actorName === 'string' ? event.actorName : '',
    role: role === null ? null : role.data,
    entity: entity.data,
    action: action.data,
    seq: typeof event.seq === 'number' ? event.seq : 0,
  };
};

/** The roles a staff change of this transaction gives `staffId`, if it sets them. */
const rolesSetFor = (tx: readonly Change[], staffId: string): readonly Role[] => {
  for (const change of tx) {
    if (change.table !== 'staff' || change.entityId !== staffId) continue;
    const data = fromOlderDevices('staff', change.data) as { set?: { roles?: unknown } };
    const roles = Array.isArray(data?.set?.roles) ? data.set.roles : [];
    return roles.filter((role): role is Role => roleSchema.safeParse(role).success);
  }
  return [];
};

/**
 * Is this act one the person could do as the log stands? A clinic's first owner (and a PC in use
 * that joins the clinic, with its own owner) is created by the setup transaction that also names
 * them: accepted when that transaction starts its device's audit chain and gives them the role.
 */
const judgeAct = (
  act: Act,
  tx: readonly Change[],
  acts: readonly Act[],
  standingOf: (staffId: string) => Standing | undefined,
): Refusal | undefined => {
  const refuse = (reason: RefusalReason): Refusal => ({
    reason,
    actorId: act.actorId,
    actorName: act.actorName,
    role: act.role,
    entity: act.entity,
    action: act.action,
  });
  if (!mayRecordAct(act.actorId, act.role, act.entity, act.action)) return refuse('role-cannot');
  if (act.role === null) return undefined;
  const standing = standingOf(act.actorId);
  if (!standing) {
    const setsUp =
      act.action === 'setup' &&
      acts.some((other) => other.seq === 1) &&
      rolesSetFor(tx, act.actorId).includes(act.role);
    return setsUp ? undefined : refuse('unknown-actor');
  }
  if (!standing.active) return refuse('inactive-actor');
  if (!standing.roles.includes(act.role)) return refuse('role-not-held');
  return undefined;
};

/** A change the verdict has rules for: known table, this wire schema, a row change. */
const judged = (change: Change): boolean =>
  change.table !== 'auditEvents' &&
  change.schemaVersion <= WIRE_SCHEMA_VERSION &&
  MERGE_SPECS[change.table] !== undefined &&
  MERGE_SPECS[change.table]!.kind !== 'local';

/** The audited act that authorises erasures: a retention disposal carried out. */
export const DISPOSAL_ACT = { entity: 'disposal', action: 'delete' } as const satisfies {
  entity: AuditEntity;
  action: AuditAction;
};

/**
 * What an `erase` change carries (its `data`, kept by every device as the erasure record):
 * `auditEventId` names the disposal event of the same transaction that authorises it; it is also
 * how a device re-pushing its erasures to a hub that lost its log finds that event
 * (renderer/src/sync/repush.ts). `disposal` names the disposal batch, when there is one.
 */
export type EraseData = { auditEventId: string; disposal?: string };

/** The audit event an erase names, if its data name one. */
export const erasureEventId = (data: unknown): string | undefined => {
  const named = (data as { auditEventId?: unknown } | null | undefined)?.auditEventId;
  return typeof named === 'string' && named !== '' ? named : undefined;
};

/** The roles that may approve a disposal, whatever else may record acts on disposals. */
const DISPOSERS: readonly Role[] = permissions['disposal.approve'];

/**
 * The refusal of a transaction's erasures, if any (see the top comment): each `erase` change must
 * name a disposal event of the transaction, recorded in a disposing role by an active person who
 * holds it as the log stands.
 */
const judgeErasures = (
  tx: readonly Change[],
  acts: ReadonlyMap<string, Act>,
  standingOf: (staffId: string) => Standing | undefined,
): Refusal | undefined => {
  const anyAct = [...acts.values()][0];
  const unauthorised = (act: Act | undefined): Refusal => ({
    reason: 'unauthorised-disposal',
    actorId: act?.actorId ?? '',
    actorName: act?.actorName ?? '',
    role: act?.role ?? null,
    entity: DISPOSAL_ACT.entity,
    action: DISPOSAL_ACT.action,
  });
  for (const change of tx) {
    if (change.op !== 'erase') continue;
    const eventId = erasureEventId(change.data);
    const act = eventId === undefined ? undefined : acts.get(eventId);
    if (!act) return unauthorised(anyAct);
    if (act.entity !== DISPOSAL_ACT.entity || act.action !== DISPOSAL_ACT.action)
      return unauthorised(act);
    if (act.role === null || !DISPOSERS.includes(act.role)) return unauthorised(act);
    const refusal = judgeAct(act, tx, [...acts.values()], standingOf);
    if (refusal) return refusal;
  }
  return undefined;
};

/**
 * The verdict on one transaction (all its changes, in order), given each account's standing as
 * the log stood just before it. Pure: the same transaction and standings give the same verdict on
 * the hub and on every device.
 */
export const transactionVerdict = (
  tx: readonly Change[],
  standingOf: (staffId: string) => Standing | undefined,
): Verdict => {
  if (tx.some((change) => change.op === 'erase')) {
    // Always judged: by the acts this version can read (an unreadable one authorises nothing).
    const readable = new Map<string, Act>();
    for (const change of tx) {
      if (change.table !== 'auditEvents' || change.op !== 'insert') continue;
      const act = actOf(change.data);
      if (act) readable.set(change.entityId, act);
    }
    const refusal = judgeErasures(tx, readable, standingOf);
    if (refusal) return { ok: false, ...refusal };
  }
  // The erasures are judged above, by the disposal they name; the other changes as always.
  const rows = tx.filter((change) => change.op !== 'erase' && judged(change));
  if (rows.length === 0) return ACCEPTED;
  const audit = tx.filter((change) => change.table === 'auditEvents');
  if (audit.length === 0) return ACCEPTED;
  const acts: Act[] = [];
  for (const change of audit) {
    const act = actOf(change.data);
    // An act this version cannot read (a newer ClinicDesk's): its transaction is not judged here.
    if (!act) return ACCEPTED;
    acts.push(act);
  }
  // Each row change is judged against the acts that account for its table; a change no act
  // accounts for, against every act of its transaction.
  const relevant = new Set<Act>();
  for (const change of rows) {
    const covering = acts.filter((act) => actWritesTable(act.entity, change.table));
    for (const act of covering.length > 0 ? covering : acts) relevant.add(act);
  }
  for (const act of relevant) {
    const refusal = judgeAct(act, tx, acts, standingOf);
    if (refusal) return { ok: false, ...refusal };
  }
  return ACCEPTED;
};

/**
 * The staff accounts as the log stands at a point, folded from the staff changes of accepted
 * transactions with the same merge every device runs. A refused staff change grants nothing.
 */
export class StaffLedger {
  private readonly rows = new Map<string, StoredRow>();

  /** A ledger holding these folded rows (copied). */
  static from(rows: Iterable<[string, StoredRow]>): StaffLedger {
    const ledger = new StaffLedger();
    for (const [id, row] of rows) ledger.rows.set(id, row);
    return ledger;
  }

  standingOf = (staffId: string): Standing | undefined => {
    const stored = this.rows.get(staffId);
    if (!stored) return undefined;
    const roles = Array.isArray(stored.row.roles)
      ? stored.row.roles.filter((role): role is Role => roleSchema.safeParse(role).success)
      : [];
    return { roles, active: stored.row.active !== false };
  };

  /** Folds in the staff changes of a transaction (call only for an accepted one). */
  take(tx: readonly Change[], origin: { deviceId: string; receivedAt: number }): void {
    for (const change of tx) {
      if (change.table !== 'staff' || change.schemaVersion > WIRE_SCHEMA_VERSION) continue;
      const result = mergeChange(this.rows.get(change.entityId), {
        table: 'staff',
        entityId: change.entityId,
        op: change.op,
        hlc: change.hlc,
        data: fromOlderDevices('staff', change.data),
        deviceId: origin.deviceId,
        receivedAt: origin.receivedAt,
      });
      if (result.kind === 'write')
        this.rows.set(change.entityId, { row: result.row, clocks: result.clocks });
    }
  }

  /** Judges a transaction and, when it is accepted, folds in its staff changes. */
  judge(tx: readonly Change[], origin: { deviceId: string; receivedAt: number }): Verdict {
    const verdict = transactionVerdict(tx, this.standingOf);
    if (verdict.ok) this.take(tx, origin);
    return verdict;
  }

  /** Drops an account whose content a retention disposal erased: the log no longer holds it. */
  forget(staffId: string): void {
    this.rows.delete(staffId);
  }

  /** A copy to judge a push with, kept only if the push commits. */
  clone(): StaffLedger {
    return StaffLedger.from(this.rows);
  }
}

/** How a refusal travels with each change of its transaction in the log (`LogEntry.refused`). */
export const refusalText = (refusal: Refusal): string =>
  JSON.stringify({
    reason: refusal.reason,
    actorId: refusal.actorId,
    actorName: refusal.actorName,
    role: refusal.role,
    entity: refusal.entity,
    action: refusal.action,
  });

/** The refusal a log entry carries, or undefined for an accepted one (or a text not understood). */
export const refusalOf = (text: string | undefined): Refusal | undefined => {
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as Refusal;
    return typeof parsed?.reason === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
};
