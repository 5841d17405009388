import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../shared/clock/clock';
import { openPostgres, openSqlite, SQLITE_FILE, STORE_VERSION } from './hub-db';
import { openHubStore } from './hub-store';
import { entryJson } from './snapshot-store';
import { auditedDevice, consentRow, staffRow } from './testing/audited-changes';
import { testBackends } from './testing/backends';

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
    raw.exec('alter table log drop column refused');
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

describe('a hub store upgrade that fails half-way', () => {
  it('leaves the store as it was, so the next start upgrades it whole', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'clinicdesk-hub-upgrade-'));
    dirs.push(dir);
    const clock = manualClock(1_764_000_000_000);
    await (await openHubStore({ sqliteDir: dir }, { clock })).close();
    // Version 1, except that the last step's column is already there: the upgrade adds the
    // earlier steps' columns, then fails (as a full disk or a stopped process would).
    const raw = new Database(join(dir, SQLITE_FILE));
    raw.exec('alter table segments drop column part');
    raw.exec('alter table segments drop column dead');
    raw.exec('alter table log drop column folded');
    raw.exec('update meta set store_version = 1');
    raw.close();
    await expect(openHubStore({ sqliteDir: dir }, { clock })).rejects.toThrow(/refused/);
    const columns = (table: string) => {
      const check = new Database(join(dir, SQLITE_FILE), { readonly: true });
      const names = (check.prepare(`pragma table_info(${table})`).all() as { name: string }[]).map(
        (column) => column.name,
      );
      check.close();
      return names;
    };
    expect(columns('segments')).not.toContain('part');
    expect(columns('log')).not.toContain('folded');

    // The cause is mended; the next start runs every step.
    const mend = new Database(join(dir, SQLITE_FILE));
    mend.exec('alter table log drop column refused');
    mend.close();
    const upgraded = await openHubStore({ sqliteDir: dir }, { clock });
    await upgraded.close();
    expect(columns('segments')).toEqual(expect.arrayContaining(['part', 'dead']));
    expect(columns('log')).toEqual(expect.arrayContaining(['folded', 'refused']));
  });
});

describe.each(testBackends())('a version 3 hub store on $name', (backend) => {
  it('opens as version 4: the changes it logged carry no verdict (accepted), new ones are judged', async () => {
    const created = await backend.create();
    const clock = manualClock(1_764_000_000_000);
    try {
      const first = await openHubStore(created.location, { clock });
      const { code } = await first.createPairingCode(true);
      const { deviceId } = await first.pair({ code, deviceName: '负责人', clinicName: '诊所' });
      const device = auditedDevice(deviceId);
      const owner = { actorId: 'staff-owner', actorName: '王芳', role: 'owner' as const };
      await first.push(
        deviceId,
        device.tx([staffRow('staff-owner', 'wangfang', '王芳', ['owner'])], {
          ...owner,
          action: 'setup',
          entity: 'staff',
          entityId: 'staff-owner',
        }),
      );
      await first.close();
      // What version 3 wrote: no verdict column.
      const raw = created.postgresUrl
        ? openPostgres(created.postgresUrl)
        : openSqlite(created.dataDir);
      await sql`alter table log drop column refused`.execute(raw.db);
      await sql`update meta set store_version = 3`.execute(raw.db);
      await raw.close();

      const upgraded = await openHubStore(created.location, { clock });
      try {
        const page = await upgraded.pull(deviceId, { after: 0, limit: 100, maxBytes: 1 << 20 });
        expect(page.rows.map((row) => row.refused)).toEqual([null, null]);
        expect(page.rows.map(entryJson).join('')).not.toContain('refused');
        // Judged from here on, against the staff the old log holds: the owner it names adds a
        // dentist (an unknown actor would be refused), and may not sign a consent.
        await upgraded.push(deviceId, [
          ...device.tx([staffRow('staff-doc', 'liqiang', '李强', ['clinician'])], {
            ...owner,
            action: 'create',
            entity: 'staff',
            entityId: 'staff-doc',
          }),
          ...device.tx([consentRow('consent-1', 'staff-owner')], {
            ...owner,
            action: 'sign',
            entity: 'consent',
            entityId: 'consent-1',
          }),
        ]);
        const next = await upgraded.pull(deviceId, { after: 2, limit: 100, maxBytes: 1 << 20 });
        expect(next.rows.map((row) => row.refused && JSON.parse(row.refused).reason)).toEqual([
          null,
          null,
          'role-cannot',
          'role-cannot',
        ]);
      } finally {
        await upgraded.close();
      }
      const check = created.postgresUrl
        ? openPostgres(created.postgresUrl)
        : openSqlite(created.dataDir);
      const meta = await check.db.selectFrom('meta').select('store_version').executeTakeFirst();
      await check.close();
      expect(meta).toEqual({ store_version: STORE_VERSION });
      expect(STORE_VERSION).toBe(4);
    } finally {
      await created.dispose();
    }
  });
});
