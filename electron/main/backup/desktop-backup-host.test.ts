import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ROTATION, MIN_ROTATION } from '../../../shared/backup/rotation';
import { backupStatusSchema } from '../../../shared/bridge/backup-host';
import { fakeSafeStorage } from './testing/fakes';
import {
  backUp,
  CLINIC,
  hostFixture,
  PASSPHRASE,
  PATIENT_LINE,
  restoreText,
  tempDir,
  type HostFixture,
} from './testing/host-fixture';

const fixtures: HostFixture[] = [];
const track = async (fixture: Promise<HostFixture>) => {
  const ready = await fixture;
  fixtures.push(ready);
  return ready;
};
afterEach(async () => {
  await Promise.all(fixtures.splice(0).map((f) => f.cleanUp()));
});

const withPassphrase = async (options?: Parameters<typeof hostFixture>[0]) => {
  const fixture = await track(hostFixture(options));
  await fixture.handlers.setPassphrase(PASSPHRASE);
  return fixture;
};

describe('a backup the page streams in', () => {
  it('is written in three pieces, verified, named by the clinic’s clock and listed', async () => {
    const pc = await withPassphrase();
    const pieces = [PATIENT_LINE, PATIENT_LINE.repeat(1000), '{"table":"visits","row":{}}\n'];
    const record = await backUp(pc, pieces);

    expect(record).toMatchObject({
      fileName: 'clinicdesk-20261122-183000.cdbackup',
      trigger: 'manual',
      state: 'verified',
      startedAt: '2026-11-22T10:30:00.000Z',
      tables: { patients: 3 },
    });
    expect(record).not.toHaveProperty('folder');
    const path = join(pc.backups, record.fileName);
    expect(record.bytes).toBe((await stat(path)).size);
    expect(await readdir(pc.backups)).toEqual([record.fileName]);
    const restored = await restoreText(path);
    expect(restored.text).toBe(pieces.join(''));
    expect(restored.manifest).toMatchObject({ clinicName: CLINIC, schemaVersion: 3 });

    const status = backupStatusSchema.parse(await pc.handlers.status());
    expect(status.history).toEqual([record]);
    expect(status.folder).toBe(pc.backups);
  });

  it('records in its manifest the audit chains’ checkpoints the page sent', async () => {
    const pc = await withPassphrase();
    const checkpoint = { deviceId: 'desk-1', seq: 42, hash: 'c'.repeat(64), mac: 'd'.repeat(64) };
    const { session } = await pc.handlers.begin({
      trigger: 'manual',
      clinicName: CLINIC,
      schemaVersion: 3,
      checkpoints: [checkpoint],
    });
    await pc.handlers.write({ session, bytes: new TextEncoder().encode(PATIENT_LINE) });
    const record = await pc.handlers.finish({ session, tables: { patients: 1 } });
    const restored = await restoreText(join(pc.backups, record.fileName));
    expect(restored.manifest.checkpoints).toEqual([checkpoint]);
  });

  it('keeps its history across a restart, newest first', async () => {
    const pc = await withPassphrase();
    const first = await backUp(pc, ['a\n']);
    pc.clock.advance(24 * 60 * 60_000);
    const second = await backUp(pc, ['b\n'], 'scheduled');
    const again = await track(pc.restart());
    expect((await again.handlers.status()).history).toEqual([second, first]);
    expect(second.fileName).toBe('clinicdesk-20261123-183000.cdbackup');
  });

  it('gives two backups made in the same second different names', async () => {
    const pc = await withPassphrase();
    const a = await backUp(pc, ['a\n']);
    const b = await backUp(pc, ['b\n']);
    expect([a.fileName, b.fileName]).toEqual([
      'clinicdesk-20261122-183000.cdbackup',
      'clinicdesk-20261122-183000-2.cdbackup',
    ]);
  });

  it('refuses a second backup while one is running, and allows one after', async () => {
    const pc = await withPassphrase();
    const { session } = await pc.handlers.begin({
      trigger: 'manual',
      clinicName: CLINIC,
      schemaVersion: 3,
    });
    await expect(
      pc.handlers.begin({ trigger: 'scheduled', clinicName: CLINIC, schemaVersion: 3 }),
    ).rejects.toThrow('a backup is already running');
    await pc.handlers.finish({ session, tables: {} });
    await expect(backUp(pc, ['x\n'])).resolves.toMatchObject({ state: 'verified' });
    // A refusal is no failed backup: the history shows only the two that ran.
    expect((await pc.handlers.status()).history.map((r) => r.state)).toEqual([
      'verified',
      'verified',
    ]);
  });

  it('answers a write or finish for a session it does not know with a refusal', async () => {
    const pc = await withPassphrase();
    await expect(pc.handlers.write({ session: 'nope', bytes: new Uint8Array(1) })).rejects.toThrow(
      'no such backup session',
    );
    await expect(pc.handlers.finish({ session: 'nope', tables: {} })).rejects.toThrow(
      'no such backup session',
    );
    await expect(pc.handlers.abort({ session: 'nope' })).resolves.toBeUndefined();
  });
});

