import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveBackupKey, type BackupKey } from '../../shared/backup/backup-key';
import { readBackup } from '../../shared/backup/read-backup';
import { BackupError } from '../../shared/backup/backup-error';
import { removePartialBackups, writeBackupFile } from './backup-file';
import { fileStream, nodePrimitives } from './node-backup';

const PASSPHRASE = 'child process passphrase';
const CHILD = join(import.meta.dirname, 'testing', 'write-backup-child.ts');
let dir = '';
let key: BackupKey;

const verifies = async (path: string) => {
  await readBackup({
    source: fileStream(path),
    primitives: nodePrimitives,
    passphrase: PASSPHRASE,
  });
  return true;
};

const writeGood = (name: string, text: string) =>
  writeBackupFile({
    dir,
    name,
    key,
    primitives: nodePrimitives,
    appVersion: 'test',
    createdAt: '2026-11-22T10:30:00.000Z',
    describe: { schemaVersion: 3, clinicName: '康宁', tables: {} },
    payload: new Blob([text]).stream(),
  });

/** Starts the writer and kills it (SIGKILL, like a power cut) once `stopAt` appears on its output. */
const killWhile = (name: string, stopAt: (line: string, lineNo: number) => boolean) =>
  new Promise<{ killed: boolean; lines: string[] }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, name, PASSPHRASE, '24'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let buffer = '';
    let killed = false;
    child.stdout.on('data', (data: Buffer) => {
      buffer += data.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        if (!killed && stopAt(line, lines.length)) {
          killed = true;
          child.kill('SIGKILL');
        }
      }
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      killed || code === 0
        ? resolve({ killed, lines })
        : reject(new Error(`child failed: ${stderr}`)),
    );
  });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clinicdesk-backup-file-'));
  key = await deriveBackupKey(PASSPHRASE, { iterations: 100_000 });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writing a backup file', () => {
  it('leaves the verified file under its name and nothing else', async () => {
    const written = await writeGood('a.cdbackup', 'first day');
    expect(written.verified.manifest.clinicName).toBe('康宁');
    expect(await readdir(dir)).toEqual(['a.cdbackup']);
    await rm(written.path);
  });

  it('removes its temporary file when writing fails, and keeps the earlier backup', async () => {
    await writeGood('keep.cdbackup', 'the good one');
    const failing = writeBackupFile({
      dir,
      name: 'bad.cdbackup',
      key,
      primitives: nodePrimitives,
      appVersion: 'test',
      createdAt: '2026-11-22T10:30:00.000Z',
      describe: { schemaVersion: 3, clinicName: '康宁', tables: {} },
      payload: new ReadableStream({
        start: (c) => c.error(new Error('the store went away')),
      }),
    });
    await expect(failing).rejects.toThrow('the store went away');
    expect(await readdir(dir)).toEqual(['keep.cdbackup']);
    expect(await verifies(join(dir, 'keep.cdbackup'))).toBe(true);
  });

  // Kill points: early, mid-write, late in writing, after the flush, after verification, after the rename.
  // Killed early or half-way, the new backup cannot have been finished: its temporary file is there.
  const moments: [string, (line: string, n: number) => boolean, boolean][] = [
    ['at its first progress', (_, n) => n === 1, true],
    ['half-way through writing', (line) => line === `progress ${12 * 1024 * 1024}`, true],
    ['near the end of writing', (line) => line === `progress ${23 * 1024 * 1024}`, false],
    ['after flushing, while verifying', (line) => line === 'written', false],
    ['after verifying, around the rename', (line) => line === 'verified', false],
    ['after the rename', (line) => line === 'renamed', false],
  ];

  it.each(moments)(
    'killed %s, the previous backup still verifies and no half-written backup is left under a backup name',
    async (_, stopAt, unfinished) => {
      await writeGood('previous.cdbackup', 'yesterday');
      const { killed } = await killWhile('next.cdbackup', stopAt);
      expect(await verifies(join(dir, 'previous.cdbackup'))).toBe(true);
      const names = await readdir(dir);
      if (names.includes('next.cdbackup'))
        expect(await verifies(join(dir, 'next.cdbackup'))).toBe(true);
      expect(killed || names.includes('next.cdbackup')).toBe(true);
      if (unfinished) {
        expect(names).toContain('next.cdbackup.partial');
        expect(names).not.toContain('next.cdbackup');
      }
      await removePartialBackups(dir);
      expect((await readdir(dir)).filter((n) => n.endsWith('.partial'))).toEqual([]);
      await rm(join(dir, 'next.cdbackup'), { force: true });
    },
    30_000,
  );

  it('a partial file is never mistaken for a backup', async () => {
    await writeFile(join(dir, 'x.cdbackup.partial'), 'ClinicDeskBackup');
    await expect(verifies(join(dir, 'x.cdbackup.partial'))).rejects.toBeInstanceOf(BackupError);
    expect(await removePartialBackups(dir)).toEqual(['x.cdbackup.partial']);
  });
});
