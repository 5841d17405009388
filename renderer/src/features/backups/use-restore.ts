import { useCallback, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { newId } from '../../../../shared/ids';
import { useServices } from '../../app/services';
import { restoredStoreName, switchActiveStore } from '../../db/active-store';
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
  readBackupIntoNewStore,
  safetyBackupNeeded,
  type RestorePreview,
} from './restore';

export type RestoreStage =
  | { stage: 'choose' }
  | { stage: 'reading'; done: number; total: number }
  /** `safety`: whether confirming backs up the current data first (restore.ts decides). */
  | { stage: 'preview'; preview: RestorePreview; safety: boolean }
  | { stage: 'safety'; preview: RestorePreview }
  | { stage: 'switching'; preview: RestorePreview };

/**
 * Restore, step by step (PRODUCT.md §5.3): read the whole file into a new store → preview →
 * safety backup of the current data (none when there are none) → the restore's audit event
 * into the new store → point the app at it → reload. The store in use is only ever read (and
 * given the safety backup's audit event); it stays on the PC as the fallback.
 */
export const useRestore = (actor: Actor, reload: () => void = () => window.location.reload()) => {
  const services = useServices();
  const { db } = services;
  const [stage, setStage] = useState<RestoreStage>({ stage: 'choose' });
  const [problem, setProblem] = useState<(t: TFunction) => string>();
  const target = useRef<ClinicDb | undefined>(undefined);
  const fileName = useRef('');

  const check = async (file: File, passphrase: string) => {
    setProblem(undefined);
    setStage({ stage: 'reading', done: 0, total: file.size });
    target.current = new ClinicDb(restoredStoreName(newId()));
    fileName.current = file.name;
    try {
      const preview = await readBackupIntoNewStore({
        file,
        passphrase,
        target: target.current,
        onProgress: (done) => setStage({ stage: 'reading', done, total: file.size }),
      });
      // Asked to be sure, on a failure to tell: the preview then promises a safety backup.
      const safety = await safetyBackupNeeded(db).catch(() => true);
      setStage({ stage: 'preview', preview, safety });
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
    setProblem(undefined);
    // Decided again now, whatever the preview said: never skipped once there are data.
    const safety = await safetyBackupNeeded(db);
    if (safety) {
      setStage({ stage: 'safety', preview });
      const reason = await backUpCurrent();
      if (reason) {
        setProblem(
          () => (t: TFunction) => t('backups.restore.safetyFailed', { reason: reason(t) }),
        );
        setStage({ stage: 'preview', preview, safety });
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
      });
    } catch (error) {
      setProblem(() => (t: TFunction) => restoreProblemSentence(t, error));
      setStage({ stage: 'preview', preview, safety });
      return;
    }
    restored.close();
    target.current = undefined; // from here on it is the store in use, never dropped
    switchActiveStore(localStorage, preview.storeName);
    reload();
  };

  /** Closing before confirming: the restored copy is not wanted. */
  const discard = useCallback(() => {
    if (target.current) void dropStore(target.current).catch(() => undefined);
    target.current = undefined;
    setStage({ stage: 'choose' });
    setProblem(undefined);
  }, []);

  return { stage, problem, check, confirm, discard };
};
