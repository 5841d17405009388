import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toBase64 } from '../../../shared/base64';
import { encodePrefix, type BackupHeader } from '../../../shared/backup/format';
import { sha256Bytes } from '../../../shared/backup/primitives';
import { DEFAULT_ROTATION, MIN_ROTATION } from '../../../shared/backup/rotation';
import { addDays } from '../../../shared/clock/calendar-date';
import { backupFileName } from './backup-names';
import { keyIdOfFile, rotateBackups } from './rotate-backups';
import { backUp, hostFixture, PASSPHRASE, tempDir, type HostFixture } from './testing/host-fixture';

const ZONE = 'Asia/Shanghai';
const evening = (date: string) => Date.parse(`${date}T18:30:00+08:00`);
const KEY = toBase64(new Uint8Array(16).fill(7));
let folder = '';

beforeEach(async () => {
  folder = await tempDir('rotation');
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** The readable start of a backup sealed with the key `keyCheck` names: all rotation reads. */
const headerOnly = (keyCheck: string): Uint8Array => {
  const header: BackupHeader = {
    app: { name: 'ClinicDesk', version: 'test' },
    createdAt: '2026-11-22T10:30:00.000Z',
    kdf: { name: 'PBKDF2-SHA256', iterations: 100_000, salt: toBase64(new Uint8Array(16)) },
    cipher: { name: 'AES-256-GCM', noncePrefix: toBase64(new Uint8Array(7)), chunkSize: 1024 },
    compression: 'gzip',
    keyCheck,
  };
  const prefix = encodePrefix(header);
  const file = new Uint8Array(prefix.length + 32);
  file.set(prefix, 0);
  file.set(sha256Bytes(prefix.subarray(16)), prefix.length);
  return file;
};

/** Backups named as ClinicDesk names them, one each evening from `first`, `days` days. */
const eveningsFrom = async (first: string, days: number, keyCheck = KEY) => {
  const names: string[] = [];
  for (let i = 0; i < days; i++) {
    const name = backupFileName(evening(addDays(first, i)), ZONE);
    await writeFile(join(folder, name), headerOnly(keyCheck));
    names.push(name);
  }
  return names;
};

describe('rotation of the backup folder', () => {
  it('with the default policy keeps the last 7 evenings, then one per week and per month', async () => {
    const names = await eveningsFrom('2026-09-01', 82); // to Saturday 2026-11-21
    const deleted = await rotateBackups({
      folder,
      history: [],
      policy: DEFAULT_ROTATION,
      timeZone: ZONE,
      newest: names.at(-1)!,
      currentKeyId: KEY,
    });
    const kept = await readdir(folder);
    expect(kept.length + deleted.length).toBe(82);
    // The last seven evenings: 15 to 21 November.
    for (const name of names.slice(-7)) expect(kept).toContain(name);
    expect(kept).not.toContain(backupFileName(evening('2026-11-13'), ZONE));
    // The newest of each of the five latest weeks (Sundays, weeks start on Monday): 21 and 15
    // November are daily ones already; 8 and 1 November and 25 October are added.
    for (const date of ['2026-11-08', '2026-11-01', '2026-10-25'])
      expect(kept).toContain(backupFileName(evening(date), ZONE));
    expect(kept).not.toContain(backupFileName(evening('2026-10-18'), ZONE));
    // The newest of each month: 30 September and 31 October are added.
    expect(kept).toContain(backupFileName(evening('2026-10-31'), ZONE));
    expect(kept).toContain(backupFileName(evening('2026-09-30'), ZONE));
    expect(kept).not.toContain(backupFileName(evening('2026-09-29'), ZONE));
    expect(kept).toHaveLength(7 + 3 + 2);
  });

  it('never touches a file the owner put in the folder', async () => {
    const names = await eveningsFrom('2026-11-01', 10);
    for (const name of ['notes.txt', 'old-system.cdbackup', 'clinicdesk-export.cdbackup'])
      await writeFile(join(folder, name), '');
    const deleted = await rotateBackups({
      folder,
      history: [],
      policy: MIN_ROTATION,
      timeZone: ZONE,
      newest: names.at(-1)!,
      currentKeyId: KEY,
    });
    // 2 and 3 November are neither among the last 7 evenings nor the newest of a week or month.
    expect(deleted.sort()).toEqual(names.slice(1, 3));
    for (const name of ['notes.txt', 'old-system.cdbackup', 'clinicdesk-export.cdbackup'])
      expect(await readdir(folder)).toContain(name);
  });

  it('never deletes the newest verified backup, nor the one just written when the clock was set back', async () => {
    // Months of backups dated in the future (the PC's clock was wrong), then one written after
    // fixing it: the policy alone would keep only future ones.
    const future = await eveningsFrom('2027-01-01', 100);
    const [justWritten] = await eveningsFrom('2026-11-22', 1);
    const [older] = await eveningsFrom('2026-11-20', 1);
    await rotateBackups({
      folder,
      history: [],
      policy: MIN_ROTATION,
      timeZone: ZONE,
      newest: justWritten!,
      currentKeyId: KEY,
    });
    const kept = await readdir(folder);
    expect(kept).toContain(justWritten);
    expect(kept).toContain(future.at(-1));
    expect(kept).not.toContain(older);
  });

  it('reads the key of each file from its header, and cannot tell it for a file that is no backup', async () => {
    const [name] = await eveningsFrom('2026-11-22', 1, KEY);
    await writeFile(join(folder, 'junk.cdbackup'), 'not a backup');
    expect(await keyIdOfFile(join(folder, name!))).toBe(KEY);
    expect(await keyIdOfFile(join(folder, 'junk.cdbackup'))).toBeUndefined();
  });

  it('keeps every backup made with an earlier key until the current key has backups on 3 days', async () => {
    const NEW = toBase64(new Uint8Array(16).fill(9));
    const old = await eveningsFrom('2026-09-01', 82, KEY);
    const rotate = (newest: string) =>
      rotateBackups({
        folder,
        history: [],
        policy: MIN_ROTATION,
        timeZone: ZONE,
        newest,
        currentKeyId: NEW,
      });
    const [first, second, third] = await eveningsFrom('2026-11-22', 3, NEW);
    // A junk file named as ours, whose key cannot be told, is kept too.
    const unreadable = backupFileName(evening('2026-08-01'), ZONE);
    await writeFile(join(folder, unreadable), 'junk');
    await rm(join(folder, second!));
    await rm(join(folder, third!));
    expect(await rotate(first!)).toEqual([]);
    await eveningsFrom('2026-11-23', 1, NEW);
    expect(await rotate(second!)).toEqual([]);
    await eveningsFrom('2026-11-24', 1, NEW);
    const deleted = await rotate(third!);
    expect(deleted.length).toBeGreaterThan(0);
    expect(deleted).toContain(old[0]);
    expect(deleted).toContain(unreadable);
    for (const name of old.slice(-4)) expect(await readdir(folder)).toContain(name);
  });
});

describe('rotation after each verified backup', () => {
  let pc: HostFixture;
  afterEach(async () => {
    await pc.cleanUp();
  });

  it('deletes the files the policy no longer keeps; a failed backup leaves nothing to rotate', async () => {
    pc = await hostFixture({ start: '2026-11-16T18:30:00+08:00' });
    await pc.handlers.setPassphrase(PASSPHRASE);
    await pc.handlers.saveSettings({ dailyTime: '18:30', rotation: MIN_ROTATION });
    for (let day = 0; day < 9; day++) {
      await backUp(pc, [`day ${day}\n`]);
      if (day === 3) {
        const { session } = await pc.handlers.begin({
          trigger: 'manual',
          clinicName: 'x',
          schemaVersion: 3,
        });
        await pc.handlers.abort({ session });
      }
      pc.clock.advance(24 * 60 * 60_000);
    }
    // The last 7 evenings, 18 to 24 November; 22 November is also the newest of its week.
    expect((await readdir(pc.backups)).sort()).toEqual(
      [18, 19, 20, 21, 22, 23, 24].map((d) => `clinicdesk-202611${d}-183000.cdbackup`),
    );
    // The history still tells of every backup made, deleted or not.
    const states = (await pc.handlers.status()).history.map((r) => r.state);
    expect(states).toHaveLength(10);
    expect(states.filter((s) => s === 'failed')).toHaveLength(1);
  });

  it('after a new passphrase, a 1/0/0 rotation and one backup, every earlier backup is still there', async () => {
    pc = await hostFixture({ start: '2026-11-01T18:30:00+08:00' });
    await pc.handlers.setPassphrase(PASSPHRASE);
    for (let day = 0; day < 12; day++) {
      await backUp(pc, [`day ${day}\n`]);
      pc.clock.advance(24 * 60 * 60_000);
    }
    const before = (await readdir(pc.backups)).sort();
    await pc.handlers.setPassphrase('另一句完全不同的备份密码 2027');
    await expect(
      pc.handlers.saveSettings({
        dailyTime: '18:30',
        rotation: { daily: 1, weekly: 0, monthly: 0 },
      }),
    ).rejects.toThrow();
    const junk = await backUp(pc, ['junk\n']);
    expect((await readdir(pc.backups)).sort()).toEqual([...before, junk.fileName].sort());
  });

  it('in a folder chosen later, leaves the old folder’s backups alone', async () => {
    const usb = await tempDir('usb');
    pc = await hostFixture({ chooseFolder: async () => ({ canceled: false, filePaths: [usb] }) });
    await pc.handlers.setPassphrase(PASSPHRASE);
    const old = await backUp(pc, ['a\n']);
    await pc.handlers.chooseFolder();
    const made = [];
    for (let day = 1; day <= 8; day++) {
      pc.clock.advance(24 * 60 * 60_000);
      made.push(await backUp(pc, [`day ${day}\n`]));
    }
    expect(await readdir(pc.backups)).toEqual([old.fileName]);
    // 23 November fell out of the last 7 evenings in the USB folder.
    expect((await readdir(usb)).sort()).toEqual(made.slice(1).map((r) => r.fileName));
    await rm(usb, { recursive: true });
  });
});
