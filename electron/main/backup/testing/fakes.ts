import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { manualClock } from '../../../../shared/clock/clock';
import type { Timers } from '../backup-scheduler';
import type { FolderDialog } from '../export-backup';
import type { SafeStorageLike } from '../key-store';

/** Electron's safeStorage on a PC with a keychain: real encryption, with a key the test holds. */
export const fakeSafeStorage = (
  options: { available?: boolean; backend?: string } = {},
): SafeStorageLike & { secret: Buffer } => {
  const secret = randomBytes(32);
  return {
    secret,
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString: (plain) => {
      if (!(options.available ?? true)) throw new Error('encryption is not available');
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', secret, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString: (encrypted) => {
      const decipher = createDecipheriv('aes-256-gcm', secret, encrypted.subarray(0, 12));
      decipher.setAuthTag(encrypted.subarray(12, 28));
      return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString(
        'utf8',
      );
    },
  };
};

/** Timers that run on a manual clock: `advanceTo` runs each one, in order, as its time comes. */
export const fakeTimers = (clock: ReturnType<typeof manualClock>) => {
  let nextId = 1;
  const pending = new Map<number, { at: number; run: () => void }>();
  const timers: Timers = {
    setTimeout: (run, ms) => {
      const id = nextId++;
      pending.set(id, { at: clock.now() + ms, run });
      return id;
    },
    clearTimeout: (handle) => {
      pending.delete(handle as number);
    },
  };
  return {
    ...timers,
    pendingCount: () => pending.size,
    advanceTo(to: number | string) {
      const end = typeof to === 'string' ? Date.parse(to) : to;
      for (;;) {
        const next = [...pending.entries()]
          .filter(([, t]) => t.at <= end)
          .sort(([, a], [, b]) => a.at - b.at)[0];
        if (!next) break;
        pending.delete(next[0]);
        clock.set(Math.max(clock.now(), next[1].at));
        next[1].run();
      }
      clock.set(end);
    },
  };
};

/** The folder dialog: answers with the folders given, one per call; cancelled once they run out. */
export const fakeFolderDialog = (...answers: string[]) => {
  const asked: string[] = [];
  const dialog: FolderDialog = async (options) => {
    asked.push(options.title);
    const next = answers.shift();
    return next === undefined
      ? { canceled: true, filePaths: [] }
      : { canceled: false, filePaths: [next] };
  };
  return Object.assign(dialog, { asked });
};
