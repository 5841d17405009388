import { join } from 'node:path';
import type { writeBackupFile } from '../../../server/backup/backup-file';
import type { Checkpoint } from '../../../shared/audit/checkpoint';
import type { BackupKey } from '../../../shared/backup/backup-key';
import type { BackupPrimitives } from '../../../shared/backup/primitives';
import type { BackupTrigger } from '../../../shared/bridge/backup-host';
import type { Clock } from '../../../shared/clock/clock';
import { BackupHostFailure, BackupRefusal, failureOf } from './backup-failure';
import type { StoredRecord } from './backup-state';
import type { Timers } from './backup-scheduler';
import { createPayloadPipe, type PayloadPipe } from './payload-pipe';

/** What the host has settled before the first byte: the key, the folder and the file's name. */
export type SessionPlan = {
  trigger: BackupTrigger;
  clinicName: string;
  schemaVersion: number;
  /** The audit chains' signed checkpoints the page sent, for the manifest. */
  checkpoints?: Checkpoint[];
  key: BackupKey;
  folder: string;
  fileName: string;
  startedAt: string;
};

export type WritePhase = 'written' | 'verified' | 'renamed';

export type SessionDeps = {
  clock: Clock;
  timers: Timers;
  /** A session with no write for this long is abandoned (the page was closed or hung). */
  idleMs: number;
  appVersion: string;
  primitives: BackupPrimitives;
  newId: () => string;
  writeFile: typeof writeBackupFile;
  /** After each step of the writer; the path is the backup's final one. */
  onPhase?: (phase: WritePhase, path: string) => void;
  /** Records how a session ended (history, rotation, schedule); resolves with what finish returns. */
  settle: (record: StoredRecord) => Promise<StoredRecord>;
};

type Session = {
  plan: SessionPlan;
  pipe: PayloadPipe;
  tables: Record<string, number>;
  closing: boolean;
  writing: boolean;
  idle: unknown;
  outcome: Promise<StoredRecord>;
};

/** Failures remembered for sessions that already ended, so a late write or finish says why. */
const REMEMBERED = 8;

/**
 * One backup at a time, streamed from the page: begin starts the writer on a pipe, each write
 * hands it one piece, finish closes the pipe and waits for the file to be verified and named.
 */
export const createBackupSessions = (deps: SessionDeps) => {
  let current: { id: string; session: Session } | undefined;
  const ended = new Map<string, BackupHostFailure>();

  const remember = (id: string, failure: BackupHostFailure) => {
    ended.set(id, failure);
    for (const old of ended.keys()) if (ended.size > REMEMBERED) ended.delete(old);
  };

  const find = (id: string): Session => {
    if (current?.id === id) return current.session;
    throw ended.get(id) ?? new BackupRefusal('no such backup session');
  };

  const armIdle = (session: Session) => {
    deps.timers.clearTimeout(session.idle);
    if (current?.session !== session || session.closing) return;
    session.idle = deps.timers.setTimeout(() => {
      // A write still waiting means the disk is slow, not that the page went away.
      if (session.writing) armIdle(session);
      else session.pipe.fail(new BackupHostFailure('interrupted'));
    }, deps.idleMs);
  };

  const iso = () => new Date(deps.clock.now()).toISOString();

  const start = (id: string, plan: SessionPlan): Session => {
    const pipe = createPayloadPipe();
    // The parts that change while the backup runs; the writer's callbacks read them late.
    const live = {
      tables: {} as Record<string, number>,
      closing: false,
      writing: false,
      idle: undefined as unknown,
    };
    const path = join(plan.folder, plan.fileName);
    const base = {
      id,
      fileName: plan.fileName,
      trigger: plan.trigger,
      startedAt: plan.startedAt,
      folder: plan.folder,
    };
    const outcome = deps
      .writeFile({
        dir: plan.folder,
        name: plan.fileName,
        key: plan.key,
        primitives: deps.primitives,
        payload: pipe.stream,
        appVersion: deps.appVersion,
        createdAt: plan.startedAt,
        describe: () => ({
          schemaVersion: plan.schemaVersion,
          clinicName: plan.clinicName,
          tables: live.tables,
          ...(plan.checkpoints ? { checkpoints: plan.checkpoints } : {}),
        }),
        onPhase: (phase) => deps.onPhase?.(phase, path),
      })
      .then(
        (written) =>
          deps.settle({
            ...base,
            finishedAt: iso(),
            state: 'verified',
            bytes: written.bytes,
            tables: written.manifest.tables,
          }),
        async (error: unknown) => {
          const failure = new BackupHostFailure(failureOf(error));
          pipe.fail(failure);
          remember(id, failure);
          await deps.settle({
            ...base,
            finishedAt: iso(),
            state: 'failed',
            failure: failure.reason,
          });
          throw failure;
        },
      )
      .finally(() => {
        deps.timers.clearTimeout(live.idle);
        if (current?.id === id) current = undefined;
      });
    outcome.catch(() => undefined);
    return Object.assign(live, { plan, pipe, outcome });
  };

  return {
    running: () => current !== undefined,

    begin(plan: SessionPlan): string {
      if (current) throw new BackupRefusal('a backup is already running');
      const id = deps.newId();
      current = { id, session: start(id, plan) };
      armIdle(current.session);
      return id;
    },

    async write(id: string, bytes: Uint8Array): Promise<void> {
      const session = find(id);
      if (session.closing) throw new BackupRefusal('the backup export was already finished');
      session.writing = true;
      armIdle(session);
      try {
        await session.pipe.write(bytes);
      } catch (error) {
        if (error instanceof BackupRefusal || error instanceof BackupHostFailure) throw error;
        // The writer gave up on the stream (a full disk): say why, as the history will, never
        // with the system's message, which names paths.
        throw await session.outcome.then(
          () => new BackupHostFailure('write-failed'),
          (failure: unknown) => failure,
        );
      } finally {
        session.writing = false;
        armIdle(session);
      }
    },

    async finish(id: string, tables: Record<string, number>): Promise<StoredRecord> {
      const session = find(id);
      if (session.closing) throw new BackupRefusal('the backup is already finishing');
      if (session.writing) throw new BackupRefusal('a backup write is still waiting');
      session.closing = true;
      session.tables = tables;
      deps.timers.clearTimeout(session.idle);
      session.pipe.close();
      return session.outcome;
    },

    /** Stops a running backup; its temporary file is removed and the history says "interrupted". */
    async abort(id: string): Promise<void> {
      if (current?.id !== id) return;
      const { session } = current;
      if (!session.closing) session.pipe.fail(new BackupHostFailure('interrupted'));
      await session.outcome.catch(() => undefined);
    },
  };
};

export type BackupSessions = ReturnType<typeof createBackupSessions>;
