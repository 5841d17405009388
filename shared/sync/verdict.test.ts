import { describe, expect, it } from 'vitest';
import type { AuditAction, AuditEntity } from '../audit/audit-event';
import type { Role } from '../auth/roles';
import { encodeHlc } from '../clock/hlc';
import { WIRE_SCHEMA_VERSION, type Change } from './protocol';
import {
  DISPOSAL_ACT,
  refusalOf,
  refusalText,
  StaffLedger,
  transactionVerdict,
  type Verdict,
} from './verdict';

const DEVICE = 'device-owner';
let wall = 1_764_000_000_000;

type Row = { table: string; entityId: string; op: 'upsert' | 'insert' | 'erase'; data: unknown };
type Act = {
  actorId: string;
  role: Role | null;
  action: AuditAction;
  entity: AuditEntity;
  entityId: string;
  /** The event's place in its device's chain. */
  seq?: number;
};

/** A transaction as a device writes it: its rows, then the audit events that record them. */
const tx = (rows: readonly Row[], ...acts: Act[]): Change[] => {
  wall += 1000;
  const hlc = encodeHlc({ wall, counter: 0, node: DEVICE });
  const writes: Row[] = [
    ...rows,
    ...acts.map((act, i): Row => ({
      table: 'auditEvents',
      entityId: `audit-${wall}-${i}`,
      op: 'insert',
      data: {
        id: `audit-${wall}-${i}`,
        deviceId: DEVICE,
        seq: act.seq ?? 10,
        at: new Date(wall).toISOString(),
        hlc,
        actorId: act.actorId,
        actorName: `name of ${act.actorId}`,
        role: act.role,
        action: act.action,
        entity: act.entity,
        entityId: act.entityId,
        summary: '',
        prevHash: '0'.repeat(64),
        hash: '1'.repeat(64),
      },
    })),
  ];
  return writes.map((write, txIndex) => ({
    deviceSeq: txIndex + 1,
    txId: `tx-${wall}`,
    txIndex,
    txSize: writes.length,
    table: write.table,
    entityId: write.entityId,
    op: write.op,
    hlc,
    schemaVersion: WIRE_SCHEMA_VERSION,
    data: write.data,
  }));
};

const staff = (id: string, set: Record<string, unknown>): Row => ({
  table: 'staff',
  entityId: id,
  op: 'upsert',
  data: { set: { id, ...set } },
});
const newStaff = (id: string, roles: Role[]) =>
  staff(id, { username: id, displayName: id, roles, active: true, mustChangePassword: true });
const consent = (id: string): Row => ({
  table: 'consents',
  entityId: id,
  op: 'insert',
  data: { id, patientId: 'p-1' },
});
const patient = (id: string): Row => ({
  table: 'patients',
  entityId: id,
  op: 'upsert',
  data: { set: { id, name: '张伟' } },
});

const ORIGIN = { deviceId: DEVICE, receivedAt: 1_764_000_000_000 };
const byOwner = (action: AuditAction, entityId: string, seq = 10): Act => ({
  actorId: 'owner',
  role: 'owner',
  action,
  entity: 'staff',
  entityId,
  seq,
});

/** A clinic whose owner set it up and added a dentist and a front desk. */
const clinic = (): StaffLedger => {
  const ledger = new StaffLedger();
  const setup = ledger.judge(
    tx([newStaff('owner', ['owner'])], byOwner('setup', 'owner', 1)),
    ORIGIN,
  );
  expect(setup).toEqual({ ok: true });
  for (const [id, roles] of [
    ['doctor', ['clinician']],
    ['desk', ['front-desk']],
    ['officer', ['insurance-officer']],
  ] as const)
    expect(ledger.judge(tx([newStaff(id, [...roles])], byOwner('create', id)), ORIGIN)).toEqual({
      ok: true,
    });
  return ledger;
};

const signs = (actorId: string, role: Role, id = 'c-1'): Change[] =>
  tx([consent(id)], { actorId, role, action: 'sign', entity: 'consent', entityId: id });

const reason = (verdict: Verdict) => (verdict.ok ? 'accepted' : verdict.reason);

