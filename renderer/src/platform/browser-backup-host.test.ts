import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { webPrimitives } from '../../../shared/backup/primitives';
import { readBackup } from '../../../shared/backup/read-backup';
import { DEFAULT_ROTATION, MIN_ROTATION } from '../../../shared/backup/rotation';
import { manualClock } from '../../../shared/clock/clock';
import { newId } from '../../../shared/ids';
import { storeWithOwner } from '../db/testing/store';
import { runBackup } from '../features/backups/run-backup';
import { BackupHostDb } from './backup-host-db';
import type { BackupFolder } from './backup-output';
import { createBrowserBackupHost } from './browser-backup-host';
import { fakeFolder } from './testing/fake-folder';

const PASSPHRASE = '康宁诊所 backup 2026';
const DAY = 24 * 60 * 60 * 1000;

/** Folder handles are structured-cloneable in a browser; fake ones are kept in memory instead. */
class TestHostDb extends BackupHostDb {
  chosen: BackupFolder | undefined;
  override folder = async () => this.chosen;
  override setFolder = async (folder: BackupFolder) => (this.chosen = folder);
}

const setUp = async (folder?: BackupFolder) => {
  const store = await storeWithOwner();
  const clock = manualClock('2026-11-22T19:00:00+08:00');
  const db = new TestHostDb(`host-${newId()}`, { indexedDB, IDBKeyRange });
  db.chosen = folder;
  const downloads: { file: Blob; name: string }[] = [];
  const host = createBrowserBackupHost({
    db,
    clock,
    primitives: webPrimitives,
    appVersion: 'test',
    download: (file, name) => void downloads.push({ file, name }),
    iterations: 100_000,
  });
  const backUp = () => runBackup({ db: store.db, host, trigger: 'manual' });
  return { store, clock, db, host, downloads, backUp };
};

afterEach(() => vi.useRealTimers());

