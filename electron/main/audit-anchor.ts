import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { createCheckpointBook, type MacKey } from '../../shared/audit/checkpoint-book';
import { checkpointSchema, type Checkpoint } from '../../shared/audit/checkpoint';
import type { AuditAnchor } from '../../shared/bridge/audit-anchor';
import type { SafeStorageLike } from './backup/key-store';
import { createAtomicWriter } from './backup/atomic-file';

/** How the anchor's key is kept: sealed by the OS keychain, or (no keychain) a private file. */
export type AnchorKeyStorage = 'os-keychain' | 'private-file';

const KEY_FILE = 'audit-anchor.key';
const CHECKPOINT_FILE = 'audit-checkpoints.json';
const KEY_BYTES = 32;

const keptFileSchema = z
  .object({
    version: z.literal(1),
    stores: z.record(z.string(), z.record(z.string(), z.unknown())),
  })
  .strict();
type KeptFile = z.infer<typeof keptFileSchema>;

const hmacKey = (raw: Buffer): MacKey => {
  const sign = (message: string) => createHmac('sha256', raw).update(message, 'utf8').digest();
  return {
    sign: async (message) => sign(message).toString('hex'),
    verify: async (message, mac) => {
      const given = Buffer.from(mac, 'hex');
      const expected = sign(message);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
};

const readOrUndefined = async (path: string): Promise<Buffer | undefined> => {
  try {
    return await readFile(path);
  } catch {
    return undefined;
  }
};

/**
 * The desktop's anchor (issue 10 item 8), in the main process where the page cannot reach it: the
 * HMAC key sealed by the OS keychain (Electron safeStorage), the checkpoints in a file in userData.
 * Without a keychain the key is a file only this user may read: a forged checkpoint then needs
 * the disk, not only the page. A key that cannot be opened any more (another Windows user, a
 * changed keychain) is replaced; the checkpoints it signed then fail their check, which verify
 * reports rather than hides.
 */
export const createDesktopAuditAnchor = (deps: {
  userData: string;
  safeStorage: SafeStorageLike;
  /** Tests give a fixed key source; the app uses node:crypto's randomBytes. */
  random?: (bytes: number) => Buffer;
}): AuditAnchor & { keyStorage(): AnchorKeyStorage } => {
  const keyPath = join(deps.userData, KEY_FILE);
  const checkpointPath = join(deps.userData, CHECKPOINT_FILE);
  const writeAtomically = createAtomicWriter();
  const keyStorage = (): AnchorKeyStorage =>
    deps.safeStorage.isEncryptionAvailable() &&
    deps.safeStorage.getSelectedStorageBackend?.() !== 'basic_text'
      ? 'os-keychain'
      : 'private-file';

  const openKey = (stored: Buffer): Buffer | undefined => {
    try {
      const raw =
        keyStorage() === 'os-keychain'
          ? Buffer.from(deps.safeStorage.decryptString(stored), 'base64')
          : Buffer.from(stored.toString('utf8'), 'base64');
      return raw.length === KEY_BYTES ? raw : undefined;
    } catch {
      return undefined;
    }
  };

  const loadKey = async (): Promise<MacKey> => {
    const stored = await readOrUndefined(keyPath);
    const opened = stored && openKey(stored);
    if (opened) return hmacKey(opened);
    const raw = (deps.random ?? randomBytes)(KEY_BYTES);
    const text = raw.toString('base64');
    await writeAtomically(
      keyPath,
      keyStorage() === 'os-keychain' ? deps.safeStorage.encryptString(text) : text,
    );
    return hmacKey(raw);
  };

  let kept: KeptFile | undefined;
  const load = async (): Promise<KeptFile> => {
    if (kept) return kept;
    const text = await readOrUndefined(checkpointPath);
    let parsed: KeptFile | undefined;
    try {
      parsed = text ? keptFileSchema.parse(JSON.parse(text.toString('utf8'))) : undefined;
    } catch {
      // A damaged file is set aside, never overwritten: it is evidence.
      await writeAtomically(`${checkpointPath}.damaged-${Date.now()}`, text ?? '');
    }
    kept = parsed ?? { version: 1, stores: {} };
    return kept;
  };

  let key: Promise<MacKey> | undefined;
  const book = createCheckpointBook({
    key: () => {
      key ??= loadKey();
      key.catch(() => (key = undefined));
      return key;
    },
    shelf: {
      get: async (store, deviceId) => {
        const parsed = checkpointSchema.safeParse((await load()).stores[store]?.[deviceId]);
        return parsed.success ? parsed.data : undefined;
      },
      put: async (store, checkpoint) => {
        const file = await load();
        file.stores[store] = { ...file.stores[store], [checkpoint.deviceId]: checkpoint };
        await writeAtomically(checkpointPath, JSON.stringify(file));
      },
      list: async (store) =>
        Object.entries((await load()).stores[store] ?? {}).map(([deviceId, value]): Checkpoint => {
          const parsed = checkpointSchema.safeParse(value);
          // An entry edited out of shape reads as a checkpoint whose signature fails.
          return parsed.success && parsed.data.deviceId === deviceId
            ? parsed.data
            : { deviceId, seq: 1, hash: '0'.repeat(64), mac: '0'.repeat(64) };
        }),
    },
  });
  return { ...book, keyStorage };
};
