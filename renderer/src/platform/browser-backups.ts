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
export const browserCanChooseFolder = (): boolean =>
  typeof (globalThis as PickerWindow).showDirectoryPicker === 'function';

/** Browser mode's backup host, made on first use (it opens its own small IndexedDB). */
export const browserBackups = (): BackupHost =>
  (host ??= createBrowserBackupHost({
    db: new BackupHostDb(),
    clock: systemClock,
    primitives: webPrimitives,
    appVersion: __APP_VERSION__,
    download: downloadFile,
    ...(browserCanChooseFolder()
      ? {
          pickFolder: () =>
            (globalThis as PickerWindow).showDirectoryPicker!({
              id: 'clinicdesk-backups',
              mode: 'readwrite',
            }),
        }
      : {}),
  }));
