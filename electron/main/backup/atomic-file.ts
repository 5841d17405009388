import { open, rename, rm } from 'node:fs/promises';

/**
 * Replaces a small file so that a crash leaves either the old content or the new, never half of
 * either: written beside it, flushed, then renamed over it. Writes to one path are queued, so two
 * quick saves cannot interleave their temporary files.
 */
export const createAtomicWriter = () => {
  const queues = new Map<string, Promise<void>>();
  const writeNow = async (path: string, data: string | Uint8Array) => {
    const temporary = `${path}.tmp`;
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  };
  return (path: string, data: string | Uint8Array): Promise<void> => {
    const next = (queues.get(path) ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => writeNow(path, data));
    queues.set(path, next);
    return next;
  };
};
