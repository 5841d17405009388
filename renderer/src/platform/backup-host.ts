import type { BackupHost } from '../../../shared/bridge/backup-host';
import { getBridge } from './bridge';
import { browserBridge } from './browser-bridge';
import { browserCanChooseFolder } from './browser-backups';

/** Who keeps the backups: the Electron main process on the desktop, the browser otherwise. */
export const backupHost = (): BackupHost => getBridge().backups;

/** The desktop always has a folder dialog; a browser only with the File System Access API. */
export const canChooseFolder = (): boolean =>
  getBridge() !== browserBridge || browserCanChooseFolder();

/**
 * Asks the browser not to clear this site's data under storage pressure (the store and the
 * backup key live in IndexedDB). Undefined where the browser cannot say.
 */
export const persistStorage = async (): Promise<boolean | undefined> => {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  if (!storage?.persist) return undefined;
  return (await storage.persisted()) || storage.persist();
};
