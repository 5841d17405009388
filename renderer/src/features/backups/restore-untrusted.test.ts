import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { hashAuditEvent } from '../../../../shared/audit/chain';
import { personalDigestOf } from '../../../../shared/audit/personal-digest';
import type { AuditEvent } from '../../../../shared/audit/audit-event';
import { deriveBackupKey } from '../../../../shared/backup/backup-key';
import { webPrimitives } from '../../../../shared/backup/primitives';
import { writeBackup } from '../../../../shared/backup/write-backup';
import { currentSchemaVersion } from '../../../../shared/db/schema';
import { newId } from '../../../../shared/ids';
import { ClinicDb } from '../../db/database';
import { exportStore } from '../../db/store-export';
import { chairClinic, signImplant } from '../../db/testing/consents';
import { createI18n } from '../../i18n/i18n';
import { restoreProblemSentence } from './backup-words';
import { readBackupIntoNewStore, RestoreFailure } from './restore';

/*
 * Hardening item 10: a backup is input like any other. Whoever knows a passphrase can seal a file
 * holding whatever they like, so these tests craft such files line by line and seal them properly:
 * every one decrypts and matches its manifest, and must still be refused or flagged.
 */

const PASSPHRASE = '另一台电脑上的备份 2026';

type Line = { table: string; row: Record<string, unknown> };

/** A real clinic with a signed notice and its audit events, as the lines a backup carries. */
const clinicLines = async (): Promise<Line[]> => {
  const clinic = await chairClinic();
  await signImplant(clinic);
  const text = await new Response(exportStore(clinic.db).stream).text();
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Line);
};

/** Seals lines (objects, or raw text) into a backup file whose manifest matches them. */
const sealed = async (
  lines: readonly (Line | string)[],
  schemaVersion = currentSchemaVersion,
): Promise<Blob> => {
  const key = await deriveBackupKey(PASSPHRASE, { iterations: 100_000 });
  const texts = lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l)));
  const tables: Record<string, number> = {};
  for (const l of lines) {
    const table = typeof l === 'string' ? 'patients' : l.table;
    tables[table] = (tables[table] ?? 0) + 1;
  }
  const parts: Uint8Array[] = [];
  await writeBackup({
    key,
    primitives: webPrimitives,
    appVersion: 'test',
    createdAt: '2026-11-20T18:30:00.000Z',
    describe: { schemaVersion, clinicName: '康宁口腔诊所', tables },
    payload: new Blob([texts.map((t) => `${t}\n`).join('')]).stream(),
    write: async (bytes) => void parts.push(bytes.slice()),
  });
  return new Blob(parts as Uint8Array<ArrayBuffer>[]);
};

const newStore = () => new ClinicDb(`untrusted-${newId()}`, { indexedDB, IDBKeyRange });
const exists = async (db: ClinicDb) =>
  (await indexedDB.databases()).some((found) => found.name === db.name);

const restore = (
  file: Blob,
  target = newStore(),
  limits?: Parameters<typeof readBackupIntoNewStore>[0]['limits'],
) =>
  readBackupIntoNewStore({ file, passphrase: PASSPHRASE, target, ...(limits ? { limits } : {}) });

const failureOf = async (file: Blob, limits?: Parameters<typeof restore>[2]) => {
  const target = newStore();
  const failure = await restore(file, target, limits).then(
    () => undefined,
    (error: RestoreFailure) => error,
  );
  // All or nothing: the store the rows went into is gone, nothing half-restored is left.
  expect(await exists(target)).toBe(false);
  return failure && { problem: failure.problem, ...failure.bad };
};

/** The line (1-based) of the first row of `table` matching `where`, and that row. */
const find = (lines: Line[], table: string, where: (row: Record<string, unknown>) => boolean) => {
  const index = lines.findIndex((l) => l.table === table && where(l.row));
  expect(index).toBeGreaterThanOrEqual(0);
  return { index, line: index + 1, row: lines[index]!.row };
};

