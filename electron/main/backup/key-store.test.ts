import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deriveBackupKey, type BackupKey } from '../../../shared/backup/backup-key';
import { toBase64 } from '../../../shared/base64';
import { createKeyStore } from './key-store';
import { fakeSafeStorage } from './testing/fakes';

let dir = '';
let key: BackupKey;
const file = () => join(dir, 'backup-key.bin');

beforeAll(async () => {
  key = await deriveBackupKey('a passphrase for the safe', { iterations: 100_000 });
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clinicdesk-key-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the backup key kept in the OS keychain', () => {
  it('comes back after a restart, able to seal what the old key sealed', async () => {
    const safeStorage = fakeSafeStorage();
    const before = createKeyStore({ file: file(), safeStorage });
    expect(before.storage()).toBe('os-keychain');
    expect(await before.save(key)).toBe(true);

    const after = await createKeyStore({ file: file(), safeStorage }).load();
    expect(after?.raw).toEqual(key.raw);
    expect(after?.salt).toEqual(key.salt);
    expect(after?.iterations).toBe(100_000);
    expect(after?.check).toEqual(key.check);
  });

  it('is written only encrypted: neither the raw key nor its base64 is in the file', async () => {
    await createKeyStore({ file: file(), safeStorage: fakeSafeStorage() }).save(key);
    const stored = await readFile(file());
    expect(stored.includes(Buffer.from(key.raw))).toBe(false);
    expect(stored.toString('latin1')).not.toContain(toBase64(key.raw));
    expect(stored.toString('latin1')).not.toContain('iterations');
  });

  it('is forgotten, not an error, when this PC’s keychain can no longer open it', async () => {
    await createKeyStore({ file: file(), safeStorage: fakeSafeStorage() }).save(key);
    // Another Windows account, or the disk restored onto another PC: a different OS secret.
    await expect(
      createKeyStore({ file: file(), safeStorage: fakeSafeStorage() }).load(),
    ).resolves.toBeUndefined();
  });

  it('is forgotten when the file is damaged', async () => {
    const safeStorage = fakeSafeStorage();
    await writeFile(file(), safeStorage.encryptString('{"salt":"x"}'));
    await expect(createKeyStore({ file: file(), safeStorage }).load()).resolves.toBeUndefined();
  });

  it('is simply absent before the owner has set a passphrase', async () => {
    await expect(
      createKeyStore({ file: file(), safeStorage: fakeSafeStorage() }).load(),
    ).resolves.toBeUndefined();
  });
});

describe('a PC without a keychain', () => {
  it.each([
    ['encryption is unavailable', fakeSafeStorage({ available: false })],
    // Linux without a keyring: Chromium "encrypts" with a password written in its source.
    ['Linux would fall back to basic_text', fakeSafeStorage({ backend: 'basic_text' })],
  ])(
    'never writes the key when %s, and says the key lasts this session only',
    async (_, safeStorage) => {
      const store = createKeyStore({ file: file(), safeStorage });
      expect(store.storage()).toBe('this-session');
      expect(await store.save(key)).toBe(false);
      await expect(readFile(file())).rejects.toMatchObject({ code: 'ENOENT' });
      await expect(store.load()).resolves.toBeUndefined();
    },
  );

  it('removes a key kept while a keychain was there, rather than keep it readable', async () => {
    await createKeyStore({ file: file(), safeStorage: fakeSafeStorage() }).save(key);
    await createKeyStore({ file: file(), safeStorage: fakeSafeStorage({ available: false }) }).save(
      key,
    );
    await expect(readFile(file())).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
