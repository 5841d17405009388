import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { StoreLocation } from '../hub-store';

/** A fresh, empty hub store for one test, and how to throw it away. */
export type TestBackend = {
  name: 'sqlite' | 'postgres';
  create(): Promise<{
    location: StoreLocation;
    dataDir: string;
    postgresUrl?: string;
    dispose(): Promise<void>;
  }>;
};

let databases = 0;

const sqlite: TestBackend = {
  name: 'sqlite',
  async create() {
    const dataDir = await mkdtemp(join(tmpdir(), 'clinicdesk-hub-'));
    return {
      location: { sqliteDir: dataDir },
      dataDir,
      dispose: () => rm(dataDir, { recursive: true, force: true }),
    };
  },
};

const postgres = (adminUrl: string): TestBackend => ({
  name: 'postgres',
  async create() {
    const name = `hub_${process.pid}_${++databases}_${Date.now() % 100_000}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = adminUrl.replace(/\/postgres$/, `/${name}`);
    const dataDir = await mkdtemp(join(tmpdir(), 'clinicdesk-hub-pg-'));
    return {
      location: { postgresUrl: url },
      dataDir,
      postgresUrl: url,
      dispose: async () => {
        await rm(dataDir, { recursive: true, force: true });
        const client = new pg.Client({ connectionString: adminUrl });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
        await client.end();
      },
    };
  },
});

/** SQLite always; PostgreSQL where the test setup started a server (always in CI). */
export const testBackends = (): TestBackend[] => {
  const server = inject('postgres');
  return server ? [sqlite, postgres(server.adminUrl)] : [sqlite];
};
