import { deriveBackupKey, keyIdOf, type SealingKey } from '../../../shared/backup/backup-key';
import { assessPassphrase } from '../../../shared/backup/passphrase';
import type { BackupPrimitives } from '../../../shared/backup/primitives';
import { readBackup } from '../../../shared/backup/read-backup';
import { writeBackup } from '../../../shared/backup/write-backup';
import {
  backupBeginSchema,
  backupSettingsSchema,
  passphraseInputSchema,
  type BackupFailure,
  type BackupHost,
  type BackupRecord,
  type BackupStatus,
} from '../../../shared/bridge/backup-host';
import type { Clock } from '../../../shared/clock/clock';
import { newId } from '../../../shared/ids';
import {
  downloadOutput,
  folderOutput,
  folderWritable,
  type BackupFolder,
  type BackupOutput,
} from './backup-output';
import type { BackupHostDb, HostRecord } from './backup-host-db';
import {
  backupFileName,
  failureOf,
  lastGoodAt,
  publicRecord,
  rotateFolder,
} from './backup-host-rules';
import { dueTimer } from './backup-due-timer';

export type BrowserBackupHostDeps = {
  db: BackupHostDb;
  clock: Clock;
  primitives: BackupPrimitives;
  appVersion: string;
  /** The File System Access API's folder picker, where the browser has one. */
  pickFolder?: () => Promise<BackupFolder>;
  download: (file: Blob, name: string) => void;
  /** PBKDF2 rounds for a new passphrase; tests use fewer. */
  iterations?: number;
};

/** A failed start or write, already in the history; the message is for developers. */
export class BrowserBackupError extends Error {
  constructor(readonly failure: BackupFailure | 'busy' | 'not-available') {
    super(`backup: ${failure}`);
    this.name = 'BrowserBackupError';
  }
}

type Session = {
  record: Pick<BackupRecord, 'id' | 'fileName' | 'trigger' | 'startedAt'>;
  key: SealingKey;
  output: BackupOutput;
  inFolder: boolean;
  writer: WritableStreamDefaultWriter<Uint8Array>;
  writing: Promise<unknown>;
  tables: Record<string, number>;
};

