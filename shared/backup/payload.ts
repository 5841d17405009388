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

const hasBlob = (row: Record<string, unknown>) =>
  Object.values(row).some((v) => typeof Blob !== 'undefined' && v instanceof Blob);

/** One line, newline included. Only rows holding a file need the asynchronous read. */
export const encodeLine = async (table: string, row: Record<string, unknown>): Promise<string> => {
  if (!hasBlob(row)) return `${JSON.stringify({ table, row })}\n`;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    copy[key] =
      value instanceof Blob
        ? {
            $blob: {
              type: value.type,
              base64: toBase64(new Uint8Array(await value.arrayBuffer())),
            },
          }
        : value;
  }
  return `${JSON.stringify({ table, row: copy })}\n`;
};

export const decodeLine = (text: string): PayloadLine => {
  const parsed = JSON.parse(text) as PayloadLine;
  if (typeof parsed?.table !== 'string' || typeof parsed.row !== 'object' || parsed.row === null)
    throw new SyntaxError('not a backup line');
  for (const [key, value] of Object.entries(parsed.row))
    if (isEncodedBlob(value))
      parsed.row[key] = new Blob([fromBase64(value.$blob.base64) as Uint8Array<ArrayBuffer>], {
        type: value.$blob.type,
      });
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
