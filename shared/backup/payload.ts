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

const revived = (_: string, value: unknown): unknown =>
  isEncodedBlob(value)
    ? new Blob([fromBase64(value.$blob.base64) as Uint8Array<ArrayBuffer>], {
        type: value.$blob.type,
      })
    : value;

export const decodeLine = (text: string): PayloadLine => {
  // A reviver makes JSON.parse several times slower; only lines that carry a file need it.
  const parsed = (
    text.includes('"$blob"') ? JSON.parse(text, revived) : JSON.parse(text)
  ) as PayloadLine;
  if (typeof parsed?.table !== 'string' || typeof parsed.row !== 'object' || parsed.row === null)
    throw new SyntaxError('not a backup line');
  return parsed;
};

/**
 * Bounds on what a backup's content may hold (hardening item 10). A line is one row: the largest
 * are photos (at most 2 MB, 2.7 MB as base64) and the outbox entries that carry them, so 8 MiB is
 * generous; a longer line is refused before it is held whole. The row count is a sanity bound far
 * above any small clinic (30 years of 200 visits a day, with their audit events, stay under 10
 * million rows).
 */
export const PAYLOAD_LIMITS = { maxLineBytes: 8 * 1024 * 1024, maxRows: 50_000_000 };
export type PayloadLimits = typeof PAYLOAD_LIMITS;

/**
 * A row of the payload with its line number (1-based), to say where a problem is, and the
 * payload bytes up to the end of the line, to say how far a restore has come.
 */
export type NumberedLine = PayloadLine & { line: number; end: number };

/** Why a line of a backup's content is refused; `line` is 1-based. */
export type BadLineReason = 'line-too-long' | 'not-a-row' | 'too-many-rows' | 'invalid-row';

export class BadLineError extends Error {
  constructor(
    readonly reason: BadLineReason,
    readonly line: number,
    /** The table the line names, when it got that far. */
    readonly table?: string,
    /** What is wrong with the row ('invalid-row'): the field and the kind of problem. */
    readonly issue?: { field: string; problem: string },
  ) {
    super(`backup line ${line}: ${reason}${table ? ` (${table})` : ''}`);
    this.name = 'BadLineError';
  }
}

const NEWLINE = 0x0a;

const joined = (pieces: readonly Uint8Array[], total: number): Uint8Array => {
  if (pieces.length === 1) return pieces[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
};

/**
 * Splits a byte stream of NDJSON into decoded, numbered lines, however the bytes were cut: the
 * lines that end in each piece come out together, one batch per piece (a stream step per row
 * costs more than the row's parsing). Lines are cut at the newline byte (never part of a
 * multi-byte UTF-8 character), so each line is decoded on its own and bytes that are not UTF-8
 * are blamed on the right line. A line is kept in pieces until its end is seen, and refused as
 * soon as it passes the limit.
 */
export const payloadLineBatches = (
  limits: PayloadLimits = PAYLOAD_LIMITS,
): TransformStream<Uint8Array, NumberedLine[]> => {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pieces: Uint8Array[] = [];
  let pending = 0;
  let line = 0;
  /** Payload bytes before the current piece. */
  let before = 0;
  const decode = (bytes: Uint8Array, end: number, batch: NumberedLine[]) => {
    line += 1;
    if (bytes.length === 0) return;
    if (line > limits.maxRows) throw new BadLineError('too-many-rows', line);
    let decoded: PayloadLine;
    try {
      decoded = decodeLine(decoder.decode(bytes));
    } catch {
      throw new BadLineError('not-a-row', line);
    }
    batch.push({ ...decoded, line, end });
  };
  const hold = (bytes: Uint8Array) => {
    pending += bytes.length;
    if (pending > limits.maxLineBytes) throw new BadLineError('line-too-long', line + 1);
    if (bytes.length > 0) pieces.push(bytes);
  };
  return new TransformStream({
    transform(bytes, controller) {
      const batch: NumberedLine[] = [];
      let from = 0;
      for (let end = bytes.indexOf(NEWLINE); end !== -1; end = bytes.indexOf(NEWLINE, from)) {
        hold(bytes.subarray(from, end));
        decode(joined(pieces, pending), before + end + 1, batch);
        pieces = [];
        pending = 0;
        from = end + 1;
      }
      // Copied: the rest of a line waits for the next piece, and the caller may reuse its buffer.
      hold(bytes.slice(from));
      before += bytes.length;
      if (batch.length > 0) controller.enqueue(batch);
    },
    flush(controller) {
      const batch: NumberedLine[] = [];
      if (pending > 0) decode(joined(pieces, pending), before, batch);
      if (batch.length > 0) controller.enqueue(batch);
    },
  });
};

/** The same lines one at a time, for readers that want them so (a CLI check, tests). */
export const payloadLines = (
  limits: PayloadLimits = PAYLOAD_LIMITS,
): ReadableWritablePair<NumberedLine, Uint8Array> => {
  const batches = payloadLineBatches(limits);
  return {
    writable: batches.writable,
    readable: batches.readable.pipeThrough(
      new TransformStream<NumberedLine[], NumberedLine>({
        transform(batch, controller) {
          for (const line of batch) controller.enqueue(line);
        },
      }),
    ),
  };
};