describe('the verdict on a transaction', () => {
  it("accepts a clinician's consultation, and a complaint step with its file", () => {
    const ledger = clinic();
    const row = (table: string, id: string): Row => ({
      table,
      entityId: id,
      op: 'insert',
      data: { id },
    });
    const act = (entity: AuditEntity, entityId: string): Act => ({
      actorId: 'doctor',
      role: 'clinician',
      action: 'create',
      entity,
      entityId,
    });
    expect(
      reason(ledger.judge(tx([row('consultations', 'k-1')], act('consultation', 'k-1')), ORIGIN)),
    ).toBe('accepted');
    // The file is written as part of the complaint step, not as a patient's attachment.
    expect(
      reason(
        ledger.judge(
          tx(
            [row('complaintEvents', 'e-1'), row('attachments', 'a-1')],
            act('complaint-event', 'e-1'),
            act('complaint-event', 'a-1'),
          ),
          ORIGIN,
        ),
      ),
    ).toBe('accepted');
    expect(
      reason(ledger.judge(tx([row('attachments', 'a-2')], act('attachment', 'a-2')), ORIGIN)),
    ).not.toBe('accepted');
  });

  it("accepts an act the person's roles allow, as the log stands", () => {
    const ledger = clinic();
    expect(ledger.judge(signs('doctor', 'clinician'), ORIGIN)).toEqual({ ok: true });
    expect(
      reason(
        ledger.judge(
          tx([patient('p-1')], {
            actorId: 'owner',
            role: 'owner',
            action: 'create',
            entity: 'patient',
            entityId: 'p-1',
          }),
          ORIGIN,
        ),
      ),
    ).toBe('accepted');
  });

  it('refuses an act in a role the owner took away before it entered the log', () => {
    const ledger = clinic();
    ledger.judge(
      tx([staff('doctor', { roles: ['front-desk'] })], byOwner('update', 'doctor')),
      ORIGIN,
    );
    expect(ledger.judge(signs('doctor', 'clinician'), ORIGIN)).toEqual({
      ok: false,
      reason: 'role-not-held',
      actorId: 'doctor',
      actorName: 'name of doctor',
      role: 'clinician',
      entity: 'consent',
      action: 'sign',
    });
  });

  it('refuses an act of a closed account, and one of an account the log does not hold', () => {
    const ledger = clinic();
    ledger.judge(tx([staff('doctor', { active: false })], byOwner('deactivate', 'doctor')), ORIGIN);
    expect(reason(ledger.judge(signs('doctor', 'clinician'), ORIGIN))).toBe('inactive-actor');
    expect(reason(ledger.judge(signs('stranger', 'clinician'), ORIGIN))).toBe('unknown-actor');
  });

  it("accepts the setup that starts a device's chain and names its owner; a later 'setup' by nobody is refused", () => {
    const ledger = new StaffLedger();
    const fake = tx([newStaff('intruder', ['owner'])], {
      actorId: 'intruder',
      role: 'owner',
      action: 'setup',
      entity: 'staff',
      entityId: 'intruder',
      seq: 5,
    });
    expect(reason(ledger.judge(fake, ORIGIN))).toBe('unknown-actor');
    // It granted nothing: the intruder is still nobody.
    expect(ledger.standingOf('intruder')).toBeUndefined();
    const setup = tx([newStaff('owner', ['owner'])], byOwner('setup', 'owner', 1));
    expect(ledger.judge(setup, ORIGIN)).toEqual({ ok: true });
    expect(ledger.standingOf('owner')).toEqual({ roles: ['owner'], active: true });
    // A setup that names someone else's role than the one it records is no setup either.
    const other = new StaffLedger();
    const mismatch = tx([newStaff('owner', ['front-desk'])], byOwner('setup', 'owner', 1));
    expect(reason(other.judge(mismatch, ORIGIN))).toBe('unknown-actor');
  });

  it('accepts a transaction without an audit event: nobody to judge', () => {
    expect(transactionVerdict(tx([consent('c-9')]), () => undefined)).toEqual({ ok: true });
  });

  it('refuses an act the recorded role can never do, whoever holds it', () => {
    const ledger = clinic();
    expect(reason(ledger.judge(signs('desk', 'front-desk'), ORIGIN))).toBe('role-cannot');
  });

  it('accepts an audit-only transaction (a login) even of a closed account', () => {
    const ledger = clinic();
    ledger.judge(tx([staff('desk', { active: false })], byOwner('deactivate', 'desk')), ORIGIN);
    const login = tx([], {
      actorId: 'desk',
      role: 'front-desk',
      action: 'login',
      entity: 'session',
      entityId: 'desk',
    });
    expect(ledger.judge(login, ORIGIN)).toEqual({ ok: true });
  });

  it('folds in nothing of a refused staff change: it grants nothing', () => {
    const ledger = clinic();
    const promotion = tx([staff('desk', { roles: ['front-desk', 'owner'] })], {
      actorId: 'desk',
      role: 'front-desk',
      action: 'update',
      entity: 'staff',
      entityId: 'desk',
    });
    expect(reason(ledger.judge(promotion, ORIGIN))).toBe('role-cannot');
    expect(ledger.standingOf('desk')).toEqual({ roles: ['front-desk'], active: true });
    expect(reason(ledger.judge(signs('desk', 'owner'), ORIGIN))).toBe('role-cannot');
    const asOwner = tx([newStaff('new', ['clinician'])], {
      actorId: 'desk',
      role: 'owner',
      action: 'create',
      entity: 'staff',
      entityId: 'new',
    });
    expect(reason(ledger.judge(asOwner, ORIGIN))).toBe('role-not-held');
    expect(ledger.standingOf('new')).toBeUndefined();
  });

  it('keeps a copy apart from the ledger it was made from', () => {
    const ledger = clinic();
    const copy = ledger.clone();
    copy.judge(tx([staff('doctor', { active: false })], byOwner('deactivate', 'doctor')), ORIGIN);
    expect(ledger.standingOf('doctor')).toEqual({ roles: ['clinician'], active: true });
    expect(copy.standingOf('doctor')).toEqual({ roles: ['clinician'], active: false });
  });

  it('writes a refusal as text the log keeps, and reads it back', () => {
    const verdict = clinic().judge(signs('desk', 'front-desk'), ORIGIN);
    if (verdict.ok) throw new Error('expected a refusal');
    const { ok: _, ...refusal } = verdict;
    const text = refusalText(refusal);
    expect(refusalOf(text)).toEqual(refusal);
    expect(JSON.parse(text)).not.toHaveProperty('ok');
    expect(refusalOf(undefined)).toBeUndefined();
    expect(refusalOf('not json')).toBeUndefined();
  });
});

