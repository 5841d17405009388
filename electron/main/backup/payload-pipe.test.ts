import { describe, expect, it } from 'vitest';
import { createPayloadPipe } from './payload-pipe';

const bytes = (text: string) => new TextEncoder().encode(text);
const settled = async (promise: Promise<unknown>) => {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setTimeout(resolve, 5));
  return done;
};

describe('the pipe from the page’s writes to the backup writer', () => {
  it('lets one piece wait, and resolves the next write only once the writer has taken it', async () => {
    const pipe = createPayloadPipe();
    await pipe.write(bytes('first'));
    const second = pipe.write(bytes('second'));
    expect(await settled(second)).toBe(false);
    const reader = pipe.stream.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('first');
    await expect(second).resolves.toBeUndefined();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('second');
  });

  it('holds two pieces at most: a write while another waits is refused', async () => {
    const pipe = createPayloadPipe();
    await pipe.write(bytes('one'));
    void pipe.write(bytes('two'));
    await expect(pipe.write(bytes('three'))).rejects.toThrow('one backup write at a time');
  });

  it('hands every piece in order, then ends when closed', async () => {
    const pipe = createPayloadPipe();
    const writing = (async () => {
      for (const piece of ['a', 'b', 'c']) await pipe.write(bytes(piece));
      pipe.close();
    })();
    const text = await new Response(pipe.stream).text();
    await writing;
    expect(text).toBe('abc');
  });

  it('rejects the waiting write and errors the stream when stopped', async () => {
    const pipe = createPayloadPipe();
    const reader = pipe.stream.getReader();
    await pipe.write(bytes('x'));
    await reader.read();
    await pipe.write(bytes('y')); // waits in the pipe
    const next = pipe.write(bytes('z')); // waits for the writer
    pipe.fail(new Error('stopped'));
    await expect(next).rejects.toThrow('stopped');
    await expect(reader.read()).rejects.toThrow('stopped');
    await expect(pipe.write(bytes('w'))).rejects.toThrow('stopped');
  });

  it('rejects the waiting write when the writer gives up on the stream', async () => {
    const pipe = createPayloadPipe();
    await pipe.write(bytes('x'));
    const waiting = pipe.write(bytes('y'));
    await pipe.stream.cancel(new Error('disk gone'));
    await expect(waiting).rejects.toThrow('disk gone');
  });
});
