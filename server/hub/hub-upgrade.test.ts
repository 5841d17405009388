import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../shared/clock/clock';
import { SQLITE_FILE, STORE_VERSION } from './hub-db';
import { openHubStore } from './hub-store';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('a hub store written by an earlier version', () => {
  it('gains snapshot parts on start, keeping its old segments as whole ranges', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'clinicdesk-hub-upgrade-'));
    dirs.push(dir);
    const clock = manualClock(1_764_000_000_000);
    const first = await openHubStore({ sqliteDir: dir }, { clock });
    await first.close();
    // What store version 1 looked like: no part column, one segment holding every table.
    const raw = new Database(join(dir, SQLITE_FILE));
    raw.exec('alter table segments drop column part');
    raw.exec('alter table segments drop column dead');
    raw.exec('alter table log drop column folded');
    raw.exec('update meta set store_version = 1');
    raw
      .prepare(
        'insert into segments (id, from_seq, to_seq, entries, bytes, created_at) values (1, 0, 10, 10, 0, 0)',
      )
      .run();
    raw.close();

    const upgraded = await openHubStore({ sqliteDir: dir }, { clock });
    try {
      const manifest = await upgraded.snapshotManifest();
      expect(manifest.segments.map((s) => [s.part, s.from, s.to])).toEqual([['all', 0, 10]]);
      // version 3: the columns folding keeps its bookkeeping in
      await expect(upgraded.maintain(true)).resolves.toMatchObject({ built: 0 });
    } finally {
      await upgraded.close();
    }
    const check = new Database(join(dir, SQLITE_FILE), { readonly: true });
    expect(check.prepare('select store_version from meta').get()).toEqual({
      store_version: STORE_VERSION,
    });
    check.close();
  });
});
