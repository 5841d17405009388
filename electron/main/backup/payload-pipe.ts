import { BackupRefusal } from './backup-failure';

/**
 * Bytes the page sends (IPC `write` calls) as the ReadableStream the backup writer reads. One
 * piece may wait in the pipe: a write resolves once the piece before it has been taken by the
 * writer, so the page reads and encodes its next page of rows while the main process compresses
 * and encrypts this one (two processes at work, not taking turns). Only one write may wait at a
 * time and the page awaits each, so the disk's pace still reaches back to the store, and memory
 * holds two pieces at most, never the whole export.
 */
export type PayloadPipe = {
  readonly stream: ReadableStream<Uint8Array>;
  write(bytes: Uint8Array): Promise<void>;
  /** The export is complete: the writer sees the end of the stream once it has taken everything. */
  close(): void;
  /** Stops the writer with this error, and any write waiting. */
  fail(error: Error): void;
};

type Waiting = { bytes: Uint8Array; resolve: () => void; reject: (error: Error) => void };

export const createPayloadPipe = (): PayloadPipe => {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let waiting: Waiting | undefined;
  let reading: (() => void) | undefined;
  let ended: Error | 'closed' | undefined;

  const hand = () => {
    if (!waiting) return;
    if (!reading && (controller.desiredSize ?? 0) <= 0) return;
    const { bytes, resolve } = waiting;
    const done = reading;
    waiting = undefined;
    reading = undefined;
    controller.enqueue(bytes);
    resolve();
    done?.();
  };

  const stream = new ReadableStream<Uint8Array>(
    {
      start: (c) => {
        controller = c;
      },
      // With a high-water mark of one piece the stream asks for more once its queue is empty.
      pull: () =>
        new Promise<void>((resolve) => {
          reading = resolve;
          hand();
        }),
      cancel: (reason) => {
        const error = reason instanceof Error ? reason : new Error('the backup writer stopped');
        ended = error;
        waiting?.reject(error);
        waiting = undefined;
      },
    },
    { highWaterMark: 1 },
  );

  return {
    stream,
    write: (bytes) => {
      if (ended === 'closed')
        return Promise.reject(new BackupRefusal('the backup export was already closed'));
      if (ended) return Promise.reject(ended);
      if (waiting)
        return Promise.reject(
          new BackupRefusal('one backup write at a time: await the previous one'),
        );
      return new Promise<void>((resolve, reject) => {
        waiting = { bytes, resolve, reject };
        hand();
      });
    },
    close: () => {
      if (ended) return;
      if (waiting) throw new BackupRefusal('a backup write is still waiting');
      ended = 'closed';
      controller.close();
      reading?.();
    },
    fail: (error) => {
      if (ended instanceof Error) return;
      const wasOpen = ended === undefined;
      ended = error;
      waiting?.reject(error);
      waiting = undefined;
      if (wasOpen) controller.error(error);
      reading?.();
    },
  };
};