const replaced = (lines: Line[], index: number, row: Record<string, unknown>): Line[] =>
  lines.map((l, i) => (i === index ? { table: l.table, row } : l));

describe('a backup made elsewhere is checked row by row before anything is restored', () => {
  it('a genuine clinic passes every check, and its chains and signed notice are intact', async () => {
    const preview = await restore(await sealed(await clinicLines()));
    expect(preview.evidence.consents).toEqual({ checked: 1, broken: [] });
    expect(preview.evidence.chains).toEqual([
      { deviceId: 'desk-1', events: expect.any(Number) as number },
    ]);
    expect(preview.keyId).toMatch(/^[A-Za-z0-9+/]+=*$/);
  }, 60_000);

  it("an owner account with a password of the maker's choosing but a weakened hash is refused, naming line, table and field", async () => {
    const lines = await clinicLines();
    const owner = find(lines, 'staff', (row) => (row.roles as string[]).includes('owner'));
    const planted = {
      ...owner.row,
      username: 'boss',
      password: {
        algorithm: 'pbkdf2-sha256',
        iterations: 1,
        salt: 'c2FsdHNhbHRzYWx0c2FsdA==',
        hash: 'aGFzaGhhc2hoYXNoaGFzaA==',
      },
    };
    expect(await failureOf(await sealed(replaced(lines, owner.index, planted)))).toEqual({
      problem: 'invalid-row',
      line: owner.line,
      table: 'staff',
      issue: { field: 'password.iterations', problem: 'out-of-range' },
    });
  }, 60_000);

  it('an account with a field the schema does not know (an admin flag) is refused', async () => {
    const lines = await clinicLines();
    const desk = find(lines, 'staff', (row) => (row.roles as string[]).includes('front-desk'));
    const planted = { ...desk.row, isAdmin: true };
    expect(await failureOf(await sealed(replaced(lines, desk.index, planted)))).toEqual({
      problem: 'invalid-row',
      line: desk.line,
      table: 'staff',
      issue: { field: 'isAdmin', problem: 'unknown-field' },
    });
  }, 60_000);

  it('a field holding a value of the wrong type (a file where a name belongs) is refused', async () => {
    const lines = await clinicLines();
    const patient = find(lines, 'patients', () => true);
    const planted = {
      ...patient.row,
      name: { $blob: { type: 'text/html', base64: 'PGI+aGk8L2I+' } },
    };
    expect(await failureOf(await sealed(replaced(lines, patient.index, planted)))).toEqual({
      problem: 'invalid-row',
      line: patient.line,
      table: 'patients',
      issue: { field: 'name', problem: 'wrong-type' },
    });
  }, 60_000);

  it('a field added by a newer ClinicDesk asks for an update, not a different backup', async () => {
    const lines = await clinicLines();
    const desk = find(lines, 'staff', (row) => (row.roles as string[]).includes('front-desk'));
    const newer = replaced(lines, desk.index, { ...desk.row, shifts: ['morning'] });
    expect(await failureOf(await sealed(newer, currentSchemaVersion + 1))).toEqual({
      problem: 'newer-schema',
    });
  }, 60_000);

  it('a role that does not exist is refused as not allowed', async () => {
    const lines = await clinicLines();
    const owner = find(lines, 'staff', (row) => (row.roles as string[]).includes('owner'));
    expect(
      await failureOf(
        await sealed(replaced(lines, owner.index, { ...owner.row, roles: ['root'] })),
      ),
    ).toMatchObject({
      problem: 'invalid-row',
      table: 'staff',
      issue: { field: 'roles.0', problem: 'not-allowed' },
    });
  }, 60_000);

  it('a line that is not a row at all is refused with its number', async () => {
    const lines: (Line | string)[] = await clinicLines();
    lines.splice(3, 0, '{"table":"staff","row":');
    expect(await failureOf(await sealed(lines))).toEqual({ problem: 'not-a-row', line: 4 });
  }, 60_000);

  it('a line longer than the limit is refused before it is held whole', async () => {
    const lines = await clinicLines();
    const patient = find(lines, 'patients', () => true);
    const planted = { ...patient.row, notes: 'x'.repeat(5_000) };
    expect(
      await failureOf(await sealed(replaced(lines, patient.index, planted)), {
        maxLineBytes: 4_000,
        maxRows: 1_000,
      }),
    ).toEqual({ problem: 'line-too-long', line: patient.line });
  }, 60_000);

  it('more rows than any clinic holds are refused', async () => {
    const lines = await clinicLines();
    expect(await failureOf(await sealed(lines), { maxLineBytes: 1_000_000, maxRows: 5 })).toEqual({
      problem: 'too-many-rows',
      line: 6,
    });
  }, 60_000);
});

