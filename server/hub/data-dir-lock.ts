import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const LOCK_FILE = 'hub.lock';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`another hub (process ${pid}) is using ${dataDir}`);
    this.name = 'DataDirLockedError';
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * One hub process per data folder: two writers on one log would hand out the same seqs twice.
 * A lock left by a hub that died (power cut, SIGKILL) is taken over.
 */
export const acquireDataDirLock = async (
  dataDir: string,
): Promise<{ release(): Promise<void> }> => {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE);
  const mine = String(process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, mine, { flag: 'wx' });
      return {
        release: async () => {
          const holder = await readFile(file, 'utf8').catch(() => '');
          if (holder === mine) await unlink(file).catch(() => {});
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(await readFile(file, 'utf8').catch(() => '0'));
      if (pid > 0 && alive(pid)) throw new DataDirLockedError(dataDir, pid);
      await unlink(file).catch(() => {});
    }
  }
  throw new DataDirLockedError(dataDir, 0);
};
