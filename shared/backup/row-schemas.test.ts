import { describe, expect, it } from 'vitest';
import { tableNames } from '../db/schema';
import { demoStoreRows } from '../demo/demo-store';
import { backupRowSchemas, checkBackupRow, isBackupTable } from './row-schemas';

const provenance = {
  createdAt: '2026-11-22T01:00:00.000Z',
  createdBy: 'owner',
  updatedAt: '2026-11-22T01:00:00.000Z',
  updatedBy: 'owner',
  deviceId: 'desk-1',
  hlc: '001763773200000-00000-desk-1',
};

describe('the schema of every table a backup carries', () => {
  it("covers every table but this device's own state", () => {
    expect(Object.keys(backupRowSchemas).sort()).toEqual(
      tableNames.filter((t) => t !== 'deviceState' && t !== 'syncState').sort(),
    );
  });

  it('lets every row of a demo clinic through, as the command line writes it', async () => {
    const refused: unknown[] = [];
    for await (const { table, row } of demoStoreRows({
      seed: 'rows',
      patients: 30,
      endDate: '2026-11-22',
    })) {
      const issue = isBackupTable(table) ? checkBackupRow(table, row) : 'unknown table';
      if (issue) refused.push({ table, issue });
    }
    expect(refused).toEqual([]);
  });

  it('restores a change the clinic log refused, with its refusal (the owner still has to see it)', () => {
    const refusal = {
      reason: 'role-not-held',
      actorId: 's-chen',
      actorName: '陈静',
      role: 'clinician',
      entity: 'consent',
      action: 'sign',
    };
    const issue = {
      id: 'i-1',
      kind: 'quarantined',
      at: '2026-11-22T01:00:00.000Z',
      table: 'consents',
      entityId: 'n-1',
      detail: 'permission: role-not-held',
      seq: 7,
      change: { seq: 7, deviceId: 'chair-2', receivedAt: 1, refused: refusal, change: {} },
      refusal,
    };
    expect(checkBackupRow('syncIssues', issue)).toBeUndefined();
    expect(checkBackupRow('syncIssues', { ...issue, refusal: { reason: 1 } })).toMatchObject({
      field: 'refusal.reason',
    });
  });

  it("checks a known settings group's value as the settings screen writes it", () => {
    const clinic = { id: 'clinic', key: 'clinic', ...provenance };
    expect(
      checkBackupRow('settings', {
        ...clinic,
        value: { name: '康宁口腔诊所', regionProvince: '44', regionCity: '深圳市' },
      }),
    ).toBeUndefined();
    expect(
      checkBackupRow('settings', {
        ...clinic,
        value: { name: '', regionProvince: '44', regionCity: '深圳市' },
      }),
    ).toEqual({ field: 'value.name', problem: 'out-of-range' });
    expect(checkBackupRow('settings', { ...clinic, id: 'security', value: {} })).toMatchObject({
      field: 'id',
    });
  });

  it("restores an owner's recovery code as the hash it is, and refuses one kept in clear", () => {
    const hash = {
      algorithm: 'pbkdf2-sha256',
      iterations: 600_000,
      salt: 'c2FsdHNhbHRzYWx0c2FsdA==',
      hash: 'aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=',
    };
    const owner = {
      id: 'owner',
      username: 'lina',
      displayName: '李娜',
      roles: ['owner'],
      active: true,
      password: hash,
      mustChangePassword: false,
      ...provenance,
    };
    expect(checkBackupRow('staff', owner)).toBeUndefined();
    const recoveryCode = { hash, createdAt: '2026-11-22T01:00:00.000Z' };
    expect(checkBackupRow('staff', { ...owner, recoveryCode })).toBeUndefined();
    expect(
      checkBackupRow('staff', { ...owner, recoveryCode: 'ABCD-EFGH-JKMN-PQRS-TUVW' }),
    ).toMatchObject({ field: 'recoveryCode' });
  });

  it('says a required field is missing rather than of the wrong type', () => {
    expect(checkBackupRow('rowClocks', { clocks: {} })).toEqual({
      field: 'key',
      problem: 'missing',
    });
  });

  it('lets an outbox change carry a photo, but nothing nested without end', () => {
    const entry = {
      id: 'o1',
      deviceSeq: 1,
      txId: 't1',
      txIndex: 0,
      hlc: provenance.hlc,
      table: 'attachments',
      entityId: 'a1',
      op: 'insert',
      schemaVersion: 1,
      createdAt: provenance.createdAt,
    };
    expect(
      checkBackupRow('outbox', {
        ...entry,
        data: { id: 'a1', blob: new Blob([new Uint8Array([1])]) },
      }),
    ).toBeUndefined();
    // As stores before version 4 wrote it: the restored store renumbers it.
    const legacy = {
      id: 'o0',
      hlc: provenance.hlc,
      table: 'patients',
      entityId: 'p1',
      op: 'upsert',
      row: { id: 'p1', name: '张三' },
      createdAt: provenance.createdAt,
    };
    expect(checkBackupRow('outbox', legacy)).toBeUndefined();
    expect(checkBackupRow('outbox', { ...legacy, sneaky: true })).toEqual({
      field: 'sneaky',
      problem: 'unknown-field',
    });
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100; i++) deep = { deeper: deep };
    expect(checkBackupRow('outbox', { ...entry, data: deep })).toEqual({
      field: 'data',
      problem: 'breaks-rule',
    });
  });
});

