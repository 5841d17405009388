import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { webPrimitives } from '../../../shared/backup/primitives';
import { readBackup } from '../../../shared/backup/read-backup';
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
    const { history, passphraseSet } = await host.status();
    expect(passphraseSet).toBe(false);
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
    const { manifest } = await readBackup({
      source: downloads[0]!.file.stream(),
      primitives: webPrimitives,
      passphrase: PASSPHRASE,
    });
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
    await host.saveSettings({ dailyTime: '18:30', rotation: { daily: 3, weekly: 0, monthly: 0 } });
    const made = [];
    for (let day = 0; day < 6; day++) {
      made.push(await backUp());
      clock.advance(DAY);
    }
    expect([...files.keys()].sort()).toEqual(made.slice(3).map((r) => r.fileName));
    expect((await host.status()).history).toHaveLength(6);
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
