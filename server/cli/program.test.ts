import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../shared/clock/clock';
import { parseIdNumber } from '../../shared/identity/id-number';
import { patientSchema } from '../../shared/patients/patient';
import { runCli } from './program';

const run = async (args: string[]) => {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    clock: manualClock('2026-11-22T02:00:00Z'),
    elapsed: () => 0,
    readPassphrase: async () => 'typed passphrase',
  });
  return { code, stdout, stderr };
};

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clinicdesk-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('clinicdesk seed', () => {
  it('writes a 200-patient clinic as NDJSON that reads back as valid patients and their visits', async () => {
    const out = join(dir, 'clinic.ndjson');
    const { code, stdout } = await run([
      'seed',
      '--patients',
      '200',
      '--seed',
      'cli-test',
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    const lines = (await readFile(out, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { table: string; row: Record<string, unknown> });
    const patients = lines
      .filter((l) => l.table === 'patients')
      .map((l) => patientSchema.parse(l.row));
    const visits = lines.filter((l) => l.table === 'visits').map((l) => l.row);
    expect(patients).toHaveLength(200);
    expect(new Set(lines.map((l) => l.table))).toEqual(new Set(['patients', 'visits']));
    expect(
      patients.every((p) => parseIdNumber(p.idType, p.idNumber, { today: '2026-11-22' }).ok),
    ).toBe(true);
    const ids = new Set(patients.map((p) => p.id));
    expect(visits.every((v) => ids.has(v.patientId as string))).toBe(true);
    expect(visits.every((v) => (v.date as string) <= '2026-11-22')).toBe(true);
    expect(stdout).toContain('演示诊所已写入');
    expect(stdout).toMatch(/患者 patients\s+200\n/);
    expect(stdout).toMatch(new RegExp(`visits\\s+${visits.length.toLocaleString('en-US')}\\n`));
  });

  it('the same seed writes the same file', async () => {
    const a = join(dir, 'a.ndjson');
    const b = join(dir, 'b.ndjson');
    await run(['seed', '--patients', '50', '--seed', 's', '--end-date', '2025-06-30', '--out', a]);
    await run(['seed', '--patients', '50', '--seed', 's', '--end-date', '2025-06-30', '--out', b]);
    expect(await readFile(a, 'utf8')).toBe(await readFile(b, 'utf8'));
  });

  it('refuses a bad patient count with a bilingual message and exit code 2, writing nothing', async () => {
    const out = join(dir, 'never.ndjson');
    const { code, stderr } = await run(['seed', '--patients', '0', '--out', out]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      '患者数量必须是 1 到 1000000 之间的整数 / --patients must be an integer from 1 to 1,000,000\n',
    );
    await expect(readFile(out)).rejects.toThrow();
  });

  it('does not overwrite an existing file unless told to', async () => {
    const out = join(dir, 'existing.ndjson');
    await writeFile(out, 'keep me');
    const refused = await run(['seed', '--patients', '5', '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('文件已存在');
    expect(await readFile(out, 'utf8')).toBe('keep me');
    expect((await run(['seed', '--patients', '5', '--out', out, '--force'])).code).toBe(0);
    expect(await readFile(out, 'utf8')).not.toBe('keep me');
  });

  it('names a missing output folder', async () => {
    const { code, stderr } = await run([
      'seed',
      '--patients',
      '5',
      '--out',
      join(dir, 'no-such-folder', 'x.ndjson'),
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain('找不到输出文件夹');
  });
});

describe('clinicdesk', () => {
  it('--version prints the package version', async () => {
    const { code, stdout } = await run(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('--help lists the seed command in Chinese and English', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('seed');
    expect(stdout).toContain('生成一个演示诊所');
  });

  it('an unknown option is a usage error (exit code 2) that points to --help', async () => {
    const { code, stderr } = await run(['seed', '--patient', '5']);
    expect(code).toBe(2);
    expect(stderr).toContain('clinicdesk --help');
  });
});
