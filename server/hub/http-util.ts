import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { HubError } from './hub-error';

/** Reads a request body up to `max` bytes; a larger one is refused before it is all read. */
export const readBody = (
  request: IncomingMessage,
  max: number,
  limits: Record<string, number>,
): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > max) {
      reject(new HubError('too-large', { limits }));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    request.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > max) {
        done = true;
        reject(new HubError('too-large', { limits }));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks));
    });
    request.on('error', (error) => {
      if (done) return;
      done = true;
      reject(error);
    });
  });

/** JSON body checked against its schema: anything else is 400, never a crash. */
export const parseJson = <S extends z.ZodType>(body: Buffer, schema: S): z.infer<S> => {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HubError('malformed', { detail: 'body is not JSON' });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new HubError('malformed', {
      issues: parsed.error.issues.slice(0, 5).map((issue) => ({
        path: issue.path.join('.'),
        message: issue.message,
      })),
    });
  }
  return parsed.data;
};

export const sendJson = (response: ServerResponse, status: number, body: unknown): void => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
};

export const bearerToken = (request: IncomingMessage): string => {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header);
  if (!match) throw new HubError('unauthenticated');
  return match[1]!;
};

/** Failed pairing attempts per client address and in all, in a sliding window. */
export const createPairingThrottle = (
  now: () => number,
  options = { perAddress: 10, total: 100, windowMs: 10 * 60_000 },
) => {
  const failures: { at: number; address: string }[] = [];
  const prune = () => {
    const since = now() - options.windowMs;
    while (failures.length > 0 && failures[0]!.at < since) failures.shift();
  };
  return {
    /** Throws 429 when this address (or everyone together) failed too often lately. */
    check(address: string): void {
      prune();
      const mine = failures.filter((f) => f.address === address).length;
      if (mine >= options.perAddress || failures.length >= options.total) {
        const oldest = failures.find((f) => mine < options.perAddress || f.address === address)!;
        throw new HubError('rate-limited', {
          retryAfterSeconds: Math.max(1, Math.ceil((oldest.at + options.windowMs - now()) / 1000)),
        });
      }
    },
    fail(address: string): void {
      failures.push({ at: now(), address });
    },
  };
};
