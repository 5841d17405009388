import { z } from 'zod';
import { hubOriginSchema } from '../security/content-security-policy';
import { pairRequestSchema } from '../sync/protocol';

/**
 * The desktop's gate to the clinic's sync hub. The page's Content-Security-Policy header lets it
 * connect only to the hub origin the main process keeps (shared/security/content-security-policy.ts);
 * the page tells it which hub its link names, and the main process reloads the page when that
 * changes, since a document's policy is fixed when it loads. Pairing with a hub the page may not
 * reach yet goes through the main process. A browser has no such gate (its bridge has no
 * `hubAccess`): there the built page's own, broader policy applies.
 */

/** The hub the page's policy names; null: none, the page connects only to itself. */
export const hubAccessStateSchema = z.object({ origin: hubOriginSchema.nullable() }).strict();
export type HubAccessState = z.infer<typeof hubAccessStateSchema>;

/** One pairing request (POST /v1/pair) to the hub at `origin`. */
export const hubPairingRequestSchema = z
  .object({ origin: hubOriginSchema, pairing: pairRequestSchema })
  .strict();

/** The most of a hub's answer to a pairing request the main process reads (it is a few hundred bytes). */
export const HUB_PAIRING_ANSWER_MAX_BYTES = 64 * 1024;

/** The hub's answer as it came: the page reads it as it would its own fetch's. */
export const hubPairingAnswerSchema = z
  .object({
    status: z.number().int().min(200).max(599),
    body: z.string().max(HUB_PAIRING_ANSWER_MAX_BYTES),
  })
  .strict();
export type HubPairingAnswer = z.infer<typeof hubPairingAnswerSchema>;

export type HubAccess = {
  /** The hub the current page may connect to. */
  allowed(): Promise<HubAccessState>;
  /**
   * Names the hub the page may connect to from its next load on. A different hub than before is
   * remembered and the page is reloaded at once (a kept session survives that); none (unpaired)
   * is remembered and takes effect at the next load.
   */
  allow(input: { origin: string | null }): Promise<void>;
  /** The pairing request, made by the main process: the page's policy does not stand in the way. */
  pair(input: z.input<typeof hubPairingRequestSchema>): Promise<HubPairingAnswer>;
};

/** IPC channel names of the desktop's hub access, and the schema each request is validated with. */
export const hubAccessIpc = {
  allowed: { channel: 'clinicdesk:hub-access-allowed', input: z.undefined() },
  allow: { channel: 'clinicdesk:hub-access-allow', input: hubAccessStateSchema },
  pair: { channel: 'clinicdesk:hub-access-pair', input: hubPairingRequestSchema },
} as const;
