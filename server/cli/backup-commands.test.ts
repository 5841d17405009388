import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveBackupKey } from '../../shared/backup/backup-key';
import { webPrimitives, type BackupPrimitives } from '../../shared/backup/primitives';
import { payloadLines, type PayloadLine } from '../../shared/backup/payload';
import { readBackup } from '../../shared/backup/read-backup';
import { verifyPassword } from '../../shared/auth/password';
import { staffSchema } from '../../shared/staff/staff';
import { writeBackup } from '../../shared/backup/write-backup';
import { manualClock } from '../../shared/clock/clock';
import { fileStream, nodePrimitives } from '../backup/node-backup';
import { runCli } from './program';

const PASSPHRASE = '诊所备份 passphrase 2026';
let dir = '';
let good = '';
let passFile = '';

const run = async (args: string[], typed = PASSPHRASE) => {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    clock: manualClock('2026-11-22T02:00:00Z'),
    elapsed: () => 0,
    readPassphrase: async () => typed,
  });
  return { code, stdout, stderr };
};

const payload = new TextEncoder().encode(
  JSON.stringify({ rows: Array.from({ length: 5000 }, (_, i) => ({ id: i, name: `患者${i}` })) }),
);

const makeBackup = async (path: string, primitives: BackupPrimitives) => {
  const key = await deriveBackupKey(PASSPHRASE, { iterations: 100_000 });
  const parts: Uint8Array[] = [];
  await writeBackup({
    key,
    primitives,
    appVersion: '0.4.0',
    createdAt: '2026-11-22T10:30:00.000Z',
    describe: {
      schemaVersion: 3,
      clinicName: '康宁口腔诊所',
      tables: { patients: 5000, visits: 0 },
    },
    payload: new Blob([payload]).stream(),
    write: async (bytes) => void parts.push(bytes.slice()),
    chunkSize: 8 * 1024,
  });
  await writeFile(path, Buffer.concat(parts));
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clinicdesk-backup-cli-'));
  good = join(dir, 'good.cdbackup');
  passFile = join(dir, 'pass.txt');
  await makeBackup(good, nodePrimitives);
  await writeFile(passFile, `${PASSPHRASE}\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const damaged = async (name: string, change: (bytes: Buffer) => Buffer) => {
  const path = join(dir, name);
  await writeFile(path, change(await readFile(good)));
  return path;
};

describe('clinicdesk backup inspect', () => {
  it('shows the header without asking for the passphrase', async () => {
    const { code, stdout } = await run(['backup', 'inspect', good]);
    expect(code).toBe(0);
    expect(stdout).toContain('ClinicDesk 0.4.0');
    expect(stdout).toContain('2026-11-22 18:30:00');
    expect(stdout).toContain('AES-256-GCM');
    expect(stdout).not.toContain('康宁');
  });

  it('says when a file is not a backup', async () => {
    const { code, stderr } = await run(['backup', 'inspect', passFile]);
    expect(code).toBe(1);
    expect(stderr).toContain('这不是 ClinicDesk 备份文件 / this is not a ClinicDesk backup file');
  });
});

describe('clinicdesk backup verify', () => {
  it('exits 0 and shows the clinic and table counts when the whole file checks out', async () => {
    const { code, stdout } = await run(['backup', 'verify', good, '--passphrase-file', passFile]);
    expect(code).toBe(0);
    expect(stdout).toContain('备份完好');
    expect(stdout).toContain('康宁口腔诊所');
    expect(stdout).toMatch(/patients\s+5,000/);
  });

  it('asks for the passphrase when no file is given', async () => {
    expect((await run(['backup', 'verify', good])).code).toBe(0);
    const wrong = await run(['backup', 'verify', good], 'guess');
    expect(wrong).toMatchObject({ code: 1 });
    expect(wrong.stderr).toContain('备份密码不正确');
  });

  it('names a truncated file as truncated, with the byte where it ends', async () => {
    const path = await damaged('cut.cdbackup', (b) => b.subarray(0, b.length - 100));
    const { code, stderr } = await run(['backup', 'verify', path, '--passphrase-file', passFile]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/文件不完整（在第 [\d,]+ 字节处中断）/);
    expect(stderr).toContain('truncated');
  });

  it('names a damaged file as damaged, near the damaged byte', async () => {
    const path = await damaged('flip.cdbackup', (b) => {
      const copy = Buffer.from(b);
      copy[20_000] = copy[20_000]! ^ 0x10;
      return copy;
    });
    const { code, stderr } = await run(['backup', 'verify', path, '--passphrase-file', passFile]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/文件已损坏（约在第 [\d,]+ 字节处）/);
    const at = Number(/about byte ([\d,]+)/.exec(stderr)![1]!.replaceAll(',', ''));
    expect(20_000 - at).toBeLessThan(8 * 1024 + 64);
  });

  it('refuses a missing file and a missing passphrase file with a sentence', async () => {
    expect((await run(['backup', 'verify', join(dir, 'nope')])).stderr).toContain('找不到该文件');
    const noPass = await run(['backup', 'verify', good, '--passphrase-file', join(dir, 'nope')]);
    expect(noPass).toMatchObject({ code: 2 });
    expect(noPass.stderr).toContain('cannot read the passphrase file');
  });
});

describe('one format everywhere', () => {
  it('a backup written with web streams (browser) is read with Node’s zlib, and the other way round', async () => {
    const webFile = join(dir, 'web.cdbackup');
    await makeBackup(webFile, webPrimitives);
    for (const [file, primitives] of [
      [webFile, nodePrimitives],
      [good, webPrimitives],
    ] as const) {
      const parts: Uint8Array[] = [];
      await readBackup({
        source: fileStream(file),
        primitives,
        passphrase: PASSPHRASE,
        onPayload: (p) => void parts.push(p.slice()),
      });
      expect(Buffer.concat(parts)).toEqual(Buffer.from(payload));
    }
  });
});

describe('clinicdesk seed --backup', () => {
  it('writes a generated clinic that verifies and holds every row, with staff who can log in', async () => {
    const out = join(dir, 'demo.cdbackup');
    const seeded = await run([
      'seed',
      '--patients',
      '300',
      '--seed',
      'backup-test',
      '--backup',
      out,
      '--passphrase-file',
      passFile,
    ]);
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toContain('Demo#2026');
    const parts: Uint8Array[] = [];
    const { manifest } = await readBackup({
      source: fileStream(out),
      primitives: nodePrimitives,
      passphrase: PASSPHRASE,
      onPayload: (bytes) => void parts.push(bytes.slice()),
    });
    const lines: PayloadLine[] = [];
    await new Blob(parts as Uint8Array<ArrayBuffer>[])
      .stream()
      .pipeThrough(payloadLines())
      .pipeTo(new WritableStream({ write: (line) => void lines.push(line) }));
    const count = (table: string) => lines.filter((l) => l.table === table).length;
    expect(manifest.tables).toMatchObject({ patients: 300, staff: 5, settings: 2 });
    expect(count('patients')).toBe(300);
    expect(count('visits')).toBe(manifest.tables.visits);
    const staff = lines.filter((l) => l.table === 'staff').map((l) => staffSchema.parse(l.row));
    const owner = staff.find((s) => s.roles.includes('owner'))!;
    expect(await verifyPassword('Demo#2026', owner.password)).toBe(true);
  }, 20_000);

  it('refuses a passphrase shorter than ten characters', async () => {
    const short = join(dir, 'short.txt');
    await writeFile(short, 'short\n');
    const result = await run([
      'seed',
      '--patients',
      '5',
      '--backup',
      join(dir, 's.cdbackup'),
      '--passphrase-file',
      short,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('at least 10 characters');
  });
});