/** An erasure of a row, as a retention disposal sends it (its data name its disposal event). */
const erase = (table: string, id: string): Row => ({
  table,
  entityId: id,
  op: 'erase',
  data: { disposal: 'd-1' },
});

/**
 * A disposal transaction: the erasures, then the acts; each erasure names the first act's event
 * (`names: false`: none), as the archive writes them.
 */
const disposal = (rows: readonly Row[], acts: readonly Act[], names = true): Change[] => {
  const changes = tx(rows, ...acts);
  const eventId = changes.find((c) => c.table === 'auditEvents')?.entityId;
  return changes.map((change) =>
    change.op === 'erase' && names && eventId
      ? { ...change, data: { ...(change.data as object), auditEventId: eventId } }
      : change,
  );
};

const disposes = (actorId: string, role: Role): Act => ({
  actorId,
  role,
  ...DISPOSAL_ACT,
  entityId: 'd-1',
});

describe('the verdict on an erasure (retention disposal)', () => {
  it('accepts a disposal by the owner or the insurance officer, naming its event', () => {
    const ledger = clinic();
    const rows = [erase('patients', 'p-1'), erase('visits', 'v-1')];
    expect(ledger.judge(disposal(rows, [disposes('owner', 'owner')]), ORIGIN)).toEqual({
      ok: true,
    });
    expect(
      ledger.judge(disposal(rows, [disposes('officer', 'insurance-officer')]), ORIGIN),
    ).toEqual({ ok: true });
  });

  it('refuses an erasure without any audit event: it is always judged', () => {
    const ledger = clinic();
    expect(transactionVerdict(tx([erase('patients', 'p-1')]), ledger.standingOf)).toEqual({
      ok: false,
      reason: 'unauthorised-disposal',
      actorId: '',
      actorName: '',
      role: null,
      entity: 'disposal',
      action: 'delete',
    });
  });

  it("refuses a front desk's erasure, whatever act it comes with", () => {
    const ledger = clinic();
    const withEdit = disposal(
      [erase('patients', 'p-1')],
      [
        {
          actorId: 'desk',
          role: 'front-desk',
          action: 'update',
          entity: 'patient',
          entityId: 'p-1',
        },
      ],
    );
    expect(ledger.judge(withEdit, ORIGIN)).toMatchObject({
      ok: false,
      reason: 'unauthorised-disposal',
      actorId: 'desk',
    });
    const asDisposal = disposal([erase('patients', 'p-1')], [disposes('desk', 'front-desk')]);
    expect(reason(ledger.judge(asDisposal, ORIGIN))).toBe('unauthorised-disposal');
    // Claiming a role the person does not hold.
    const asOwner = disposal([erase('patients', 'p-1')], [disposes('desk', 'owner')]);
    expect(reason(ledger.judge(asOwner, ORIGIN))).toBe('role-not-held');
  });

  it('refuses an erasure that names no event of its transaction, even beside a disposal', () => {
    const ledger = clinic();
    const unnamed = disposal([erase('patients', 'p-1')], [disposes('owner', 'owner')], false);
    expect(reason(ledger.judge(unnamed, ORIGIN))).toBe('unauthorised-disposal');
    const elsewhere = disposal([erase('patients', 'p-1')], [disposes('owner', 'owner')]).map(
      (change) =>
        change.op === 'erase'
          ? { ...change, data: { disposal: 'd-1', auditEventId: 'audit-of-another-tx' } }
          : change,
    );
    expect(reason(ledger.judge(elsewhere, ORIGIN))).toBe('unauthorised-disposal');
    // One erasure of two unauthorised refuses the whole transaction.
    const half = disposal(
      [erase('patients', 'p-1'), erase('patients', 'p-2')],
      [disposes('owner', 'owner')],
    ).map((change) => (change.entityId === 'p-2' ? { ...change, data: null } : change));
    expect(reason(ledger.judge(half, ORIGIN))).toBe('unauthorised-disposal');
  });

  it('refuses a disposal by a closed account, or in a role taken away before it reached the log', () => {
    const ledger = clinic();
    ledger.judge(
      tx([staff('officer', { roles: ['front-desk'] })], byOwner('update', 'officer')),
      ORIGIN,
    );
    const byOfficer = () =>
      disposal([erase('patients', 'p-1')], [disposes('officer', 'insurance-officer')]);
    expect(reason(ledger.judge(byOfficer(), ORIGIN))).toBe('role-not-held');
    ledger.judge(
      tx(
        [staff('officer', { roles: ['insurance-officer'], active: false })],
        byOwner('deactivate', 'officer'),
      ),
      ORIGIN,
    );
    expect(reason(ledger.judge(byOfficer(), ORIGIN))).toBe('inactive-actor');
  });

  it('judges an erasure of a newer schema or table, and beside an act this version cannot read', () => {
    const ledger = clinic();
    const newer = tx([erase('patients', 'p-1')]).map((change) => ({
      ...change,
      schemaVersion: WIRE_SCHEMA_VERSION + 1,
    }));
    expect(reason(ledger.judge(newer, ORIGIN))).toBe('unauthorised-disposal');
    expect(reason(ledger.judge(tx([erase('xrays', 'x-1')]), ORIGIN))).toBe('unauthorised-disposal');
    // Named, but an act of a newer version: it authorises nothing here.
    const unreadable = disposal([erase('patients', 'p-1')], [disposes('owner', 'owner')]).map(
      (change) =>
        change.table === 'auditEvents'
          ? { ...change, data: { ...(change.data as object), action: 'shred' } }
          : change,
    );
    expect(reason(transactionVerdict(unreadable, ledger.standingOf))).toBe('unauthorised-disposal');
  });
});
