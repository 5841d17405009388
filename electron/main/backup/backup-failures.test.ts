import { existsSync, openSync, readSync, writeSync, closeSync, fstatSync } from 'node:fs';
import { mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeBackupFile } from '../../../server/backup/backup-file';
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
afterEach(async () => {
  for (const f of fixtures.splice(0)) {
    // No line of the host's log may carry what the page sent.
    expect(f.logs.join('\n')).not.toMatch(/张三|王小明|110101/);
    await f.cleanUp();
  }
});

const pcWithGoodBackup = async (options?: Parameters<typeof hostFixture>[0]) => {
  const pc = await hostFixture(options);
  fixtures.push(pc);
  await pc.handlers.setPassphrase(PASSPHRASE);
  const previous = await backUp(pc, ['yesterday\n']);
  pc.clock.advance(24 * 60 * 60_000);
  return { pc, previous };
};

const begin = (pc: HostFixture) =>
  pc.handlers.begin({ trigger: 'scheduled', clinicName: CLINIC, schemaVersion: 3 });
const bytes = (text: string) => new TextEncoder().encode(text);

/** The last good backup is still there and still reads. */
const previousIntact = async (pc: HostFixture, fileName: string) => {
  expect(await readdir(pc.backups)).toEqual([fileName]);
  expect((await restoreText(join(pc.backups, fileName))).text).toBe('yesterday\n');
};

const failureOf = async (pc: HostFixture) => (await pc.handlers.status()).history[0];

/** Flips one byte in the middle of a file, in place. */
const damage = (path: string) => {
  const fd = openSync(path, 'r+');
  const middle = Math.floor(fstatSync(fd).size / 2);
  const byte = Buffer.alloc(1);
  readSync(fd, byte, 0, 1, middle);
  writeSync(fd, Buffer.from([byte[0]! ^ 0xff]), 0, 1, middle);
  closeSync(fd);
};

describe('a backup that is stopped', () => {
  it('by the page (abort) leaves no file, says "interrupted", and the last good backup stays', async () => {
    const { pc, previous } = await pcWithGoodBackup();
    const { session } = await begin(pc);
    await pc.handlers.write({ session, bytes: bytes(PATIENT_LINE) });
    await pc.handlers.abort({ session });
    await previousIntact(pc, previous.fileName);
    expect(await failureOf(pc)).toMatchObject({ state: 'failed', failure: 'interrupted' });
    await expect(pc.handlers.write({ session, bytes: bytes('late') })).rejects.toThrow(
      'backup failed (interrupted)',
    );
  });

  it('when the page sends nothing for five minutes, is given up as "interrupted"', async () => {
    const { pc, previous } = await pcWithGoodBackup();
    const { session } = await begin(pc);
    await pc.handlers.write({ session, bytes: bytes(PATIENT_LINE) });
    pc.timers.advanceTo(pc.clock.now() + 4 * 60_000);
    await pc.handlers.write({ session, bytes: bytes(PATIENT_LINE) });
    pc.timers.advanceTo(pc.clock.now() + 5 * 60_000);
    await expect(pc.handlers.finish({ session, tables: {} })).rejects.toThrow(
      'backup failed (interrupted)',
    );
    await previousIntact(pc, previous.fileName);
    expect(await failureOf(pc)).toMatchObject({ failure: 'interrupted' });
  });
});

describe('a backup that fails', () => {
  it('to read back as written (the disk corrupted it) is "verify-failed" and leaves no file', async () => {
    const { pc, previous } = await pcWithGoodBackup({
      onPhase: (phase, path) => {
        if (phase === 'written' && path.includes('20261123')) damage(`${path}.partial`);
      },
    });
    const failing = backUp(pc, [PATIENT_LINE.repeat(2000)]);
    await expect(failing).rejects.toThrow('backup failed (verify-failed)');
    const error = (await failing.catch((e: unknown) => e)) as Error;
    expect(error.message).not.toContain(CLINIC);
    expect(error.stack).toBe(`BackupHostFailure: ${error.message}`);
    await previousIntact(pc, previous.fileName);
    expect(await failureOf(pc)).toMatchObject({
      state: 'failed',
      failure: 'verify-failed',
      fileName: 'clinicdesk-20261123-183000.cdbackup',
    });
  });

  it('when the disk is full is "disk-full", and the page’s waiting write is told', async () => {
    const diskFull = Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
    });
    let pieces = 0;
    const { pc, previous } = await pcWithGoodBackup({
      // The disk fills up at the third piece of today's backup.
      writeFile: (options) =>
        writeBackupFile({
          ...options,
          payload: options.payload.pipeThrough(
            new TransformStream({
              transform(piece, controller) {
                if (options.name.includes('20261123') && ++pieces === 3) throw diskFull;
                controller.enqueue(piece);
              },
            }),
          ),
        }),
    });
    const { session } = await begin(pc);
    const sent = async () => {
      for (;;) await pc.handlers.write({ session, bytes: bytes(PATIENT_LINE) });
    };
    await expect(sent()).rejects.toThrow('backup failed (disk-full)');
    await expect(pc.handlers.finish({ session, tables: {} })).rejects.toThrow(
      'backup failed (disk-full)',
    );
    await previousIntact(pc, previous.fileName);
    expect(await failureOf(pc)).toMatchObject({ failure: 'disk-full' });
  });

  it.runIf(existsSync('/dev/full'))(
    'when the real disk answers ENOSPC (Linux /dev/full) is "disk-full" too',
    async () => {
      const { pc, previous } = await pcWithGoodBackup();
      // The writer opens <name>.partial: here it is the kernel's always-full device.
      await symlink('/dev/full', join(pc.backups, 'clinicdesk-20261123-183000.cdbackup.partial'));
      await expect(backUp(pc, [PATIENT_LINE.repeat(20_000)])).rejects.toThrow(
        'backup failed (disk-full)',
      );
      await previousIntact(pc, previous.fileName);
    },
  );

  it('when the chosen folder has gone (USB drive pulled out) is "folder-unavailable"', async () => {
    const usb = await tempDir('usb');
    const pc = await hostFixture({
      chooseFolder: async () => ({ canceled: false, filePaths: [usb] }),
    });
    fixtures.push(pc);
    await pc.handlers.setPassphrase(PASSPHRASE);
    await pc.handlers.chooseFolder();
    await rm(usb, { recursive: true });
    await expect(begin(pc)).rejects.toThrow('backup failed (folder-unavailable)');
    expect(await failureOf(pc)).toMatchObject({
      failure: 'folder-unavailable',
      trigger: 'scheduled',
    });
    // Once the drive is back, backups go there again.
    await mkdir(usb);
    await expect(backUp(pc, ['a\n'])).resolves.toMatchObject({ state: 'verified' });
    await rm(usb, { recursive: true });
  });

  it('does not stop the next backup from running', async () => {
    const { pc } = await pcWithGoodBackup();
    const { session } = await begin(pc);
    await pc.handlers.abort({ session });
    await expect(backUp(pc, ['today\n'])).resolves.toMatchObject({ state: 'verified' });
  });
});

describe('a crash while writing', () => {
  it('leaves a temporary file that the next start removes, and the backups intact', async () => {
    const { pc, previous } = await pcWithGoodBackup();
    const leftover = join(pc.backups, 'clinicdesk-20261123-183000.cdbackup.partial');
    await writeFile(leftover, 'half a backup');
    await pc.restart().then((again) => fixtures.push(again));
    await previousIntact(pc, previous.fileName);
  });
});
