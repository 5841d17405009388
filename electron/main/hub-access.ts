import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  HUB_PAIRING_ANSWER_MAX_BYTES,
  hubPairingRequestSchema,
  type HubPairingAnswer,
} from '../../shared/bridge/hub-access';
import { hubOriginSchema, type HubOrigin } from '../../shared/security/content-security-policy';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { createAtomicWriter } from './backup/atomic-file';

/** Under userData: the hub origin the page's policy names (shared/bridge/hub-access.ts). */
export const HUB_ACCESS_FILE = 'hub-access.json';
/** A hub that has not answered a pairing request by then is not going to. */
export const PAIRING_TIMEOUT_MS = 15_000;
/**
 * Pairing requests in any minute. A person types a code a few times at most; the limit keeps the
 * channel from carrying much else to a host the page chose, should the page ever be subverted.
 */
export const PAIRINGS_PER_MINUTE = 6;

const fileSchema = z.object({ version: z.literal(1), origin: hubOriginSchema.nullable() });

/**
 * Why a pairing request was not made or not answered. The message is fixed text: Electron logs a
 * handler's error, and a host name or a network error's details have no place in the log.
 */
export class HubAccessError extends Error {
  constructor(readonly reason: 'busy' | 'too-many' | 'unreachable' | 'too-large') {
    super(`hub pairing request: ${reason}`);
    this.name = 'HubAccessError';
    this.stack = `${this.name}: ${this.message}`;
  }
}

export type HubAccessDeps = {
  /** Electron's userData folder. */
  userData: string;
  /** `net.fetch` on the desktop: the main process's network stack, outside the page's policy. */
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  /** Loads the page again, under a policy naming the new origin: `webContents.reload()`. */
  reload: () => void;
  now?: () => number;
  /** Fixed text only, never an address. */
  log?: (line: string) => void;
};

/** The body, as text, unless it is longer than `max` bytes. */
const readBounded = async (response: Response, max: number): Promise<string> => {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new HubAccessError('too-large');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * The hub origin the desktop page may connect to, remembered in userData/hub-access.json so that
 * the first page of the next launch already has it; and the pairing request the page cannot make
 * to a hub its policy does not name yet. `load` runs before the first page is served.
 */
export const createHubAccess = (deps: HubAccessDeps) => {
  const file = join(deps.userData, HUB_ACCESS_FILE);
  const writeAtomically = createAtomicWriter();
  const now = deps.now ?? Date.now;
  let origin: HubOrigin | null = null;
  let pairing = false;
  let recent: number[] = [];

  return {
    /** A missing or damaged file names no hub: the page says which one when it loads. */
    load: async (): Promise<void> => {
      try {
        const parsed = fileSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
        origin = parsed.success ? parsed.data.origin : null;
        if (!parsed.success) deps.log?.('the saved hub address was not valid and is ignored');
      } catch {
        origin = null;
      }
    },

    /** For the CSP header of each response. */
    origin: (): HubOrigin | null => origin,

    allowed: async () => ({ origin }),

    allow: async (input: { origin: HubOrigin | null }): Promise<void> => {
      if (input.origin === origin) return;
      origin = input.origin;
      try {
        await writeAtomically(file, `${JSON.stringify({ version: 1, origin }, null, 2)}\n`);
      } catch {
        // This launch still uses the new origin; the next one asks the page again.
        deps.log?.('the hub address could not be saved');
      }
      // A page must load again to reach a new hub; one with none needs nothing now, and its next
      // load is closed to the old one.
      if (origin !== null) deps.reload();
    },

    pair: async (input: z.output<typeof hubPairingRequestSchema>): Promise<HubPairingAnswer> => {
      if (pairing) throw new HubAccessError('busy');
      const at = now();
      recent = recent.filter((then) => at - then < 60_000);
      if (recent.length >= PAIRINGS_PER_MINUTE) throw new HubAccessError('too-many');
      recent.push(at);
      pairing = true;
      try {
        let response: Response;
        try {
          response = await deps.fetch(`${input.origin}/v1/pair`, {
            method: 'POST',
            headers: {
              [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
              'content-type': 'application/json',
            },
            body: JSON.stringify(input.pairing),
            // A hub answers where it was asked; a redirect would lead elsewhere.
            redirect: 'error',
            signal: AbortSignal.timeout(PAIRING_TIMEOUT_MS),
          });
        } catch {
          throw new HubAccessError('unreachable');
        }
        const body = await readBounded(response, HUB_PAIRING_ANSWER_MAX_BYTES).catch((error) => {
          throw error instanceof HubAccessError ? error : new HubAccessError('unreachable');
        });
        return { status: response.status, body };
      } finally {
        pairing = false;
      }
    },
  };
};

export type DesktopHubAccess = ReturnType<typeof createHubAccess>;
