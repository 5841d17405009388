import { randomUUID } from 'node:crypto';
import { access, constants, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { removePartialBackups, writeBackupFile } from '../../../server/backup/backup-file';
import { nodePrimitives } from '../../../server/backup/node-backup';
import { BackupError } from '../../../shared/backup/backup-error';
import {
  DEFAULT_ITERATIONS,
  deriveBackupKey,
  keyIdOf,
  type BackupKey,
} from '../../../shared/backup/backup-key';
import {
  assessPassphrase,
  MIN_PASSPHRASE_LENGTH,
  passphraseProblem,
} from '../../../shared/backup/passphrase';
import type { BackupPrimitives } from '../../../shared/backup/primitives';
import { MIN_ROTATION } from '../../../shared/backup/rotation';
import {
  backupSettingsSchema,
  type BackupBegin,
  type BackupFailure,
  type BackupRecord,
  type BackupSettings,
  type BackupStatus,
  type ExportOutcome,
} from '../../../shared/bridge/backup-host';
import { DEFAULT_TIME_ZONE } from '../../../shared/clock/calendar-date';
import type { Clock } from '../../../shared/clock/clock';
import { BackupHostFailure, BackupRefusal } from './backup-failure';
import { freeBackupName } from './backup-names';
import { createBackupScheduler, nodeTimers, type Timers } from './backup-scheduler';
import { createBackupSessions, type WritePhase } from './backup-sessions';
import {
  createStateFile,
  lastGood,
  publicRecord,
  withRecord,
  type StoredRecord,
} from './backup-state';
import { copyVerified, ExportFailure, type FolderDialog } from './export-backup';
import { createKeyStore, type SafeStorageLike } from './key-store';
import { rotateBackups } from './rotate-backups';

export type DesktopBackupDeps = {
  /** Electron's userData folder: the key, the state file and the default Backups folder live here. */
  userData: string;
  clock: Clock;
  timeZone?: string;
  timers?: Timers;
  safeStorage: SafeStorageLike;
  /** `dialog.showOpenDialog` for the main window. */
  chooseFolder: FolderDialog;
  appVersion: string;
  primitives?: BackupPrimitives;
  /** Default 5 minutes. */
  idleMs?: number;
  /** PBKDF2 rounds for a new passphrase; only tests lower it. */
  iterations?: number;
  writeFile?: typeof writeBackupFile;
  onPhase?: (phase: WritePhase, path: string) => void;
  /** The schedule says a backup is owed: main tells the page. */
  onDue: () => void;
  /** One line per event, never patient data, never a path the page sent. */
  log?: (line: string) => void;
};

/** What the IPC handlers call, each with its validated input (shared/bridge/backup-host.ts). */
export type BackupHandlers = {
  status(): Promise<BackupStatus>;
  setPassphrase(passphrase: string): Promise<BackupStatus>;
  saveSettings(settings: BackupSettings): Promise<BackupStatus>;
  chooseFolder(): Promise<BackupStatus>;
  begin(input: BackupBegin): Promise<{ session: string }>;
  write(input: { session: string; bytes: Uint8Array }): Promise<void>;
  finish(input: { session: string; tables: Record<string, number> }): Promise<BackupRecord>;
  abort(input: { session: string }): Promise<void>;
  exportTo(input: { id: string }): Promise<ExportOutcome>;
};

const writableFolder = async (path: string) => {
  if (!(await stat(path)).isDirectory())
    throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
  await access(path, constants.W_OK);
};

/**
 * The desktop backup host (PRODUCT.md §5): the key in the OS keychain, the files in a folder on
 * disk, the history and settings beside the key, the daily schedule. Plain Node: Electron hands in
 * its safeStorage, dialog and folders.
 */
export const createDesktopBackupHost = async (deps: DesktopBackupDeps) => {
  const timeZone = deps.timeZone ?? DEFAULT_TIME_ZONE;
  const timers = deps.timers ?? nodeTimers;
  const primitives = deps.primitives ?? nodePrimitives;
  const log = deps.log ?? (() => undefined);
  const defaultFolder = join(deps.userData, 'Backups');
  const keyStore = createKeyStore({
    file: join(deps.userData, 'backup-key.bin'),
    safeStorage: deps.safeStorage,
  });
  const stateFile = createStateFile(join(deps.userData, 'backup-state.json'));
  const state = await stateFile.load();
  let key: BackupKey | undefined = await keyStore.load();
  let starting = false;

  const folder = () => state.folder ?? defaultFolder;
  const iso = () => new Date(deps.clock.now()).toISOString();

  await mkdir(defaultFolder, { recursive: true });
  // What a crash or power cut left behind while writing; the drive of a chosen folder may be away.
  await removePartialBackups(folder()).catch(() => undefined);

  const save = () => stateFile.save(state).catch(() => log('backup state could not be saved'));

  const status = async (): Promise<BackupStatus> => ({
    passphraseSet: key !== undefined,
    ...(key ? { keyId: keyIdOf(key) } : {}),
    keyStorage: keyStore.storage(),
    folder: folder(),
    settings: state.settings,
    history: state.history.map(publicRecord),
  });

  const scheduler = createBackupScheduler({
    clock: deps.clock,
    timers,
    timeZone,
    dailyTime: () => state.settings.dailyTime,
    lastGoodAt: () => {
      const good = lastGood(state.history);
      return good ? Date.parse(good.startedAt) : undefined;
    },
    onDue: () => {
      log('a daily backup is due');
      deps.onDue();
    },
  });

  const record = async (entry: StoredRecord): Promise<StoredRecord> => {
    state.history = withRecord(state.history, entry);
    if (entry.state === 'verified' && entry.folder) {
      const deleted = await rotateBackups({
        folder: entry.folder,
        history: state.history,
        policy: state.settings.rotation,
        timeZone,
        newest: entry.fileName,
        currentKeyId: key ? keyIdOf(key) : undefined,
      }).catch(() => []);
      log(`backup verified (${entry.bytes ?? 0} bytes); rotation deleted ${deleted.length}`);
    } else log(`backup failed: ${entry.failure ?? 'unknown'}`);
    await save();
    scheduler.rearm();
    return entry;
  };

  const refuse = async (begin: BackupBegin, failure: BackupFailure): Promise<never> => {
    const now = iso();
    await record({
      id: randomUUID(),
      fileName: '',
      trigger: begin.trigger,
      startedAt: now,
      finishedAt: now,
      state: 'failed',
      failure,
    });
    throw new BackupHostFailure(failure);
  };

  const sessions = createBackupSessions({
    clock: deps.clock,
    timers,
    idleMs: deps.idleMs ?? 5 * 60_000,
    appVersion: deps.appVersion,
    primitives,
    newId: randomUUID,
    writeFile: deps.writeFile ?? writeBackupFile,
    onPhase: deps.onPhase,
    settle: record,
  });

  const begin = async (input: BackupBegin): Promise<{ session: string }> => {
    if (starting || sessions.running()) throw new BackupRefusal('a backup is already running');
    starting = true;
    try {
      const startedAt = deps.clock.now();
      if (!key) return await refuse(input, 'no-passphrase');
      const dir = folder();
      try {
        if (dir === defaultFolder) await mkdir(dir, { recursive: true });
        await writableFolder(dir);
      } catch {
        return await refuse(input, 'folder-unavailable');
      }
      const fileName = await freeBackupName(dir, startedAt, timeZone);
      const session = sessions.begin({
        ...input,
        key,
        folder: dir,
        fileName,
        startedAt: new Date(startedAt).toISOString(),
      });
      return { session };
    } finally {
      starting = false;
    }
  };

  const handlers: BackupHandlers = {
    status,

    async setPassphrase(passphrase) {
      if (passphraseProblem(passphrase))
        throw new BackupRefusal(
          `the backup passphrase needs ${MIN_PASSPHRASE_LENGTH} to 200 characters`,
        );
      // The renderer checks too, but the main process trusts no input that reaches it.
      const guessable = await assessPassphrase(passphrase);
      if (guessable)
        throw new BackupRefusal(`the backup passphrase is too easy to guess (${guessable})`);
      const derived = await deriveBackupKey(passphrase, {
        iterations: deps.iterations ?? DEFAULT_ITERATIONS,
      });
      await keyStore.save(derived);
      key = derived;
      log(`backup passphrase set (${keyStore.storage()})`);
      return status();
    },

    async saveSettings(settings) {
      // IPC validated it already; a handler called any other way is held to the same minimum.
      const parsed = backupSettingsSchema.safeParse(settings);
      if (!parsed.success)
        throw new BackupRefusal(
          `backup settings refused: keep at least ${MIN_ROTATION.daily} daily, ${MIN_ROTATION.weekly} weekly and ${MIN_ROTATION.monthly} monthly copies, at a time written HH:mm`,
        );
      state.settings = parsed.data;
      await stateFile.save(state);
      scheduler.rearm();
      return status();
    },

    async chooseFolder() {
      const answer = await deps.chooseFolder({
        title: '备份文件夹 / Backup folder',
        properties: ['openDirectory', 'createDirectory'],
      });
      const chosen = answer.filePaths[0];
      if (answer.canceled || !chosen) return status();
      try {
        await writableFolder(chosen);
      } catch {
        throw new BackupRefusal('ClinicDesk cannot write to that folder: choose another');
      }
      state.folder = chosen === defaultFolder ? undefined : chosen;
      await stateFile.save(state);
      await removePartialBackups(chosen).catch(() => undefined);
      return status();
    },

    begin,
    write: ({ session, bytes }) => sessions.write(session, bytes),
    finish: async ({ session, tables }) => publicRecord(await sessions.finish(session, tables)),
    abort: ({ session }) => sessions.abort(session),

    async exportTo({ id }) {
      const entry = state.history.find((r) => r.id === id && r.state === 'verified');
      if (!entry) throw new ExportFailure('there is no verified backup with this id');
      const source = join(entry.folder ?? folder(), entry.fileName);
      try {
        await access(source, constants.R_OK);
      } catch {
        throw new ExportFailure(
          'this backup is no longer in its folder: rotation removed it, or its drive is away',
        );
      }
      const answer = await deps.chooseFolder({
        title: '导出备份到 / Export the backup to',
        properties: ['openDirectory', 'createDirectory'],
      });
      const targetDir = answer.filePaths[0];
      if (answer.canceled || !targetDir) return 'cancelled';
      try {
        await copyVerified({ source, targetDir, fileName: entry.fileName, key, primitives });
      } catch (error) {
        throw exportFailure(error);
      }
      log('backup exported and verified');
      return 'exported';
    },
  };

  return { handlers, scheduler };
};

const exportFailure = (error: unknown): ExportFailure => {
  if (error instanceof ExportFailure) return error;
  if (error instanceof BackupError)
    return new ExportFailure(
      'the backup or its copy did not read back as written: try another drive, or export another backup',
    );
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new ExportFailure('the chosen drive is full: free some space or choose another drive');
  return new ExportFailure('the backup could not be copied to the chosen folder');
};

export type DesktopBackupHost = Awaited<ReturnType<typeof createDesktopBackupHost>>;
