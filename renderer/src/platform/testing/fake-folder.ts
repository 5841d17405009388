import type { BackupFolder, FolderFile } from '../backup-output';

/**
 * A folder as the File System Access API shows it, in memory: files appear only when their
 * writable closes (as Chromium's swap files do). `damage` flips a byte of every file written.
 */
export const fakeFolder = (
  options: { renames?: boolean; damage?: boolean; full?: boolean } = {},
) => {
  const files = new Map<string, Uint8Array>();
  const handle = (name: string): FolderFile => {
    let current = name;
    const file: FolderFile = {
      getFile: async () => {
        const bytes = files.get(current);
        if (!bytes) throw new DOMException('gone', 'NotFoundError');
        return new Blob([bytes as Uint8Array<ArrayBuffer>]);
      },
      createWritable: async () => {
        const parts: number[] = [];
        return {
          write: async (bytes) => {
            if (options.full && parts.length > 1000)
              throw new DOMException('full', 'QuotaExceededError');
            parts.push(...bytes);
          },
          close: async () => {
            const bytes = Uint8Array.from(parts);
            if (options.damage) bytes[bytes.length - 40]! ^= 1;
            files.set(current, bytes);
          },
          abort: async () => undefined,
        };
      },
    };
    if (options.renames !== false)
      file.move = async (next) => {
        files.set(next, files.get(current)!);
        files.delete(current);
        current = next;
      };
    return file;
  };
  const folder: BackupFolder = {
    name: 'U盘备份',
    getFileHandle: async (name, { create } = {}) => {
      if (!create && !files.has(name)) throw new DOMException('missing', 'NotFoundError');
      if (create && !files.has(name)) files.set(name, new Uint8Array(0));
      return handle(name);
    },
    removeEntry: async (name) => {
      if (!files.delete(name)) throw new DOMException('missing', 'NotFoundError');
    },
  };
  return { folder, files };
};
