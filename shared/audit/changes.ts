import { sha256Hex } from '../hash';
import type { AuditChange } from './audit-event';

/** A value as the audit log shows it: short, one line, never an object dump. */
const MAX_VALUE_LENGTH = 200;

const show = (value: unknown): string | undefined => {
  if (value === undefined || value === null) return undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
};

/**
 * Personal identifiers, wherever they sit (a patient's, a guardian's on a signed notice): the
 * audit log keeps their last four characters and a digest of the whole, so that a change is still
 * visible (…1234 #3fa2c1 became …5678 #9b07de) without the log holding the number itself.
 */
const MASKED_FIELDS = new Set(['idNumber', 'phone', 'cardNumber']);

export const maskIdentifier = (value: string): string =>
  `…${value.slice(-4)} #${sha256Hex(`clinicdesk-audit:${value}`).slice(0, 6)}`;

const shown = (field: string, value: unknown): string | undefined =>
  typeof value === 'string' && MASKED_FIELDS.has(field.split('.').at(-1)!)
    ? maskIdentifier(value)
    : show(value);

/** A file (a photo) is one value: it has no fields of its own to list. */
const isFile = (value: unknown) => typeof Blob !== 'undefined' && value instanceof Blob;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  !(value instanceof Uint8Array) &&
  !isFile(value);

const flatten = (row: Record<string, unknown>, prefix = ''): Map<string, unknown> => {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(row)) {
    if (isPlainObject(value))
      for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
    else out.set(`${prefix}${key}`, value);
  }
  return out;
};

/**
 * What a change changed, field by field, for the audit event (PRODUCT §7.2: who, when, what).
 * `redact` fields (password hashes, signatures) are named when they change, never shown; ID, phone
 * and card numbers are masked (maskIdentifier).
 */
export const diffForAudit = (
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
  options: { ignore?: readonly string[]; redact?: readonly string[] } = {},
): AuditChange[] => {
  const ignore = new Set(options.ignore ?? []);
  const redact = new Set(options.redact ?? []);
  const old = flatten(before ?? {});
  const next = flatten(after);
  const fields = [...new Set([...old.keys(), ...next.keys()])].filter(
    (field) => !ignore.has(field.split('.')[0]!),
  );
  const changes: AuditChange[] = [];
  for (const field of fields) {
    const [from, to] = [old.get(field), next.get(field)];
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    if (redact.has(field.split('.')[0]!)) changes.push({ field });
    else changes.push({ field, from: shown(field, from), to: shown(field, to) });
  }
  return changes;
};