describe('the backup passphrase', () => {
  it('is refused when too short, and nothing is kept', async () => {
    const pc = await track(hostFixture());
    await expect(pc.handlers.setPassphrase('short')).rejects.toThrow('needs 10 to 200 characters');
    expect((await pc.handlers.status()).passphraseSet).toBe(false);
    await expect(stat(join(pc.userData, 'backup-key.bin'))).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });

  it('is refused when ten characters are easily guessed (aaaaaaaaaa), and nothing is kept', async () => {
    const pc = await track(hostFixture());
    await expect(pc.handlers.setPassphrase('aaaaaaaaaa')).rejects.toThrow(
      'too easy to guess (repeated)',
    );
    expect((await pc.handlers.status()).passphraseSet).toBe(false);
  });

  it('kept in the keychain, lets the daily backup run unattended after a restart', async () => {
    const pc = await withPassphrase();
    expect(await pc.handlers.status()).toMatchObject({
      passphraseSet: true,
      keyStorage: 'os-keychain',
    });
    const later = await track(pc.restart());
    expect((await later.handlers.status()).passphraseSet).toBe(true);
    const record = await backUp(later, [PATIENT_LINE], 'scheduled');
    const restored = await restoreText(join(later.backups, record.fileName));
    expect(restored.text).toBe(PATIENT_LINE);
    // The key is named as its files name it, for a restore to tell another clinic's file.
    expect((await later.handlers.status()).keyId).toBe(restored.keyCheck);
  });

  it('without a keychain, lasts until the app closes and is never written', async () => {
    const pc = await withPassphrase({ safeStorage: fakeSafeStorage({ available: false }) });
    expect(await pc.handlers.status()).toMatchObject({
      passphraseSet: true,
      keyStorage: 'this-session',
    });
    await expect(backUp(pc, ['a\n'])).resolves.toMatchObject({ state: 'verified' });
    expect((await readdir(pc.userData)).sort()).toEqual(['Backups', 'backup-state.json']);

    const later = await track(pc.restart());
    expect((await later.handlers.status()).passphraseSet).toBe(false);
    await expect(backUp(later, ['b\n'], 'scheduled')).rejects.toThrow(
      'backup failed (no-passphrase)',
    );
    expect((await later.handlers.status()).history[0]).toMatchObject({
      state: 'failed',
      failure: 'no-passphrase',
      trigger: 'scheduled',
    });
  });

  it('never appears in the files ClinicDesk keeps', async () => {
    const pc = await withPassphrase();
    await backUp(pc, ['a\n']);
    for (const name of ['backup-key.bin', 'backup-state.json'])
      expect((await readFile(join(pc.userData, name))).toString('utf8')).not.toContain(PASSPHRASE);
  });
});