/** Browser mode's backups (the other host is Electron's main process); see shared/bridge/backup-host.ts. */
export const createBrowserBackupHost = (deps: BrowserBackupHostDeps) => {
  const { db, clock } = deps;
  const sessions = new Map<string, Session>();
  /** Files this page downloaded, so "Export…" can save them again while the page is open. */
  const downloaded = new Map<string, Blob>();
  const iso = () => new Date(clock.now()).toISOString();

  const status = async (): Promise<BackupStatus> => {
    const [key, folder, settings, records] = await Promise.all([
      db.key(),
      db.folder(),
      db.settings(),
      db.records(),
    ]);
    return {
      passphraseSet: key !== undefined,
      ...(key ? { keyId: keyIdOf(key) } : {}),
      ...(folder ? { folder: folder.name } : {}),
      settings,
      history: records.map(publicRecord),
    };
  };

  const record = async (done: HostRecord): Promise<BackupRecord> => {
    await db.addRecord(done);
    timer.recheck();
    return publicRecord(done);
  };

  const failed = (session: Session['record'], failure: BackupFailure) =>
    record({ ...session, finishedAt: iso(), state: 'failed', failure, inFolder: false });

  const timer = dueTimer({
    clock,
    // Without a folder a backup is a download, which the owner starts: no unattended ones.
    canRun: async () => (await db.key()) !== undefined && (await db.folder()) !== undefined,
    state: async () => ({
      lastGoodAt: lastGoodAt(await db.records()),
      dailyTime: (await db.settings()).dailyTime,
    }),
  });

  const host = {
    status,
    setPassphrase: async (passphrase: string) => {
      passphraseInputSchema.parse(passphrase);
      const problem = await assessPassphrase(passphrase);
      if (problem) throw new RangeError(`passphrase refused: ${problem}`);
      // deriveBackupKey imports the AES key non-extractable; its raw bits are dropped here.
      const { raw: _raw, ...key } = await deriveBackupKey(passphrase, {
        ...(deps.iterations ? { iterations: deps.iterations } : {}),
      });
      await db.kept.put({ key: 'key', value: key });
      timer.recheck();
      return status();
    },
    saveSettings: async (settings) => {
      await db.kept.put({ key: 'settings', value: backupSettingsSchema.parse(settings) });
      timer.recheck();
      return status();
    },
    chooseFolder: async () => {
      if (!deps.pickFolder) return status();
      try {
        await db.setFolder(await deps.pickFolder());
      } catch (error) {
        if ((error as DOMException).name !== 'AbortError') throw error;
      }
      timer.recheck();
      return status();
    },
    begin: async (input) => {
      const { trigger, clinicName, schemaVersion, checkpoints } = backupBeginSchema.parse(input);
      const now = clock.now();
      const started = {
        id: newId(),
        fileName: backupFileName(now, trigger),
        trigger,
        startedAt: new Date(now).toISOString(),
      };
      if (sessions.size > 0) throw new BrowserBackupError('busy');
      const key = await db.key();
      if (!key) {
        await failed(started, 'no-passphrase');
        throw new BrowserBackupError('no-passphrase');
      }
      const folder = await db.folder();
      let output: BackupOutput;
      try {
        if (folder && !(await folderWritable(folder)))
          throw new DOMException('', 'NotAllowedError');
        output = folder
          ? await folderOutput(folder, started.fileName)
          : downloadOutput(started.fileName, deps.download);
      } catch {
        await failed(started, 'folder-unavailable');
        throw new BrowserBackupError('folder-unavailable');
      }
      const pipe = new TransformStream<Uint8Array, Uint8Array>();
      const session: Session = {
        record: started,
        key,
        output,
        inFolder: folder !== undefined,
        writer: pipe.writable.getWriter(),
        tables: {},
        writing: Promise.resolve(),
      };
      session.writing = writeBackup({
        key,
        primitives: deps.primitives,
        appVersion: deps.appVersion,
        createdAt: started.startedAt,
        describe: () => ({
          schemaVersion,
          clinicName,
          tables: session.tables,
          ...(checkpoints ? { checkpoints } : {}),
        }),
        payload: pipe.readable,
        write: (bytes) => output.write(bytes),
      });
      // A writer that stopped (disk full) must not leave the renderer waiting on write().
      session.writing.catch((error) => session.writer.abort(error).catch(() => undefined));
      sessions.set(started.id, session);
      return { session: started.id };
    },
    write: async (id, bytes) => {
      const session = sessions.get(id);
      if (!session) throw new BrowserBackupError('interrupted');
      await session.writer.write(bytes);
    },
    finish: async (id, tables) => {
      const session = sessions.get(id);
      if (!session) throw new BrowserBackupError('interrupted');
      session.tables = tables;
      let stage: 'write' | 'verify' = 'write';
      try {
        await session.writer.close();
        const written = (await session.writing) as { bytes: number };
        await session.output.close();
        stage = 'verify';
        await readBackup({
          source: await session.output.readBack(),
          primitives: deps.primitives,
          key: session.key,
        });
        const file = await session.output.commit();
        if (file) downloaded.set(session.record.id, file);
        const done = await record({
          ...session.record,
          finishedAt: iso(),
          state: 'verified',
          bytes: written.bytes,
          tables,
          inFolder: session.inFolder,
          keyId: keyIdOf(session.key),
        });
        const folder = await db.folder();
        if (session.inFolder && folder) await rotateFolder(db, folder).catch(() => undefined);
        return done;
      } catch (error) {
        await session.output.discard();
        return failed(session.record, failureOf(error, stage));
      } finally {
        sessions.delete(id);
      }
    },
    abort: async (id) => {
      const session = sessions.get(id);
      if (!session) return;
      sessions.delete(id);
      await session.writer.abort(new Error('aborted')).catch(() => undefined);
      await session.writing.catch(() => undefined);
      await session.output.discard();
      await failed(session.record, 'interrupted');
    },
    exportTo: async (id) => {
      const kept = await db.history.get(id);
      if (!kept || kept.state !== 'verified' || kept.rotatedOut)
        throw new BrowserBackupError('not-available');
      const folder = kept.inFolder ? await db.folder() : undefined;
      const file = folder
        ? await folder
            .getFileHandle(kept.fileName)
            .then((handle) => handle.getFile())
            .catch(() => undefined)
        : downloaded.get(id);
      if (!file) throw new BrowserBackupError('not-available');
      deps.download(file, kept.fileName);
      return 'exported';
    },
    onDue: (listener) => timer.subscribe(listener),
  } satisfies BackupHost;
  return host;
};