describe('the refusal in words', () => {
  it('names the line, the table and the field, in Chinese and in English', () => {
    const failure = new RestoreFailure('invalid-row', undefined, {
      line: 12,
      table: 'staff',
      issue: { field: 'password.iterations', problem: 'out-of-range' },
    });
    expect(restoreProblemSentence(createI18n('zh-CN').t, failure)).toBe(
      '备份第 12 行（员工账号）不符合要求：字段“password.iterations”的值超出允许范围。没有恢复任何数据。这份文件可能被改动过，请换一份备份再试。',
    );
    expect(restoreProblemSentence(createI18n('en').t, failure)).toBe(
      'Line 12 of the backup (Staff accounts) is not valid: the field "password.iterations" is out of range. Nothing was restored. The file may have been altered: try another backup.',
    );
  });
});

describe('the preview says what the evidence in a backup shows', () => {
  it("an audit event edited after the fact breaks its device's chain, and the preview says where", async () => {
    const lines = await clinicLines();
    const event = find(lines, 'auditEvents', (row) => row.seq === 2);
    const edited = { ...event.row, summary: '无事发生' };
    const preview = await restore(await sealed(replaced(lines, event.index, edited)));
    expect(preview.evidence.chains).toEqual([
      {
        deviceId: 'desk-1',
        events: expect.any(Number) as number,
        firstBreak: {
          deviceId: 'desk-1',
          seq: 2,
          eventId: event.row.id,
          problem: 'content-changed',
        },
      },
    ]);
  }, 60_000);

  it('an audit event re-hashed after editing still breaks the link to the next one', async () => {
    const lines = await clinicLines();
    const event = find(lines, 'auditEvents', (row) => row.seq === 2);
    const changed = { ...event.row, summary: '无事发生' } as AuditEvent;
    // A forger recomputes the personal digest too (shared/audit/personal-digest.ts).
    const edited = { ...changed, personalDigest: personalDigestOf(changed.salt!, changed) };
    const rehashed = { ...edited, hash: hashAuditEvent(edited) };
    const preview = await restore(await sealed(replaced(lines, event.index, rehashed)));
    expect(preview.evidence.chains[0]!.firstBreak).toMatchObject({
      seq: 3,
      problem: 'link-broken',
    });
  }, 60_000);

  it('a signed notice whose ink or text was changed fails its hash', async () => {
    const lines = await clinicLines();
    const consent = find(lines, 'consents', () => true);
    const content = consent.row.content as Record<string, unknown>;
    const edited = { ...consent.row, content: { ...content, reason: '患者自愿' } };
    const preview = await restore(await sealed(replaced(lines, consent.index, edited)));
    expect(preview.evidence.consents).toEqual({
      checked: 1,
      broken: [
        {
          consentId: consent.row.id,
          date: consent.row.date,
          patientName: (content.patient as { name: string }).name,
          problem: 'hash-mismatch',
        },
      ],
    });
  }, 60_000);

  it('a signed notice turned into a refusal by its stored status is caught', async () => {
    const lines = await clinicLines();
    const consent = find(lines, 'consents', () => true);
    const edited = { ...consent.row, status: 'refused' };
    const preview = await restore(await sealed(replaced(lines, consent.index, edited)));
    expect(preview.evidence.consents.broken).toMatchObject([{ problem: 'status-changed' }]);
  }, 60_000);
});