describe('backups in a browser', () => {
  it('refuses to back up before the owner has set a passphrase, and the history says why', async () => {
    const { host, backUp } = await setUp();
    await expect(backUp()).rejects.toMatchObject({ failure: 'no-passphrase' });
    const { history, passphraseSet, keyId } = await host.status();
    expect(passphraseSet).toBe(false);
    expect(keyId).toBeUndefined();
    expect(history[0]).toMatchObject({ state: 'failed', failure: 'no-passphrase' });
  });

  it('keeps the key where no script can read it out', async () => {
    const { host, db } = await setUp();
    expect((await host.setPassphrase(PASSPHRASE)).passphraseSet).toBe(true);
    const key = (await db.key())!;
    expect(key.aes.extractable).toBe(false);
    expect('raw' in key).toBe(false);
    await expect(host.setPassphrase('too short')).rejects.toThrow(RangeError);
  });

  it('without a folder, "Back up now" downloads a verified file that opens with the passphrase', async () => {
    const { host, downloads, backUp } = await setUp();
    await host.setPassphrase(PASSPHRASE);
    const record = await backUp();
    expect(record).toMatchObject({ state: 'verified', trigger: 'manual' });
    expect(record.fileName).toBe('clinicdesk-2026-11-22-190000.cdbackup');
    expect(downloads.map((d) => d.name)).toEqual([record.fileName]);
    expect(record.bytes).toBe(downloads[0]!.file.size);
    const { manifest, header } = await readBackup({
      source: downloads[0]!.file.stream(),
      primitives: webPrimitives,
      passphrase: PASSPHRASE,
    });
    // The key is named as its files name it, for a restore to tell another clinic's file.
    expect((await host.status()).keyId).toBe(header.keyCheck);
    expect(manifest).toMatchObject({ clinicName: '康宁口腔诊所', tables: { staff: 1 } });
    expect((await host.status()).history).toEqual([record]);

    await host.exportTo(record.id);
    expect(downloads).toHaveLength(2);
  });

  it('writes into the chosen folder under a temporary name, renamed only once verified', async () => {
    const { folder, files } = fakeFolder();
    const { host, downloads, backUp } = await setUp(folder);
    await host.setPassphrase(PASSPHRASE);
    const record = await backUp();
    expect(record.state).toBe('verified');
    expect([...files.keys()]).toEqual([record.fileName]);
    expect(downloads).toEqual([]);
    expect((await host.status()).folder).toBe('U盘备份');
  });

  it('a file that does not read back is a failed backup, removed; the last good one stays', async () => {
    const good = fakeFolder();
    const { host, db, clock, backUp } = await setUp(good.folder);
    await host.setPassphrase(PASSPHRASE);
    const first = await backUp();
    const damaged = fakeFolder({ damage: true });
    db.chosen = damaged.folder;
    clock.advance(DAY);
    const second = await backUp();
    expect(second).toMatchObject({ state: 'failed', failure: 'verify-failed' });
    expect(damaged.files.size).toBe(0);
    expect(good.files.has(first.fileName)).toBe(true);
  });

  it('a full disk is said to be a full disk', async () => {
    const { host, backUp } = await setUp(fakeFolder({ full: true }).folder);
    await host.setPassphrase(PASSPHRASE);
    expect(await backUp()).toMatchObject({ state: 'failed', failure: 'disk-full' });
  });

  it('rotation deletes old dailies from the folder and never the newest verified backup', async () => {
    const { folder, files } = fakeFolder();
    const { host, clock, backUp } = await setUp(folder);
    await host.setPassphrase(PASSPHRASE);
    await host.saveSettings({ dailyTime: '18:30', rotation: MIN_ROTATION });
    const made = [];
    for (let day = 0; day < 9; day++) {
      made.push(await backUp());
      clock.advance(DAY);
    }
    // 23 November is neither among the last 7 evenings nor the newest of its week (22nd, Sunday).
    expect([...files.keys()].sort()).toEqual(made.filter((_, i) => i !== 1).map((r) => r.fileName));
    expect((await host.status()).history).toHaveLength(9);
  });

  it('refuses a rotation below the minimum', async () => {
    const { host } = await setUp();
    await expect(
      host.saveSettings({ dailyTime: '18:30', rotation: { daily: 1, weekly: 0, monthly: 0 } }),
    ).rejects.toThrow();
    expect((await host.status()).settings.rotation).toEqual(DEFAULT_ROTATION);
  });

  it('a new passphrase and one backup delete nothing made with the old one, until 3 days of new ones', async () => {
    const { folder, files } = fakeFolder();
    const { host, clock, backUp } = await setUp(folder);
    await host.setPassphrase(PASSPHRASE);
    for (let day = 0; day < 12; day++) {
      await backUp();
      clock.advance(DAY);
    }
    const before = files.size;
    await host.setPassphrase('另一句完全不同的备份密码 2027');
    await backUp();
    expect(files.size).toBe(before + 1);
    clock.advance(DAY);
    await backUp();
    expect(files.size).toBe(before + 2);
    clock.advance(DAY);
    await backUp();
    expect(files.size).toBeLessThan(before + 3);
  });

  it('says a backup is due at the daily time, and at start when the PC was off then', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { host, clock, backUp } = await setUp(fakeFolder().folder);
    const due = vi.fn();
    await host.setPassphrase(PASSPHRASE);
    const stop = host.onDue(due);
    await vi.waitFor(() => expect(due).toHaveBeenCalledTimes(1)); // no backup yet: catch up now
    await backUp();
    clock.set('2026-11-23T18:29:00+08:00');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(due).toHaveBeenCalledTimes(1);
    clock.set('2026-11-23T18:30:00+08:00');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(due).toHaveBeenCalledTimes(2);
    // The backup it asked for did not happen: not asked again every minute, but at the next slot.
    clock.advance(60 * 60 * 1000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(due).toHaveBeenCalledTimes(2);
    stop();
  });

  it('never asks for unattended backups that would only be downloads', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { host } = await setUp();
    await host.setPassphrase(PASSPHRASE);
    const due = vi.fn();
    const stop = host.onDue(due);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(due).not.toHaveBeenCalled();
    stop();
  });
});
