import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nodePrimitives } from './node-backup';

const pause = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('Node’s zlib as web streams', () => {
  it('takes no more of the payload than it is compressing while nobody reads its output', async () => {
    const gzip = nodePrimitives.gzip();
    const writer = gzip.writable.getWriter();
    let taken = 0;
    for (let i = 0; i < 20; i++)
      writer.write(randomBytes(1024 * 1024)).then(
        () => taken++,
        () => undefined,
      );
    await pause();
    // A store of several GB must not pile up in front of a slow compressor or a slow disk.
    expect(taken).toBeLessThanOrEqual(3);
    // Whoever reads it giving up releases the writes waiting.
    await gzip.readable.cancel();
    await expect(writer.write(new Uint8Array(1))).rejects.toThrow();
  });

  it('round-trips bytes, however they are cut', async () => {
    const input = randomBytes(3 * 1024 * 1024 + 17);
    const pieces = [input.subarray(0, 5), input.subarray(5, 2_000_000), input.subarray(2_000_000)];
    const compressed = new Blob(pieces).stream().pipeThrough(nodePrimitives.gzip());
    const back = new Uint8Array(
      await new Response(compressed.pipeThrough(nodePrimitives.gunzip())).arrayBuffer(),
    );
    expect(Buffer.from(back).equals(input)).toBe(true);
  });

  it('fails the stream, not hangs it, on bytes that are not gzip', async () => {
    const garbage = new Blob([randomBytes(4096)]).stream().pipeThrough(nodePrimitives.gunzip());
    await expect(new Response(garbage).arrayBuffer()).rejects.toThrow();
  });
});