describe('complaint rows in a backup', () => {
  const complaint = {
    id: 'c1',
    receivedAt: '2026-11-22T08:30:00+08:00',
    channel: 'phone',
    complainant: { kind: 'anonymous' },
    category: 'waiting',
    description: '候诊太久',
    severity: 'ordinary',
    receivedBy: 'desk',
    policy: { name: '3 / 7', ordinaryDays: 3, majorDays: 7 },
    firstContactDue: '2026-11-23T08:30:00+08:00',
    resolutionDue: '2026-11-25',
    ...provenance,
  };
  const closing = {
    id: 'e1',
    complaintId: 'c1',
    at: '2026-11-24T02:00:00.000Z',
    by: 'officer',
    facts: {
      kind: 'closed',
      feedback: '认可',
      satisfaction: 'satisfied',
      cause: '排班不足',
      measure: '高峰时段加派人手',
    },
    ...provenance,
  };

  it('restores a complaint and its closing as the repository wrote them', () => {
    expect(checkBackupRow('complaints', complaint)).toBeUndefined();
    expect(checkBackupRow('complaintEvents', closing)).toBeUndefined();
  });

  it('refuses a closing without a corrective measure, and a deadline that is not a date', () => {
    const { measure: _m, ...facts } = closing.facts;
    expect(checkBackupRow('complaintEvents', { ...closing, facts })).toEqual({
      field: 'facts.measure',
      problem: 'missing',
    });
    expect(checkBackupRow('complaints', { ...complaint, resolutionDue: '2026-02-30' })).toEqual({
      field: 'resolutionDue',
      problem: 'breaks-rule',
    });
  });
});

describe('consultation rows in a backup', () => {
  const consultation = {
    id: 'k1',
    at: '2026-11-22T08:30:00+08:00',
    topic: 'fees',
    channel: 'phone',
    question: '自付比例是多少？',
    answer: '一般为 10%',
    by: 'desk',
    ...provenance,
  };

  it('restores a consultation', () => {
    expect(checkBackupRow('consultations', consultation)).toBeUndefined();
  });

  it('refuses an empty question and an unknown topic', () => {
    expect(checkBackupRow('consultations', { ...consultation, question: '' })).toMatchObject({
      field: 'question',
    });
    expect(checkBackupRow('consultations', { ...consultation, topic: 'weather' })).toMatchObject({
      field: 'topic',
    });
  });
});