describe('backup settings and folder', () => {
  it('start with 18:30 and 7 daily, 5 weekly, 12 monthly, in userData/Backups', async () => {
    const pc = await track(hostFixture());
    expect(await pc.handlers.status()).toEqual({
      passphraseSet: false,
      keyStorage: 'os-keychain',
      folder: pc.backups,
      settings: { dailyTime: '18:30', rotation: { daily: 7, weekly: 5, monthly: 12 } },
      history: [],
    });
  });

  it('are kept across a restart', async () => {
    const pc = await track(hostFixture());
    const settings = { dailyTime: '20:15', rotation: { daily: 10, weekly: 4, monthly: 6 } };
    await pc.handlers.saveSettings(settings);
    expect((await (await track(pc.restart())).handlers.status()).settings).toEqual(settings);
  });

  it('refuse keeping fewer copies than the minimum, and keep what was there', async () => {
    const pc = await track(hostFixture());
    await expect(
      pc.handlers.saveSettings({
        dailyTime: '18:30',
        rotation: { daily: 1, weekly: 0, monthly: 0 },
      }),
    ).rejects.toThrow('keep at least 7 daily, 4 weekly and 3 monthly copies');
    expect((await pc.handlers.status()).settings.rotation).toEqual(DEFAULT_ROTATION);
  });

  it('saved before the minimum existed are read as the minimum, with the history kept', async () => {
    const pc = await withPassphrase();
    await backUp(pc, ['a\n']);
    const file = join(pc.userData, 'backup-state.json');
    const state = JSON.parse(await readFile(file, 'utf8'));
    state.settings = { dailyTime: '07:45', rotation: { daily: 1, weekly: 0, monthly: 0 } };
    await writeFile(file, JSON.stringify(state));
    const status = await (await track(pc.restart())).handlers.status();
    expect(status.settings).toEqual({ dailyTime: '07:45', rotation: MIN_ROTATION });
    expect(status.history).toHaveLength(1);
  });

  it('a folder chosen in the dialog receives the next backups; a cancelled dialog changes nothing', async () => {
    const usb = await tempDir('usb');
    const pc = await withPassphrase({
      chooseFolder: async () => ({ canceled: false, filePaths: [usb] }),
    });
    expect((await pc.handlers.chooseFolder()).folder).toBe(usb);
    const record = await backUp(pc, ['a\n']);
    expect(await readdir(usb)).toEqual([record.fileName]);
    expect(await readdir(pc.backups)).toEqual([]);
    await rm(usb, { recursive: true, force: true });

    const cancelled = await track(hostFixture());
    expect((await cancelled.handlers.chooseFolder()).folder).toBe(cancelled.backups);
    expect(cancelled.dialog.asked).toHaveLength(1);
  });

  it('refuses a folder it cannot write to', async () => {
    const userData = await tempDir('userdata');
    const aFile = join(userData, 'not-a-folder');
    await writeFile(aFile, '');
    const pc = await track(
      hostFixture({
        userData,
        chooseFolder: async () => ({ canceled: false, filePaths: [aFile] }),
      }),
    );
    await expect(pc.handlers.chooseFolder()).rejects.toThrow('cannot write to that folder');
    expect((await pc.handlers.status()).folder).toBe(pc.backups);
  });
});

describe('the schedule of the running host', () => {
  it('asks the page for a backup at start when none was ever made, and not again once one is', async () => {
    const pc = await withPassphrase();
    pc.scheduler.start();
    expect(pc.dues()).toBe(1);
    await backUp(pc, ['a\n'], 'scheduled');
    pc.timers.advanceTo('2026-11-23T18:29:00+08:00');
    expect(pc.dues()).toBe(1);
    pc.timers.advanceTo('2026-11-23T18:30:00+08:00');
    expect(pc.dues()).toBe(2);
  });

  it('follows a new daily time at once', async () => {
    const pc = await withPassphrase({ start: '2026-11-23T09:00:00+08:00' });
    await backUp(pc, ['a\n']);
    pc.scheduler.start();
    expect(pc.dues()).toBe(0);
    await pc.handlers.saveSettings({
      dailyTime: '08:30',
      rotation: { daily: 7, weekly: 5, monthly: 12 },
    });
    expect(pc.dues()).toBe(0); // 08:30 today is before the backup made at 09:00
    pc.timers.advanceTo('2026-11-24T08:30:00+08:00');
    expect(pc.dues()).toBe(1);
  });
});
