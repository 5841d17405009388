import { existsSync } from 'node:fs';
import { readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  backUp,
  hostFixture,
  PASSPHRASE,
  PATIENT_LINE,
  restoreText,
  tempDir,
  type HostFixture,
} from './testing/host-fixture';

let usb = '';
let pc: HostFixture;
let answer: { canceled: boolean; filePaths: string[] };

beforeEach(async () => {
  usb = await tempDir('usb');
  answer = { canceled: false, filePaths: [usb] };
  pc = await hostFixture({ chooseFolder: async () => answer });
  await pc.handlers.setPassphrase(PASSPHRASE);
});
afterEach(async () => {
  await pc.cleanUp();
  await rm(usb, { recursive: true, force: true });
});

describe('exporting a backup to a USB drive', () => {
  it('copies it byte for byte, checks the copy in full, and leaves nothing half-written', async () => {
    const record = await backUp(pc, [PATIENT_LINE.repeat(5000)]);
    await expect(pc.handlers.exportTo({ id: record.id })).resolves.toBe('exported');
    expect(await readdir(usb)).toEqual([record.fileName]);
    expect(await readFile(join(usb, record.fileName))).toEqual(
      await readFile(join(pc.backups, record.fileName)),
    );
    expect((await restoreText(join(usb, record.fileName))).text).toBe(PATIENT_LINE.repeat(5000));
  });

  it('does nothing when the owner cancels the dialog', async () => {
    const record = await backUp(pc, ['a\n']);
    answer = { canceled: true, filePaths: [] };
    await expect(pc.handlers.exportTo({ id: record.id })).resolves.toBe('cancelled');
    expect(await readdir(usb)).toEqual([]);
  });

  it('exports a backup made under an earlier passphrase, checked against the original’s bytes', async () => {
    const record = await backUp(pc, ['before the change\n']);
    await pc.handlers.setPassphrase('a brand new passphrase');
    await expect(pc.handlers.exportTo({ id: record.id })).resolves.toBe('exported');
    expect((await restoreText(join(usb, record.fileName))).text).toBe('before the change\n');
  });

  it('refuses, with what to do, a backup that rotation removed', async () => {
    const record = await backUp(pc, ['a\n']);
    await rm(join(pc.backups, record.fileName));
    await expect(pc.handlers.exportTo({ id: record.id })).rejects.toThrow(
      'this backup is no longer in its folder',
    );
  });

  it('refuses a failed backup or an id it does not know', async () => {
    const { session } = await pc.handlers.begin({
      trigger: 'manual',
      clinicName: 'x',
      schemaVersion: 3,
    });
    await pc.handlers.abort({ session });
    const failed = (await pc.handlers.status()).history[0]!;
    await expect(pc.handlers.exportTo({ id: failed.id })).rejects.toThrow('no verified backup');
    await expect(pc.handlers.exportTo({ id: 'unknown' })).rejects.toThrow('no verified backup');
  });

  it('does not pass on a backup damaged on disk since it was made, and leaves no copy', async () => {
    const record = await backUp(pc, [PATIENT_LINE.repeat(5000)]);
    const path = join(pc.backups, record.fileName);
    const bytes = await readFile(path);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    await writeFile(path, bytes);
    await expect(pc.handlers.exportTo({ id: record.id })).rejects.toThrow(
      'did not read back as written',
    );
    expect(await readdir(usb)).toEqual([]);
  });

  it.runIf(existsSync('/dev/full'))('says so when the drive is full', async () => {
    const record = await backUp(pc, [PATIENT_LINE.repeat(5000)]);
    await symlink('/dev/full', join(usb, `${record.fileName}.partial`));
    await expect(pc.handlers.exportTo({ id: record.id })).rejects.toThrow(
      'the chosen drive is full',
    );
    expect(await readdir(usb)).toEqual([]);
  });
});
