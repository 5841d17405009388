/**
 * Where a browser writes a backup: a folder the owner chose (File System Access API), or memory
 * and then a download. Typed structurally so tests can pass a folder made of plain objects.
 */
export type FolderWritable = {
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
};
export type FolderFile = {
  getFile(): Promise<Blob>;
  createWritable(): Promise<FolderWritable>;
  /** Chromium renames in place; where it is missing the file is written under its final name. */
  move?(name: string): Promise<void>;
};
export type BackupFolder = {
  name: string;
  getFileHandle(name: string, options?: { create?: boolean }): Promise<FolderFile>;
  removeEntry(name: string): Promise<void>;
  queryPermission?(options: { mode: 'readwrite' }): Promise<PermissionState>;
  requestPermission?(options: { mode: 'readwrite' }): Promise<PermissionState>;
};

export type BackupOutput = {
  write(bytes: Uint8Array): Promise<void>;
  /** All bytes written: closes the file (or the memory buffer). */
  close(): Promise<void>;
  /** The file as written, to verify it in full. */
  readBack(): Promise<ReadableStream<Uint8Array>>;
  /** Verified: puts the file where it belongs (renames it, or downloads it). */
  commit(): Promise<Blob | undefined>;
  /** Failed: removes whatever was written. */
  discard(): Promise<void>;
};

const PARTIAL_SUFFIX = '.partial';

/** Asks again for a folder permission the browser forgot (it may need the owner's click). */
export const folderWritable = async (folder: BackupFolder): Promise<boolean> => {
  const mode = { mode: 'readwrite' } as const;
  if (!folder.queryPermission) return true;
  if ((await folder.queryPermission(mode)) === 'granted') return true;
  return (await folder.requestPermission?.(mode).catch(() => 'denied')) === 'granted';
};

/**
 * Into the chosen folder: under a temporary name, renamed once verified, so the folder never
 * holds a half-written file under a backup's name. (Chromium's createWritable also writes to a
 * swap file and only replaces the target on close: a crash while writing leaves no damage.)
 */
export const folderOutput = async (folder: BackupFolder, name: string): Promise<BackupOutput> => {
  let file = await folder.getFileHandle(name + PARTIAL_SUFFIX, { create: true });
  const renames = typeof file.move === 'function';
  if (!renames) {
    await folder.removeEntry(name + PARTIAL_SUFFIX).catch(() => undefined);
    file = await folder.getFileHandle(name, { create: true });
  }
  let current = renames ? name + PARTIAL_SUFFIX : name;
  const writable = await file.createWritable();
  let open = true;
  return {
    write: (bytes) => writable.write(bytes),
    close: async () => {
      open = false;
      await writable.close();
    },
    readBack: async () => (await file.getFile()).stream() as ReadableStream<Uint8Array>,
    commit: async () => {
      if (renames) await file.move!(name);
      current = name;
      return undefined;
    },
    discard: async () => {
      if (open) await writable.abort().catch(() => undefined);
      await folder.removeEntry(current).catch(() => undefined);
    },
  };
};

/** Without a folder: the file is built in memory, verified, then handed to the browser's downloads. */
export const downloadOutput = (
  name: string,
  download: (file: Blob, name: string) => void,
): BackupOutput => {
  let parts: Uint8Array[] = [];
  let blob: Blob | undefined;
  return {
    write: async (bytes) => void parts.push(bytes.slice()),
    close: async () => {
      blob = new Blob(parts as Uint8Array<ArrayBuffer>[], { type: 'application/octet-stream' });
      parts = [];
    },
    readBack: async () => blob!.stream() as ReadableStream<Uint8Array>,
    commit: async () => {
      download(blob!, name);
      return blob;
    },
    discard: async () => {
      parts = [];
      blob = undefined;
    },
  };
};

/** The browser's own download: a link with `download`, clicked. */
export const downloadFile = (file: Blob, name: string): void => {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};
