import type { BackupHost } from '../../../shared/bridge/backup-host';
import { systemClock } from '../../../shared/clock/clock';
import { webPrimitives } from '../../../shared/backup/primitives';
import { BackupHostDb } from './backup-host-db';
import { downloadFile, type BackupFolder } from './backup-output';
import { createBrowserBackupHost } from './browser-backup-host';

type PickerWindow = {
  showDirectoryPicker?: (options: { id: string; mode: 'readwrite' }) => Promise<BackupFolder>;
};

let host: BackupHost | undefined;

/** The browser can keep backups in a folder the owner chooses (File System Access API). */
export const canChooseFolder = (): boolean =>
  typeof (globalThis as PickerWindow).showDirectoryPicker === 'function';

/**
 * Who keeps the backups. Browser mode for now; once the platform bridge carries `backups`
 * (the Electron main process's host), this returns `getBridge().backups`.
 */
export const backupHost = (): BackupHost =>
  (host ??= createBrowserBackupHost({
    db: new BackupHostDb(),
    clock: systemClock,
    primitives: webPrimitives,
    appVersion: __APP_VERSION__,
    download: downloadFile,
    ...(canChooseFolder()
      ? {
          pickFolder: () =>
            (globalThis as PickerWindow).showDirectoryPicker!({
              id: 'clinicdesk-backups',
              mode: 'readwrite',
            }),
        }
      : {}),
  }));

/**
 * Asks the browser not to clear this site's data under storage pressure (the store and the
 * backup key live in IndexedDB). Undefined where the browser cannot say.
 */
export const persistStorage = async (): Promise<boolean | undefined> => {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  if (!storage?.persist) return undefined;
  return (await storage.persisted()) || storage.persist();
};
