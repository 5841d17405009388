import { describe, expect, it } from 'vitest';
import {
  BadLineError,
  decodeLine,
  encodeLine,
  payloadLineBatches,
  payloadLines,
  type NumberedLine,
} from './payload';

describe('the backup payload', () => {
  it('carries rows as NDJSON and files inline, byte for byte', async () => {
    const photo = new Blob([new Uint8Array([0xff, 0xd8, 0x00, 0x7f, 0x80, 0xff])], {
      type: 'image/jpeg',
    });
    const line = await encodeLine('attachments', { id: 'a1', kind: 'patient-photo', blob: photo });
    expect(line.endsWith('\n')).toBe(true);
    const { table, row } = decodeLine(line.trimEnd());
    expect(table).toBe('attachments');
    expect(row.blob).toBeInstanceOf(Blob);
    expect((row.blob as Blob).type).toBe('image/jpeg');
    expect(new Uint8Array(await (row.blob as Blob).arrayBuffer())).toEqual(
      new Uint8Array([0xff, 0xd8, 0x00, 0x7f, 0x80, 0xff]),
    );
  });

  it('reads lines however the stream cuts the bytes, even inside a Chinese character', async () => {
    const first = await encodeLine('patients', { id: 'p1', name: '张秀英' });
    const text = first + (await encodeLine('visits', { id: 'v1', patientId: 'p1' }));
    const bytes = new TextEncoder().encode(text);
    const pieces = [bytes.subarray(0, 30), bytes.subarray(30, 31), bytes.subarray(31)];
    const lines: NumberedLine[] = [];
    await new ReadableStream<Uint8Array>({
      start(c) {
        for (const p of pieces) c.enqueue(p);
        c.close();
      },
    })
      .pipeThrough(payloadLines())
      .pipeTo(new WritableStream({ write: (line) => void lines.push(line) }));
    expect(lines).toEqual([
      {
        table: 'patients',
        row: { id: 'p1', name: '张秀英' },
        line: 1,
        end: new TextEncoder().encode(first).length,
      },
      { table: 'visits', row: { id: 'v1', patientId: 'p1' }, line: 2, end: bytes.length },
    ]);
  });

  it('hands on the lines that end in each piece together, one batch per piece', async () => {
    const lines = await Promise.all(
      ['p1', 'p2', 'p3'].map((id) => encodeLine('patients', { id, name: '王芳' })),
    );
    const bytes = new TextEncoder().encode(lines.join(''));
    const cut = new TextEncoder().encode(lines[0]! + lines[1]!.slice(0, 5)).length;
    const batches: number[][] = [];
    await new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.subarray(0, cut));
        c.enqueue(bytes.subarray(cut));
        c.close();
      },
    })
      .pipeThrough(payloadLineBatches())
      .pipeTo(
        new WritableStream({ write: (batch) => void batches.push(batch.map((l) => l.line)) }),
      );
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('refuses a line that is not a row', () => {
    expect(() => decodeLine('{"hello":1}')).toThrow(SyntaxError);
  });
});

describe('files nested in a row', () => {
  it('are carried at any depth, as in an outbox entry holding a photo', async () => {
    const photo = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' });
    const line = await encodeLine('outbox', {
      id: 'o1',
      row: { id: 'a1', blob: photo },
      list: [photo],
    });
    const { row } = decodeLine(line);
    const inner = (row.row as { blob: Blob }).blob;
    expect(new Uint8Array(await inner.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    expect((row.list as Blob[])[0]).toBeInstanceOf(Blob);
  });
});

describe("bounds on a backup's lines", () => {
  it('refuses a line that never ends once it passes the limit, without reading on to its end', async () => {
    const piece = new TextEncoder().encode('x'.repeat(1024));
    let pulled = 0;
    // An endless line: were it held until its end, this would never finish.
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(piece);
      },
    });
    const failure = await endless
      .pipeThrough(payloadLines({ maxLineBytes: 64 * 1024, maxRows: 10 }))
      .pipeTo(new WritableStream())
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BadLineError);
    expect(failure).toMatchObject({ reason: 'line-too-long', line: 1 });
    expect(pulled).toBeLessThan(80);
  });

  it('numbers lines from 1 and names the one that is not a row', async () => {
    const text = '{"table":"a","row":{}}\n\n{"table":"b"}\n';
    const failure = await new Blob([text])
      .stream()
      .pipeThrough(payloadLines())
      .pipeTo(new WritableStream())
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ reason: 'not-a-row', line: 3 });
  });

  it('says which line holds bytes that are not UTF-8', async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('{"table":"a","row":{}}\n'),
      0xff,
      0xfe,
    ]);
    const failure = await new Blob([bytes])
      .stream()
      .pipeThrough(payloadLines())
      .pipeTo(new WritableStream())
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ reason: 'not-a-row', line: 2 });
  });
});
