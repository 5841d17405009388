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
  it('resolves a write only once the writer has taken its bytes', async () => {
    const pipe = createPayloadPipe();
    const written = pipe.write(bytes('first'));
    expect(await settled(written)).toBe(false);
    const reader = pipe.stream.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('first');
    await expect(written).resolves.toBeUndefined();
  });

  it('holds one piece at most: a write before the last one was taken is refused', async () => {
    const pipe = createPayloadPipe();
    void pipe.write(bytes('one'));
    await expect(pipe.write(bytes('two'))).rejects.toThrow('one backup write at a time');
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
    const waiting = pipe.write(bytes('x'));
    await reader.read();
    await waiting;
    const next = pipe.write(bytes('y'));
    pipe.fail(new Error('stopped'));
    await expect(next).rejects.toThrow('stopped');
    await expect(reader.read()).rejects.toThrow('stopped');
    await expect(pipe.write(bytes('z'))).rejects.toThrow('stopped');
  });

  it('rejects the waiting write when the writer gives up on the stream', async () => {
    const pipe = createPayloadPipe();
    const waiting = pipe.write(bytes('x'));
    await pipe.stream.cancel(new Error('disk gone'));
    await expect(waiting).rejects.toThrow('disk gone');
  });
});
