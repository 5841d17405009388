import Dexie, { type Table } from 'dexie';
import type { SealingKey } from '../../../shared/backup/backup-key';
import { DEFAULT_ROTATION } from '../../../shared/backup/rotation';
import { DEFAULT_BACKUP_TIME } from '../../../shared/backup/schedule';
import {
  keptBackupSettingsSchema,
  MAX_HISTORY,
  type BackupRecord,
  type BackupSettings,
} from '../../../shared/bridge/backup-host';
import type { BackupFolder } from './backup-output';

/**
 * A backup this browser made; `inFolder` when its file sits in the chosen folder; `keyId` the key
 * it was sealed with (keyIdOf), absent on records from before it was kept.
 */
export type HostRecord = BackupRecord & { inFolder: boolean; rotatedOut?: boolean; keyId?: string };

type KeptValue =
  | { key: 'key'; value: SealingKey }
  | { key: 'settings'; value: BackupSettings }
  | { key: 'folder'; value: BackupFolder };

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = {
  dailyTime: DEFAULT_BACKUP_TIME,
  rotation: DEFAULT_ROTATION,
};

/**
 * The browser host's own small database, apart from the clinic's store: a backup never contains
 * its own key, and a restore (which opens a new store) keeps the key, the folder and the history.
 * The AES key is a non-extractable CryptoKey: IndexedDB keeps it, no script can read its bytes.
 */
export class BackupHostDb extends Dexie {
  declare kept: Table<KeptValue, string>;
  declare history: Table<HostRecord, string>;

  constructor(name = 'clinicdesk-host', options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({ kept: 'key', history: 'id, startedAt' });
  }

  async key(): Promise<SealingKey | undefined> {
    return ((await this.kept.get('key')) as { value: SealingKey } | undefined)?.value;
  }

  async folder(): Promise<BackupFolder | undefined> {
    return ((await this.kept.get('folder')) as { value: BackupFolder } | undefined)?.value;
  }

  setFolder(folder: BackupFolder): Promise<unknown> {
    return this.kept.put({ key: 'folder', value: folder });
  }

  async settings(): Promise<BackupSettings> {
    const row = await this.kept.get('settings');
    const parsed = keptBackupSettingsSchema.safeParse(row?.value);
    return parsed.success ? parsed.data : DEFAULT_BACKUP_SETTINGS;
  }

  /** Newest first. */
  async records(): Promise<HostRecord[]> {
    return (await this.history.orderBy('startedAt').reverse().toArray()).slice(0, MAX_HISTORY);
  }

  async addRecord(record: HostRecord): Promise<void> {
    await this.transaction('rw', this.history, async () => {
      await this.history.put(record);
      const extra = (await this.history.count()) - MAX_HISTORY;
      if (extra > 0)
        await this.history.bulkDelete(
          (await this.history.orderBy('startedAt').limit(extra).primaryKeys()) as string[],
        );
    });
  }
}
