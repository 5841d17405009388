import { useCallback, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { newId } from '../../../../shared/ids';
import { useServices } from '../../app/services';
import { restoredStoreName, switchActiveStore } from '../../db/active-store';
import { confirmForeignRestore, type GuardedChange } from '../../db/backup-settings';
import { ClinicDb } from '../../db/database';
import { dropStore } from '../../db/store-export';
import type { Actor } from '../../db/write';
import { backupHost } from '../../platform/backup-host';
import { backUp, useBackupState } from './backup-state';
import {
  backupFailureSentence,
  newestRecord,
  recordFailureSentence,
  restoreProblemSentence,
} from './backup-words';
import {
  adoptRestoredStore,
  madeWithAnotherKey,
  readBackupIntoNewStore,
  safetyBackupNeeded,
  type RestorePreview,
  type RestoreProgress,
} from './restore';

export type RestoreStage =
  | { stage: 'choose' }
  /**
   * `done` of `total` file bytes have their rows in the new store (`rows` of them); `phase`
   * 'checking': all are in, and the counts and the evidence are being checked.
   */
  | { stage: 'reading'; phase: RestoreProgress['phase']; done: number; total: number; rows: number }
  /**
   * `safety`: whether confirming backs up the current data first (restore.ts decides);
   * `foreignKey`: the file was not sealed with this clinic's key, and the owner's password is
   * asked before confirming.
   */
  | { stage: 'preview'; preview: RestorePreview; safety: boolean; foreignKey: boolean }
  | { stage: 'safety'; preview: RestorePreview }
  | { stage: 'switching'; preview: RestorePreview };

/**
 * Whether the file was sealed with another key than the one this clinic backs up with. On a new
 * PC, restoring from the first-run wizard, no clinic is set up: no passphrase either, so no key
 * to compare with, nothing a foreign file could take over and no owner to ask; no warning then
 * (`safety` false: the store is empty). A host that cannot tell is taken as a mismatch.
 */
const fileKeyIsForeign = async (preview: RestorePreview, safety: boolean): Promise<boolean> => {
  if (!safety) return false;
  try {
    return madeWithAnotherKey(preview.keyId, (await backupHost().status()).keyId);
  } catch {
    return true;
  }
};

/**
 * Restore, step by step (PRODUCT.md §5.3): read the whole file into a new store → preview →
 * safety backup of the current data (none when there are none) → the restore's audit event
 * into the new store → point the app at it → reload. The store in use is only ever read (and
 * given the safety backup's audit event); it stays on the PC as the fallback, the one before it
 * is deleted (db/old-stores.ts).
 */
export const useRestore = (actor: Actor, reload: () => void = () => window.location.reload()) => {
  const services = useServices();
  const { db } = services;
  const [stage, setStage] = useState<RestoreStage>({ stage: 'choose' });
  const [problem, setProblem] = useState<(t: TFunction) => string>();
  const target = useRef<ClinicDb | undefined>(undefined);
  const fileName = useRef('');
  /** Whether the previewed file needs the owner's password, and whether it was given. */
  const guard = useRef({ foreignKey: false, approved: false });

  const check = async (file: File, passphrase: string) => {
    setProblem(undefined);
    setStage({ stage: 'reading', phase: 'reading', done: 0, total: file.size, rows: 0 });
    target.current = new ClinicDb(restoredStoreName(newId()));
    fileName.current = file.name;
    try {
      const preview = await readBackupIntoNewStore({
        file,
        passphrase,
        target: target.current,
        onProgress: (progress) =>
          setStage({
            stage: 'reading',
            phase: progress.phase,
            done: progress.phase === 'reading' ? progress.fileBytes : file.size,
            total: file.size,
            rows: progress.rows,
          }),
      });
      // Asked to be sure, on a failure to tell: the preview then promises a safety backup.
      const safety = await safetyBackupNeeded(db).catch(() => true);
      const foreignKey = await fileKeyIsForeign(preview, safety);
      guard.current = { foreignKey, approved: false };
      setStage({ stage: 'preview', preview, safety, foreignKey });
    } catch (error) {
      target.current = undefined;
      setProblem(() => (t: TFunction) => restoreProblemSentence(t, error));
      setStage({ stage: 'choose' });
    }
  };

  const backUpCurrent = async (): Promise<((t: TFunction) => string) | undefined> => {
    try {
      const record = await backUp(services, backupHost(), 'before-restore', actor);
      if (!record) return (t) => t('backups.failures.busy');
      if (record.state === 'failed') return (t) => recordFailureSentence(t, record.failure);
    } catch (error) {
      const newest = newestRecord(useBackupState.getState().status);
      return (t) => backupFailureSentence(t, error, newest);
    }
    return undefined;
  };

  const confirm = async (preview: RestorePreview) => {
    // The button asks for the password first; this holds whatever calls it.
    if (guard.current.foreignKey && !guard.current.approved) return;
    setProblem(undefined);
    // Decided again now, whatever the preview said: never skipped once there are data.
    const safety = await safetyBackupNeeded(db);
    const { foreignKey } = guard.current;
    if (safety) {
      setStage({ stage: 'safety', preview });
      const reason = await backUpCurrent();
      if (reason) {
        setProblem(
          () => (t: TFunction) => t('backups.restore.safetyFailed', { reason: reason(t) }),
        );
        setStage({ stage: 'preview', preview, safety, foreignKey });
        return;
      }
    }
    setStage({ stage: 'switching', preview });
    const restored = target.current;
    if (!restored) return setStage({ stage: 'choose' });
    try {
      await adoptRestoredStore({
        target: restored,
        clock: services.clock,
        deviceName: services.appInfo.deviceName,
        actor,
        fileName: fileName.current,
        preview,
        foreignKey,
        oldStores: { storage: localStorage, directory: indexedDB },
        storeInUse: db,
      });
    } catch (error) {
      setProblem(() => (t: TFunction) => restoreProblemSentence(t, error));
      setStage({ stage: 'preview', preview, safety, foreignKey });
      return;
    }
    restored.close();
    target.current = undefined; // from here on it is the store in use, never dropped
    switchActiveStore(
      localStorage,
      preview.storeName,
      new Date(services.clock.now()).toISOString(),
    );
    reload();
  };

  /**
   * The owner's password for a file sealed with another key: checked (a wrong one rejects, and
   * the password dialog says so), then the restore goes on as confirmed.
   */
  const approve = async (change: GuardedChange, preview: RestorePreview) => {
    await confirmForeignRestore(change);
    guard.current = { ...guard.current, approved: true };
    void confirm(preview);
  };

  /** Closing before confirming: the restored copy is not wanted. */
  const discard = useCallback(() => {
    if (target.current) void dropStore(target.current).catch(() => undefined);
    target.current = undefined;
    guard.current = { foreignKey: false, approved: false };
    setStage({ stage: 'choose' });
    setProblem(undefined);
  }, []);

  return { stage, problem, check, confirm, approve, discard };
};
