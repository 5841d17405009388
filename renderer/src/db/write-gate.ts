/**
 * Holds the store's writes while a backup reads it, so that a backup is one consistent snapshot
 * (hardening item 11).
 *
 * Why a gate and not one read transaction: the export streams several GB page by page into a
 * host that encrypts and writes to disk, and IndexedDB commits a transaction as soon as it has no
 * request pending, that is at the first await on anything but IndexedDB. A read transaction
 * cannot be kept open across the disk, and reading everything first would hold the store in
 * memory. So the pages stay separate transactions and the writes wait instead:
 *
 * - every top-level read-write transaction of the store is a *writer* (ClinicDb.transaction);
 *   writers run side by side and are counted until their transaction settles;
 * - a backup *holds* the gate: from the moment it asks, new writers wait; it starts reading once
 *   the writers already running have settled, and writers go on when it lets go.
 *
 * While the backup holds the gate no transaction can change a table it reads, so its pages,
 * however many transactions they take, see the store as it was at one instant: an audit event and
 * its row are both in the backup, or both after it. A write that would bypass the gate (an
 * implicit single-table write) is refused while a backup holds it, never let through silently
 * (database.ts).
 *
 * The gate is per page (one per store name): the desktop app has one window (main.ts asks for a
 * single instance); a second browser tab on the same store is not held back.
 */
export type WriteGate = {
  /** Runs one writer: at once when no backup holds or waits for the gate, else after it. */
  write<T>(run: () => PromiseLike<T>): Promise<T>;
  /** Runs `run` (the backup's export) with no writer running; one holder at a time. */
  hold<T>(run: () => Promise<T>): Promise<T>;
  /** A backup holds the gate or waits for the running writers to finish. */
  readonly closed: boolean;
  /** A backup holds the gate: no writer runs. */
  readonly holding: boolean;
  /** Called whenever `closed` changes (the "备份中" state on screen). */
  subscribe(listener: () => void): () => void;
};

export const createWriteGate = (): WriteGate => {
  let writers = 0;
  /** Set while a backup waits or holds; resolves when it lets go. */
  let closed: Promise<void> | undefined;
  let idle: (() => void) | undefined;
  let holding = false;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());

  const write = <T>(run: () => PromiseLike<T>): Promise<T> => {
    // Checked again after every wait: another backup may have taken the gate in between.
    if (closed) return closed.then(() => write(run));
    writers += 1;
    // `run` is called synchronously: an open gate changes nothing in when a transaction starts.
    let running: Promise<T>;
    try {
      running = Promise.resolve(run());
    } catch (error) {
      running = Promise.reject(error);
    }
    return running.finally(() => {
      writers -= 1;
      if (writers === 0) idle?.();
    });
  };

  const hold = async <T>(run: () => Promise<T>): Promise<T> => {
    while (closed) await closed;
    let open!: () => void;
    closed = new Promise<void>((resolve) => (open = resolve));
    notify();
    try {
      if (writers > 0) await new Promise<void>((resolve) => (idle = resolve));
      idle = undefined;
      holding = true;
      return await run();
    } finally {
      holding = false;
      closed = undefined;
      open();
      notify();
    }
  };

  return {
    write,
    hold,
    get closed() {
      return closed !== undefined;
    },
    get holding() {
      return holding;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};

const gates = new Map<string, WriteGate>();

/** The gate of one store: every ClinicDb of that name in this page shares it. */
export const writeGateOf = (storeName: string): WriteGate => {
  let gate = gates.get(storeName);
  if (!gate) gates.set(storeName, (gate = createWriteGate()));
  return gate;
};

/** Thrown by a write that bypassed the gate while a backup held it. */
export class StoreHeldError extends Error {
  constructor(tables: readonly string[]) {
    super(`a write to ${tables.join(', ')} bypassed the backup's write gate`);
    this.name = 'StoreHeldError';
  }
}
