import type { Checkpoint } from '../../../../shared/audit/checkpoint';
import { BackupError, type BackupErrorReason } from '../../../../shared/backup/backup-error';
import { checkEvidence, type EvidenceReport } from '../../../../shared/backup/evidence';
import {
  BadLineError,
  PAYLOAD_LIMITS,
  payloadLineBatches,
  type BadLineReason,
  type NumberedLine,
  type PayloadLimits,
} from '../../../../shared/backup/payload';
import { webPrimitives } from '../../../../shared/backup/primitives';
import { readBackup } from '../../../../shared/backup/read-backup';
import { checkedRows } from '../../../../shared/backup/row-schemas';
import { currentSchemaVersion } from '../../../../shared/db/schema';
import type { Clock } from '../../../../shared/clock/clock';
import { erasedAuditEvents } from '../../db/audit';
import { recordRestore } from '../../db/backup-audit';
import type { ClinicDb } from '../../db/database';
import { renumberOutbox } from '../../db/outbox';
import { ensureDevice } from '../../db/device';
import { makeRoomForOldStore, type OldStoreAccess } from '../../db/old-stores';
import { backupTables, dropStore, importLines, RestoreError } from '../../db/store-export';
import type { Actor } from '../../db/write';
import { honourErasures } from '../../sync/erasure';

/** Why a file cannot be restored; the screen turns each into a sentence that says what to do. */
export type RestoreProblem =
  BackupErrorReason | BadLineReason | 'newer-schema' | 'counts-differ' | 'import-failed';

/** Where in the content a bad line is: its number, its table, and what is wrong with its row. */
export type BadLineDetail = Pick<BadLineError, 'line' | 'table' | 'issue'>;

export class RestoreFailure extends Error {
  constructor(
    readonly problem: RestoreProblem,
    /** About where in the file the damage starts. */
    readonly offset?: number,
    readonly bad?: BadLineDetail,
  ) {
    super(`restore: ${problem}`);
    this.name = 'RestoreFailure';
  }
}

const importFailure = (error: unknown): RestoreFailure => {
  if (error instanceof BadLineError)
    return new RestoreFailure(error.reason, undefined, {
      line: error.line,
      table: error.table,
      issue: error.issue,
    });
  return new RestoreFailure(error instanceof RestoreError ? 'newer-schema' : 'import-failed');
};

export type RestorePreview = {
  storeName: string;
  clinicName: string;
  createdAt: string;
  appVersion: string;
  /** Rows per table, as the backup's manifest says (tables with rows only). */
  tables: Record<string, number>;
  /** The key the file was sealed with (its header's key check), to compare with this clinic's. */
  keyId: string;
  /** Its audit chains and signed notices, checked before anything is replaced. */
  evidence: EvidenceReport;
};

const withRows = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));

const sameCounts = (a: Record<string, number>, b: Record<string, number>) => {
  const [x, y] = [withRows(a), withRows(b)];
  return (
    Object.keys(x).length === Object.keys(y).length && Object.keys(x).every((t) => x[t] === y[t])
  );
};

/** How far a restore has come, for the dialog's bar and words. */
export type RestoreProgress =
  /**
   * Rows in the new store so far, and how far into the file they reach (`fileBytes`): the bar
   * follows the rows written, not the reading ahead of them, and is full only once all are in.
   */
  | { phase: 'reading'; fileBytes: number; rows: number }
  /** Every row is in: the counts, the audit chains and the signed notices are being checked. */
  | { phase: 'checking'; rows: number };

/** The restored store's audit chains and notices, read back once every row is in. */
const evidenceOf = async (
  target: ClinicDb,
  checkpoints: readonly Checkpoint[] | undefined,
): Promise<EvidenceReport> =>
  checkEvidence(
    await target.auditEvents.toArray(),
    (visit) => target.consents.each(visit),
    checkpoints,
    await erasedAuditEvents(target),
  );

/**
 * Reads a backup file whole, into a new, empty store (never the one in use): every block is
 * decrypted and authenticated, every line bounded and every row checked against its table's
 * schema, the content compared with its manifest, and the rows imported counted against it.
 * Anything wrong drops the new store and rejects with a RestoreFailure (a bad row: its line,
 * table and field); the store in use is never touched here. A file that passes is previewed with
 * its key and the state of its audit chains and signed notices.
 */
