import { bytesToHex, randomBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from '../canonical-json';
import { sha256Hex } from '../hash';
import type { AuditEvent } from './audit-event';

/**
 * Personal data inside audit events, erasable without breaking the chain (issue 12, "Erasure").
 *
 * An event's `summary`, `reason` and `changes` may name a patient (a name or a phone number before
 * and after an edit); a retention disposal must be able to wipe them, yet each device's chain must
 * still verify. So events carry them OUTSIDE their hash:
 *
 *   personalDigest = sha256(canonicalJson({ salt, summary, reason, changes }))
 *   hash           = sha256(canonicalJson(the event without hash, salt, summary, reason, changes))
 *
 * (`reason`/`changes` absent when the event has none; canonicalJson drops them.) The hash covers
 * every other field, `personalDigest` and `prevHash` included. `salt` is 16 random bytes, hex, one
 * per event: without it a wiped short value (a phone number) could be found again by hashing every
 * candidate against the digest. `actorName` is a staff member's name, not patient data: it stays
 * in the hash as it is.
 *
 * Three shapes, told apart by their fields:
 * - first format (no `personalDigest`): written before digests; the hash covers everything but
 *   `hash`, exactly as it always did. Stores and backups hold such events: their hashing never
 *   changes. Their content cannot be wiped without breaking the chain.
 * - digest format (`personalDigest` and `salt`): verified by recomputing the digest from the
 *   fields, then the hash.
 * - wiped (`personalDigest`, no `salt`): `summary` is '' and `reason`/`changes` are gone; the
 *   stored digest stands for them. Any personal content on a wiped event is a tampering.
 */

/** The fields a disposal wipes (with `salt`). */
export const PERSONAL_FIELDS = ['summary', 'reason', 'changes'] as const;

type Personal = Pick<AuditEvent, 'summary' | 'reason' | 'changes'>;

const SALT_BYTES = 16;

export const newAuditSalt = (): string => bytesToHex(randomBytes(SALT_BYTES));

export const personalDigestOf = (salt: string, personal: Personal): string =>
  sha256Hex(
    canonicalJson({
      salt,
      summary: personal.summary,
      reason: personal.reason,
      changes: personal.changes,
    }),
  );

/** Whether the event is of the digest format (wiped or not). */
export const hasPersonalDigest = (event: Partial<AuditEvent>): boolean =>
  typeof event.personalDigest === 'string';

/** Whether a disposal wiped the event's personal fields. */
export const isWipedAuditEvent = (event: Partial<AuditEvent>): boolean =>
  hasPersonalDigest(event) && event.salt === undefined;

/** What the hash of a digest-format event covers: all but the hash and the personal fields. */
const chainPart = (event: Omit<AuditEvent, 'hash'>): Record<string, unknown> => {
  const {
    hash: _hash,
    salt: _salt,
    summary: _summary,
    reason: _reason,
    changes: _changes,
    ...rest
  } = event as AuditEvent;
  return rest;
};

/** The hash an event should carry, in its own format. */
export const hashAuditEvent = (event: Omit<AuditEvent, 'hash'>): string => {
  if (hasPersonalDigest(event)) return sha256Hex(canonicalJson(chainPart(event)));
  const { hash: _ignored, ...content } = event as AuditEvent;
  return sha256Hex(canonicalJson(content));
};

/**
 * A new event in the digest format: a fresh salt, the digest of its personal fields, its hash.
 * `salt` only for tests that need a fixed one.
 */
export const sealAuditEvent = (
  content: Omit<AuditEvent, 'hash' | 'salt' | 'personalDigest'>,
  salt: string = newAuditSalt(),
): AuditEvent => {
  const sealed = { ...content, salt, personalDigest: personalDigestOf(salt, content) };
  return { ...sealed, hash: hashAuditEvent(sealed) };
};

/**
 * Whether the event's content is what its hash says: its digest matches its personal fields (or,
 * wiped, it holds none), and its hash matches the rest. Not whether it links to its predecessor.
 * A wiped event holds only if a retention disposal erased it (`erasureHeld`): otherwise its
 * content was removed by somebody else, and a chain must not hide that.
 */
export const auditEventIntact = (event: AuditEvent, erasureHeld = false): boolean => {
  if (hasPersonalDigest(event)) {
    if (event.salt === undefined) {
      if (!erasureHeld) return false;
      if (event.summary !== '' || event.reason !== undefined || event.changes !== undefined)
        return false;
    } else if (personalDigestOf(event.salt, event) !== event.personalDigest) return false;
  }
  return hashAuditEvent(event) === event.hash;
};

/**
 * The event with its personal fields wiped: every chain field and the digest kept, so the chain
 * still verifies. Undefined for a first-format event: its hash covers the content itself.
 */
export const wipeAuditEvent = <T extends Partial<AuditEvent>>(event: T): T | undefined => {
  if (!hasPersonalDigest(event)) return undefined;
  const { salt: _salt, reason: _reason, changes: _changes, ...rest } = event;
  return { ...rest, summary: '' } as T;
};
