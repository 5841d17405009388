import { describe, expect, it } from 'vitest';
import { freshStore } from './testing/store';
import { createWriteGate } from './write-gate';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

/** Lets every queued callback run (no timers: only promise jobs and fake-indexeddb's). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the store write gate', () => {
  it('lets a backup read only after the saves already running, and holds saves asked for meanwhile', async () => {
    const gate = createWriteGate();
    const order: string[] = [];
    const running = deferred();
    const first = gate.write(() => running.promise.then(() => order.push('first save')));
    const backup = gate.hold(async () => void order.push('backup'));
    const second = gate.write(async () => order.push('second save'));
    await settle();
    expect(order).toEqual([]);
    expect(gate.closed).toBe(true);
    expect(gate.holding).toBe(false);
    running.resolve();
    await Promise.all([first, backup, second]);
    expect(order).toEqual(['first save', 'backup', 'second save']);
    expect(gate.closed).toBe(false);
  });

  it('runs one backup at a time', async () => {
    const gate = createWriteGate();
    const order: string[] = [];
    const slow = deferred();
    const one = gate.hold(() => slow.promise.then(() => void order.push('one')));
    const two = gate.hold(async () => void order.push('two'));
    await settle();
    expect(order).toEqual([]);
    slow.resolve();
    await Promise.all([one, two]);
    expect(order).toEqual(['one', 'two']);
  });

  it('lets the gate go when a backup fails', async () => {
    const gate = createWriteGate();
    await expect(gate.hold(() => Promise.reject(new Error('disk full')))).rejects.toThrow();
    expect(gate.closed).toBe(false);
    expect(await gate.write(async () => 'saved')).toBe('saved');
  });

  it('does not hold a transaction nested in a running save, even while a backup waits for it', async () => {
    const { db } = freshStore();
    let backup: Promise<void> | undefined;
    const order: string[] = [];
    await db.transaction('rw', db.settings, async () => {
      backup = db.writeGate.hold(async () => void order.push('backup'));
      await db.transaction('rw', db.settings, () =>
        db.settings.put({ id: 'k', key: 'k', value: 1 } as never),
      );
      order.push('nested save');
    });
    await backup;
    expect(order).toEqual(['nested save', 'backup']);
    expect(await db.settings.count()).toBe(1);
  });
});
