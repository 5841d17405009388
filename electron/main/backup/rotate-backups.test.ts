import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ROTATION } from '../../../shared/backup/rotation';
import { addDays } from '../../../shared/clock/calendar-date';
import { backupFileName } from './backup-names';
import { rotateBackups } from './rotate-backups';
import { backUp, hostFixture, PASSPHRASE, tempDir, type HostFixture } from './testing/host-fixture';

const ZONE = 'Asia/Shanghai';
const evening = (date: string) => Date.parse(`${date}T18:30:00+08:00`);
let folder = '';

beforeEach(async () => {
  folder = await tempDir('rotation');
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Empty files named as ClinicDesk names its backups, one each evening from `first`, `days` days. */
const eveningsFrom = async (first: string, days: number) => {
  const names: string[] = [];
  for (let i = 0; i < days; i++) {
    const name = backupFileName(evening(addDays(first, i)), ZONE);
    await writeFile(join(folder, name), '');
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
    await eveningsFrom('2026-11-01', 3);
    for (const name of ['notes.txt', 'old-system.cdbackup', 'clinicdesk-export.cdbackup'])
      await writeFile(join(folder, name), '');
    await rotateBackups({
      folder,
      history: [],
      policy: { daily: 1, weekly: 0, monthly: 0 },
      timeZone: ZONE,
      newest: backupFileName(evening('2026-11-03'), ZONE),
    });
    expect((await readdir(folder)).sort()).toEqual([
      'clinicdesk-20261103-183000.cdbackup',
      'clinicdesk-export.cdbackup',
      'notes.txt',
      'old-system.cdbackup',
    ]);
  });

  it('never deletes the newest verified backup, nor the one just written when the clock was set back', async () => {
    // A backup dated in the future (the PC's clock was wrong), then one written after fixing it.
    const [future] = await eveningsFrom('2026-12-25', 1);
    const [justWritten] = await eveningsFrom('2026-11-22', 1);
    const [older] = await eveningsFrom('2026-11-20', 1);
    await rotateBackups({
      folder,
      history: [],
      policy: { daily: 1, weekly: 0, monthly: 0 },
      timeZone: ZONE,
      newest: justWritten!,
    });
    expect((await readdir(folder)).sort()).toEqual([justWritten, future].sort());
    expect(older).toBeDefined();
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
    await pc.handlers.saveSettings({
      dailyTime: '18:30',
      rotation: { daily: 3, weekly: 0, monthly: 0 },
    });
    for (let day = 0; day < 5; day++) {
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
    expect((await readdir(pc.backups)).sort()).toEqual([
      'clinicdesk-20261118-183000.cdbackup',
      'clinicdesk-20261119-183000.cdbackup',
      'clinicdesk-20261120-183000.cdbackup',
    ]);
    // The history still tells of every backup made, deleted or not.
    expect((await pc.handlers.status()).history.map((r) => r.state)).toEqual([
      'verified',
      'failed',
      'verified',
      'verified',
      'verified',
      'verified',
    ]);
  });

  it('in a folder chosen later, leaves the old folder’s backups alone', async () => {
    const usb = await tempDir('usb');
    pc = await hostFixture({ chooseFolder: async () => ({ canceled: false, filePaths: [usb] }) });
    await pc.handlers.setPassphrase(PASSPHRASE);
    await pc.handlers.saveSettings({
      dailyTime: '18:30',
      rotation: { daily: 1, weekly: 0, monthly: 0 },
    });
    const old = await backUp(pc, ['a\n']);
    await pc.handlers.chooseFolder();
    pc.clock.advance(24 * 60 * 60_000);
    await backUp(pc, ['b\n']);
    pc.clock.advance(24 * 60 * 60_000);
    const newest = await backUp(pc, ['c\n']);
    expect(await readdir(pc.backups)).toEqual([old.fileName]);
    expect(await readdir(usb)).toEqual([newest.fileName]);
    await rm(usb, { recursive: true });
  });
});
