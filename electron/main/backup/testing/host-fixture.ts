import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBackup } from '../../../../shared/backup/read-backup';
import { manualClock } from '../../../../shared/clock/clock';
import { fileStream, nodePrimitives } from '../../../../server/backup/node-backup';
import { createDesktopBackupHost, type DesktopBackupDeps } from '../desktop-backup-host';
import { fakeFolderDialog, fakeSafeStorage, fakeTimers } from './fakes';

export const PASSPHRASE = '诊所的备份密码 2026';
/** A clinic name and a patient line that must never reach a log line or an error message. */
export const CLINIC = '张三口腔诊所';
export const PATIENT_LINE =
  '{"table":"patients","row":{"name":"王小明","idNumber":"110101199003077777"}}\n';

export const tempDir = (name: string) => mkdtemp(join(tmpdir(), `clinicdesk-${name}-`));

/** A desktop backup host on real files in a temp dir; only Electron's parts are faked. */
export const hostFixture = async (
  options: Partial<DesktopBackupDeps> & { start?: string } = {},
) => {
  const userData = options.userData ?? (await tempDir('userdata'));
  const clock = manualClock(options.start ?? '2026-11-22T18:30:00+08:00');
  const timers = fakeTimers(clock);
  const dialog = fakeFolderDialog();
  const logs: string[] = [];
  let dues = 0;
  const safeStorage = options.safeStorage ?? fakeSafeStorage();
  const deps: DesktopBackupDeps = {
    userData,
    clock,
    timers,
    safeStorage,
    chooseFolder: dialog,
    appVersion: 'test',
    iterations: 100_000,
    onDue: () => (dues += 1),
    log: (line) => logs.push(line),
    ...options,
  };
  const host = await createDesktopBackupHost(deps);
  return {
    ...host,
    userData,
    clock,
    timers,
    dialog,
    logs,
    safeStorage,
    deps,
    dues: () => dues,
    backups: join(userData, 'Backups'),
    /** The same PC started again: same folders, same keychain, a new process. */
    restart: (more: Partial<DesktopBackupDeps> = {}) =>
      hostFixture({
        ...options,
        userData,
        safeStorage,
        start: new Date(clock.now()).toISOString(),
        ...more,
      }),
    cleanUp: () => rm(userData, { recursive: true, force: true }),
  };
};

export type HostFixture = Awaited<ReturnType<typeof hostFixture>>;

/** The page's side: begin, write each piece (awaited), finish. */
export const backUp = async (
  fixture: HostFixture,
  pieces: string[],
  trigger: 'manual' | 'scheduled' = 'manual',
) => {
  const { handlers } = fixture;
  const { session } = await handlers.begin({ trigger, clinicName: CLINIC, schemaVersion: 3 });
  const encoder = new TextEncoder();
  for (const piece of pieces) await handlers.write({ session, bytes: encoder.encode(piece) });
  return handlers.finish({ session, tables: { patients: pieces.length } });
};

/** Reads a backup in full with the passphrase alone, as a new PC would; resolves with its payload. */
export const restoreText = async (path: string, passphrase = PASSPHRASE) => {
  let text = '';
  const decoder = new TextDecoder();
  const read = await readBackup({
    source: fileStream(path),
    primitives: nodePrimitives,
    passphrase,
    onPayload: (bytes) => {
      text += decoder.decode(bytes, { stream: true });
    },
  });
  return { text, manifest: read.manifest, keyCheck: read.header.keyCheck };
};
