import { fromBase64, toBase64 } from '../base64';

/**
 * The backup's content: the store as NDJSON, one `{"table": …, "row": …}` per line, the same lines
 * `clinicdesk seed` writes. Files (photos, signatures) are written inline as
 * `{"$blob": {"type": …, "base64": …}}` so that one stream carries everything.
 *
 * Written by hand rather than with dexie-export-import: that library builds the whole export as
 * strings in memory before making its Blob, and a clinic's store of several GB must stream.
 */
export type PayloadLine = { table: string; row: Record<string, unknown> };

type EncodedBlob = { $blob: { type: string; base64: string } };

const isEncodedBlob = (value: unknown): value is EncodedBlob =>
  typeof value === 'object' &&
  value !== null &&
  '$blob' in value &&
  typeof (value as EncodedBlob).$blob?.base64 === 'string';

const isBlob = (value: unknown): value is Blob =>
  typeof Blob !== 'undefined' && value instanceof Blob;

/** Every file inside a row, at any depth (an outbox entry carries a whole row, photo included). */
export const blobsIn = (value: unknown, found: Blob[] = []): Blob[] => {
  if (isBlob(value)) found.push(value);
  else if (Array.isArray(value)) for (const v of value) blobsIn(v, found);
  else if (typeof value === 'object' && value !== null)
    for (const v of Object.values(value)) blobsIn(v, found);
  return found;
};

/** One line, newline included. Only rows holding a file need the asynchronous read. */
export const encodeLine = async (table: string, row: Record<string, unknown>): Promise<string> => {
  const blobs = blobsIn(row);
  if (blobs.length === 0) return `${JSON.stringify({ table, row })}\n`;
  const encoded = new Map<Blob, EncodedBlob>();
  for (const blob of blobs)
    encoded.set(blob, {
      $blob: { type: blob.type, base64: toBase64(new Uint8Array(await blob.arrayBuffer())) },
    });
  return `${JSON.stringify({ table, row }, (_, value: unknown) => (isBlob(value) ? encoded.get(value) : value))}\n`;
};

export const decodeLine = (text: string): PayloadLine => {
  const parsed = JSON.parse(text, (_, value: unknown) =>
    isEncodedBlob(value)
      ? new Blob([fromBase64(value.$blob.base64) as Uint8Array<ArrayBuffer>], {
          type: value.$blob.type,
        })
      : value,
  ) as PayloadLine;
  if (typeof parsed?.table !== 'string' || typeof parsed.row !== 'object' || parsed.row === null)
    throw new SyntaxError('not a backup line');
  return parsed;
};

/** Splits a byte stream of NDJSON into decoded lines, however the bytes were cut. */
export const payloadLines = (): TransformStream<Uint8Array, PayloadLine> => {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let rest = '';
  return new TransformStream({
    transform(bytes, controller) {
      const text = rest + decoder.decode(bytes, { stream: true });
      const lines = text.split('\n');
      rest = lines.pop()!;
      for (const line of lines) if (line) controller.enqueue(decodeLine(line));
    },
    flush(controller) {
      const last = rest + decoder.decode();
      if (last) controller.enqueue(decodeLine(last));
    },
  });
};
