import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * A demo clinic backed up by `clinicdesk seed --backup`, as an old PC (or support) would hand it
 * over: the file, and the username of its owner (who logs in with Demo#2026).
 */
export const cliDemoBackup = async (patients: number, passphrase: string) => {
  const dir = await mkdtemp(join(tmpdir(), 'clinicdesk-cli-backup-'));
  const file = join(dir, 'clinic-old-pc.cdbackup');
  const passFile = join(dir, 'passphrase.txt');
  await writeFile(passFile, `${passphrase}\n`);
  const { stdout } = await promisify(execFile)('npx', [
    'tsx',
    'server/cli/main.ts',
    'seed',
    '--patients',
    String(patients),
    '--backup',
    file,
    '--passphrase-file',
    passFile,
  ]);
  return { file, owner: /^\s+(\S+) \(owner\)$/m.exec(stdout)![1]! };
};
