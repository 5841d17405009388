import { BackupError } from './backup-error';
import { fromBase64, toBase64 } from '../base64';
import type { BackupHeader } from './format';
import { randomBytes } from './primitives';

/** OWASP 2023 guidance for PBKDF2-HMAC-SHA256, the same as account passwords. */
export const DEFAULT_ITERATIONS = 600_000;
export const SALT_BYTES = 16;

/**
 * A key derived from the owner's backup passphrase. `raw` (64 bytes: AES key, then key-check key)
 * is what the desktop keeps in the OS keychain (Electron safeStorage) for unattended backups.
 */
export type BackupKey = {
  salt: Uint8Array;
  iterations: number;
  raw: Uint8Array;
  aes: CryptoKey;
  check: Uint8Array;
};

/**
 * What sealing and opening a file need. A browser keeps only this, its AES key non-extractable in
 * IndexedDB, so no script on the page can read the key out; `raw` is for the desktop's keychain.
 */
export type SealingKey = Omit<BackupKey, 'raw'>;

/**
 * Names a key without revealing it: the key check every file made with it carries in its header
 * (`keyCheck`, readable without the passphrase). A new passphrase, or the same one with a new
 * salt, is a new key. Rotation tells the current key's backups from earlier ones by it.
 */
export const keyIdOf = (key: Pick<SealingKey, 'check'>): string => toBase64(key.check);

const CHECK_LABEL = new TextEncoder().encode('ClinicDesk backup key');

const bytes = (b: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(b);

export const backupKeyFromRaw = async (
  raw: Uint8Array,
  salt: Uint8Array,
  iterations: number,
): Promise<BackupKey> => {
  if (raw.length !== 64) throw new RangeError('a backup key is 64 bytes');
  const aes = await crypto.subtle.importKey('raw', bytes(raw.subarray(0, 32)), 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
  const hmac = await crypto.subtle.importKey(
    'raw',
    bytes(raw.subarray(32)),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const check = new Uint8Array(await crypto.subtle.sign('HMAC', hmac, CHECK_LABEL)).subarray(0, 16);
  return { salt, iterations, raw, aes, check };
};

export const deriveBackupKey = async (
  passphrase: string,
  options: { salt?: Uint8Array; iterations?: number } = {},
): Promise<BackupKey> => {
  const salt = options.salt ?? randomBytes(SALT_BYTES);
  const iterations = options.iterations ?? DEFAULT_ITERATIONS;
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const raw = new Uint8Array(
    await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: bytes(salt), iterations },
      material,
      512,
    ),
  );
  return backupKeyFromRaw(raw, salt, iterations);
};

const sameBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/** The key for a file: the one given if it was derived with the file's salt, else from the passphrase. */
export const keyForHeader = async (
  header: BackupHeader,
  secret: { passphrase?: string; key?: SealingKey },
): Promise<SealingKey> => {
  const salt = fromBase64(header.kdf.salt);
  let key: SealingKey | undefined = secret.key;
  if (!key || !sameBytes(key.salt, salt) || key.iterations !== header.kdf.iterations) {
    if (secret.passphrase === undefined)
      throw new BackupError('wrong-passphrase', 'this backup needs its passphrase');
    key = await deriveBackupKey(secret.passphrase, { salt, iterations: header.kdf.iterations });
  }
  if (keyIdOf(key) !== header.keyCheck)
    throw new BackupError('wrong-passphrase', 'the passphrase does not open this backup');
  return key;
};
