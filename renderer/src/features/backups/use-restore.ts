import { useCallback, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { newId } from '../../../../shared/ids';
import { useServices } from '../../app/services';
import { restoredStoreName, switchActiveStore } from '../../db/active-store';
import { ClinicDb } from '../../db/database';
import { dropStore } from '../../db/store-export';
import { backupHost } from '../../platform/backup-host';
import { backUp, useBackupState } from './backup-state';
import {
  backupFailureSentence,
  newestRecord,
  recordFailureSentence,
  restoreProblemSentence,
} from './backup-words';
import { readBackupIntoNewStore, type RestorePreview } from './restore';

export type RestoreStage =
  | { stage: 'choose' }
  | { stage: 'reading'; done: number; total: number }
  | { stage: 'preview'; preview: RestorePreview }
  | { stage: 'safety'; preview: RestorePreview }
  | { stage: 'switching'; preview: RestorePreview };

/**
 * Restore, step by step (PRODUCT.md §5.3): read the whole file into a new store → preview →
 * safety backup of the current data → point the app at the new store → reload. The store in
 * use is never written; it stays on the PC as the fallback.
 */
export const useRestore = (reload: () => void = () => window.location.reload()) => {
  const { db } = useServices();
  const [stage, setStage] = useState<RestoreStage>({ stage: 'choose' });
  const [problem, setProblem] = useState<(t: TFunction) => string>();
  const target = useRef<ClinicDb | undefined>(undefined);

  const check = async (file: File, passphrase: string) => {
    setProblem(undefined);
    setStage({ stage: 'reading', done: 0, total: file.size });
    target.current = new ClinicDb(restoredStoreName(newId()));
    try {
      const preview = await readBackupIntoNewStore({
        file,
        passphrase,
        target: target.current,
        onProgress: (done) => setStage({ stage: 'reading', done, total: file.size }),
      });
      setStage({ stage: 'preview', preview });
    } catch (error) {
      target.current = undefined;
      setProblem(() => (t: TFunction) => restoreProblemSentence(t, error));
      setStage({ stage: 'choose' });
    }
  };

  const confirm = async (preview: RestorePreview) => {
    setProblem(undefined);
    setStage({ stage: 'safety', preview });
    let reason: ((t: TFunction) => string) | undefined;
    try {
      const record = await backUp(db, backupHost(), 'before-restore');
      if (!record) reason = (t) => t('backups.failures.busy');
      else if (record.state === 'failed') reason = (t) => recordFailureSentence(t, record.failure);
    } catch (error) {
      const newest = newestRecord(useBackupState.getState().status);
      reason = (t) => backupFailureSentence(t, error, newest);
    }
    if (reason) {
      const why = reason;
      setProblem(() => (t: TFunction) => t('backups.restore.safetyFailed', { reason: why(t) }));
      setStage({ stage: 'preview', preview });
      return;
    }
    setStage({ stage: 'switching', preview });
    target.current?.close();
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