export const readBackupIntoNewStore = async (input: {
  file: Blob;
  passphrase: string;
  target: ClinicDb;
  onProgress?: (progress: RestoreProgress) => void;
  /** Tests lower them; the app uses PAYLOAD_LIMITS. */
  limits?: PayloadLimits;
  /** Rows per transaction; tests lower it to see several. */
  batchRows?: number;
}): Promise<RestorePreview> => {
  const { target, onProgress } = input;
  // A piece of content comes out of the block read last or of one before it: it is counted as
  // reaching only where that block began. A committed batch of rows reaches as far as the piece
  // its last line ended in: the bar never runs ahead of the rows in the store.
  const pieces: { payloadEnd: number; fileBytes: number }[] = [];
  let fileBytes = 0;
  let blockStart = 0;
  let payloadBytes = 0;
  const committed = (rows: number, last: NumberedLine) => {
    while (pieces.length > 0 && pieces[0]!.payloadEnd < last.end) pieces.shift();
    onProgress?.({ phase: 'reading', fileBytes: pieces[0]?.fileBytes ?? blockStart, rows });
  };
  const restore = importLines<NumberedLine>(target, committed, input.batchRows);
  const split = payloadLineBatches(input.limits ?? PAYLOAD_LIMITS);
  // The pipe's own failure is the one to report: a writer closed on a failed stream is refused
  // with a TypeError that says nothing of the bad line (as Chromium does).
  let pipeFailed: unknown;
  const piping = split.readable
    .pipeThrough(checkedRows())
    .pipeTo(restore.sink)
    .catch((error: unknown) => {
      pipeFailed = error;
      throw error;
    });
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
        payloadBytes += bytes.length;
        pieces.push({ payloadEnd: payloadBytes, fileBytes: blockStart });
        if (importFailed === undefined) await writer.write(bytes).catch((e) => (importFailed = e));
      },
      onProgress: (read) => {
        blockStart = fileBytes;
        fileBytes = read;
      },
    });
    if (manifest.schemaVersion > currentSchemaVersion) throw new RestoreFailure('newer-schema');
    if (importFailed === undefined)
      await writer
        .close()
        .then(() => piping)
        .catch((e) => (importFailed = e));
    if (importFailed !== undefined) {
      await piping.catch(() => undefined);
      throw importFailure(pipeFailed ?? importFailed);
    }
    // Every row is in: the bar is full, and says what the last seconds are spent on.
    const rows = Object.values(restore.counts).reduce((sum, n) => sum + n, 0);
    onProgress?.({ phase: 'reading', fileBytes, rows });
    onProgress?.({ phase: 'checking', rows });
    if (!sameCounts(manifest.tables, restore.counts)) throw new RestoreFailure('counts-differ');
    return {
      storeName: target.name,
      clinicName: manifest.clinicName,
      createdAt: header.createdAt,
      appVersion: manifest.appVersion,
      tables: withRows(manifest.tables),
      keyId: header.keyCheck,
      evidence: await evidenceOf(target, manifest.checkpoints),
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
 * Whether a file was sealed with another key than this clinic's (its key id, from the backup
 * host). No configured key (a new PC, or no passphrase set yet): nothing to compare, no warning.
 */
export const madeWithAnotherKey = (fileKeyId: string, clinicKeyId: string | undefined): boolean =>
  clinicKeyId !== undefined && clinicKeyId !== fileKeyId;

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
 * The store in use is about to become an old one: older ones beyond the one kept are deleted,
 * and the restored store's log says so (db/old-stores.ts).
 */
export const adoptRestoredStore = async (input: {
  target: ClinicDb;
  clock: Clock;
  deviceName: string;
  actor: Actor;
  fileName: string;
  preview: RestorePreview;
  /** The file was sealed with another key, and the owner confirmed with their password. */
  foreignKey?: boolean;
  oldStores: OldStoreAccess;
  /**
   * The store in use: the retention disposals it holds go on holding in the restored one, which
   * may have been backed up before them (their rows must not come back).
   */
  storeInUse?: ClinicDb;
}): Promise<void> => {
  const { target, clock } = input;
  await honourErasures(target, (await input.storeInUse?.erasures.toArray()) ?? []);
  const device = await ensureDevice(target, clock, input.deviceName);
  // Changes the old PC never pushed go out under this device's own numbers, never the dead one's.
  await target.transaction('rw', target.outbox, target.deviceState, () =>
    renumberOutbox(target.outbox, target.deviceState),
  );
  const ctx = { db: target, deviceId: device.deviceId, clock };
  await recordRestore(ctx, input.actor, {
    fileName: input.fileName,
    clinicName: input.preview.clinicName,
    createdAt: input.preview.createdAt,
    foreignKey: input.foreignKey ?? false,
  });
  await makeRoomForOldStore(ctx, input.actor, input.oldStores);
};
