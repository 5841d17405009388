import { execFile } from 'node:child_process';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

const run = promisify(execFile);

/** How tests reach the throwaway PostgreSQL server this setup starts (or null: none here). */
export type TestPostgres = {
  /** Superuser URL on 127.0.0.1; tests create a database each. */
  adminUrl: string;
  /** pg_ctl and the data folder, for the tests that restart the server mid-push. */
  pgCtl: string[];
  dataDir: string;
  port: number;
} | null;

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: TestPostgres;
  }
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Debian's server binaries: /usr/lib/postgresql/<version>/bin (or CLINICDESK_PG_BIN). */
const findBinaries = async (): Promise<string | null> => {
  if (process.env.CLINICDESK_PG_BIN) return process.env.CLINICDESK_PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = await readdir(root).catch(() => [] as string[]);
  const newest = versions.filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a))[0];
  return newest ? join(root, newest, 'bin') : null;
};

/**
 * A throwaway PostgreSQL cluster on loopback (initdb in a temp folder, a free port), or null
 * where PostgreSQL's server is not installed. For the hub's tests and benches.
 */
export const startThrowawayPostgres = async (): Promise<{
  server: NonNullable<TestPostgres>;
  stop(): Promise<void>;
} | null> => {
  const bin = await findBinaries();
  if (!bin) return null;
  // initdb and postgres refuse to run as root: run them as the postgres user then.
  const asUser = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  const exec = (args: string[]) =>
    run(asUser[0] ?? args[0]!, asUser.length ? [...asUser.slice(1), ...args] : args.slice(1));
  const dir = await mkdtemp(join(tmpdir(), 'clinicdesk-pg-'));
  if (asUser.length) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const dataDir = join(dir, 'data');
  const port = await freePort();
  await exec([
    join(bin, 'initdb'),
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  const pgCtl = [...asUser, join(bin, 'pg_ctl')];
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  const logFile = join(dir, 'server.log');
  await exec([join(bin, 'pg_ctl'), '-D', dataDir, '-o', options, '-l', logFile, '-w', 'start']);
  return {
    server: {
      adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
      pgCtl: [...pgCtl, '-D', dataDir, '-o', options, '-l', logFile, '-w'],
      dataDir,
      port,
    },
    stop: async () => {
      await exec([join(bin, 'pg_ctl'), '-D', dataDir, '-m', 'immediate', 'stop']).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
};

/**
 * Starts a throwaway PostgreSQL cluster on loopback for the hub's PostgreSQL tests, and stops
 * it after. Without PostgreSQL installed those tests are skipped with a notice, except in CI.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = await startThrowawayPostgres();
  if (!started) {
    if (process.env.CI) throw new Error('PostgreSQL is not installed: apt-get install postgresql');
    console.warn(
      '未安装 PostgreSQL，跳过同步服务的 PostgreSQL 测试 / PostgreSQL not installed: the hub PostgreSQL tests are skipped (apt-get install postgresql)',
    );
    project.provide('postgres', null);
    return async () => {};
  }
  project.provide('postgres', started.server);
  return started.stop;
}
