import { BackupError, type BackupErrorReason } from '../../../../shared/backup/backup-error';
import { payloadLines } from '../../../../shared/backup/payload';
import { webPrimitives } from '../../../../shared/backup/primitives';
import { readBackup } from '../../../../shared/backup/read-backup';
import { currentSchemaVersion } from '../../../../shared/db/schema';
import type { Clock } from '../../../../shared/clock/clock';
import { recordRestore } from '../../db/backup-audit';
import type { ClinicDb } from '../../db/database';
import { renumberOutbox } from '../../db/outbox';
import { ensureDevice } from '../../db/device';
import { backupTables, dropStore, importLines, RestoreError } from '../../db/store-export';
import type { Actor } from '../../db/write';

/** Why a file cannot be restored; the screen turns each into a sentence that says what to do. */
export type RestoreProblem = BackupErrorReason | 'newer-schema' | 'counts-differ' | 'import-failed';

export class RestoreFailure extends Error {
  constructor(
    readonly problem: RestoreProblem,
    /** About where in the file the damage starts. */
    readonly offset?: number,
  ) {
    super(`restore: ${problem}`);
    this.name = 'RestoreFailure';
  }
}

export type RestorePreview = {
  storeName: string;
  clinicName: string;
  createdAt: string;
  appVersion: string;
  /** Rows per table, as the backup's manifest says (tables with rows only). */
  tables: Record<string, number>;
};

const withRows = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));

const sameCounts = (a: Record<string, number>, b: Record<string, number>) => {
  const [x, y] = [withRows(a), withRows(b)];
  return (
    Object.keys(x).length === Object.keys(y).length && Object.keys(x).every((t) => x[t] === y[t])
  );
};

/**
 * Reads a backup file whole, into a new, empty store (never the one in use): every block is
 * decrypted and authenticated, the content compared with its manifest, and the rows imported
 * counted against it. Anything wrong drops the new store and rejects with a RestoreFailure;
 * the store in use is never touched here.
 */
export const readBackupIntoNewStore = async (input: {
  file: Blob;
  passphrase: string;
  target: ClinicDb;
  onProgress?: (fileBytes: number) => void;
}): Promise<RestorePreview> => {
  const { target } = input;
  const restore = importLines(target);
  const split = payloadLines();
  const piping = split.readable.pipeTo(restore.sink);
  piping.catch(() => undefined);
  const writer = split.writable.getWriter();
  // The import's failure is kept, not thrown into the reader: the file is still read to its end,
  // so a newer schema (which the manifest, at the end, tells) is reported as such.
  let importFailed: unknown;
  try {
    const { header, manifest } = await readBackup({
      source: input.file.stream() as ReadableStream<Uint8Array>,
      primitives: webPrimitives,
      passphrase: input.passphrase,
      onPayload: async (bytes) => {
        if (importFailed === undefined) await writer.write(bytes).catch((e) => (importFailed = e));
      },
      ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    });
    if (manifest.schemaVersion > currentSchemaVersion) throw new RestoreFailure('newer-schema');
    if (importFailed === undefined)
      await writer
        .close()
        .then(() => piping)
        .catch((e) => (importFailed = e));
    if (importFailed !== undefined)
      throw new RestoreFailure(
        importFailed instanceof RestoreError ? 'newer-schema' : 'import-failed',
      );
    if (!sameCounts(manifest.tables, restore.counts)) throw new RestoreFailure('counts-differ');
    return {
      storeName: target.name,
      clinicName: manifest.clinicName,
      createdAt: header.createdAt,
      appVersion: manifest.appVersion,
      tables: withRows(manifest.tables),
    };
  } catch (error) {
    await writer.abort(error).catch(() => undefined);
    await dropStore(target).catch(() => undefined);
    if (error instanceof RestoreFailure) throw error;
    if (error instanceof BackupError) throw new RestoreFailure(error.reason, error.offset);
    throw new RestoreFailure('import-failed');
  }
};

/**
 * A restore first backs up the data it replaces (PRODUCT.md §5.2), unless there are none: on a
 * new PC, restoring from the first-run wizard, the store is empty, there is nothing to lose and
 * no backup passphrase yet to make a safety backup with. One row in any table a backup carries
 * is data (an account, a patient, an audit event): then the safety backup is made, or the
 * restore does not happen.
 */
export const safetyBackupNeeded = async (db: ClinicDb): Promise<boolean> => {
  for (const table of backupTables)
    if ((await db.table(table).limit(1).primaryKeys()).length > 0) return true;
  return false;
};

/**
 * Makes the restored store this PC's own, before the app switches to it: this PC joins as a
 * new device (its identity is not in the backup), and the first event of its audit chain says
 * who restored which file. Start-up then finds the same device (db/device.ts) and carries on.
 */
export const adoptRestoredStore = async (input: {
  target: ClinicDb;
  clock: Clock;
  deviceName: string;
  actor: Actor;
  fileName: string;
  preview: RestorePreview;
}): Promise<void> => {
  const { target, clock } = input;
  const device = await ensureDevice(target, clock, input.deviceName);
  // Changes the old PC never pushed go out under this device's own numbers, never the dead one's.
  await target.transaction('rw', target.outbox, target.deviceState, () =>
    renumberOutbox(target.outbox, target.deviceState),
  );
  await recordRestore({ db: target, deviceId: device.deviceId, clock }, input.actor, {
    fileName: input.fileName,
    clinicName: input.preview.clinicName,
    createdAt: input.preview.createdAt,
  });
};
