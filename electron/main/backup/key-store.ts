import { readFile, rm } from 'node:fs/promises';
import { z } from 'zod';
import { backupKeyFromRaw, type BackupKey } from '../../../shared/backup/backup-key';
import { fromBase64, toBase64 } from '../../../shared/base64';
import { createAtomicWriter } from './atomic-file';

/** The part of Electron's `safeStorage` the key store needs. */
export type SafeStorageLike = {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means "encrypted" with a password written in Chromium's source. */
  getSelectedStorageBackend?(): string;
};

export type KeyStorage = 'os-keychain' | 'this-session';

const storedKeySchema = z
  .object({
    salt: z.string().max(100),
    iterations: z.number().int().min(100_000).max(10_000_000),
    raw: z.string().max(200),
  })
  .strict();

/**
 * Keeps the derived backup key (never the passphrase) for unattended daily backups, encrypted by
 * the OS: DPAPI on Windows, the Keychain on macOS, the desktop's secret store on Linux. Where the
 * OS has no keychain the key is never written at all: a key on disk in plain text would open every
 * backup to whoever copies the PC's disk, which is what the passphrase is meant to prevent.
 */
export const createKeyStore = (deps: { file: string; safeStorage: SafeStorageLike }) => {
  const writeAtomically = createAtomicWriter();
  const storage = (): KeyStorage =>
    deps.safeStorage.isEncryptionAvailable() &&
    deps.safeStorage.getSelectedStorageBackend?.() !== 'basic_text'
      ? 'os-keychain'
      : 'this-session';

  return {
    storage,

    /** The kept key; undefined when none was kept or it cannot be opened on this PC any more. */
    async load(): Promise<BackupKey | undefined> {
      if (storage() !== 'os-keychain') return undefined;
      let encrypted: Buffer;
      try {
        encrypted = await readFile(deps.file);
      } catch {
        return undefined;
      }
      try {
        const stored = storedKeySchema.parse(JSON.parse(deps.safeStorage.decryptString(encrypted)));
        return await backupKeyFromRaw(
          fromBase64(stored.raw),
          fromBase64(stored.salt),
          stored.iterations,
        );
      } catch {
        // Another Windows user, a restored disk image, a changed keychain: the owner sets the
        // passphrase again; the backups themselves only need the passphrase.
        return undefined;
      }
    },

    /** Keeps the key; false (and nothing written) when the OS has no keychain. */
    async save(key: BackupKey): Promise<boolean> {
      if (storage() !== 'os-keychain') {
        await rm(deps.file, { force: true });
        return false;
      }
      const plain = JSON.stringify({
        salt: toBase64(key.salt),
        iterations: key.iterations,
        raw: toBase64(key.raw),
      } satisfies z.infer<typeof storedKeySchema>);
      await writeAtomically(deps.file, deps.safeStorage.encryptString(plain));
      return true;
    },
  };
};

export type KeyStore = ReturnType<typeof createKeyStore>;
