import { GENESIS_HASH, type AuditEvent } from './audit-event';
import { auditEventIntact, hashAuditEvent } from './personal-digest';

// Both formats (first, digest) hash here; personal-digest.ts says how.
export { hashAuditEvent };

export type ChainBreak = {
  deviceId: string;
  seq: number;
  eventId: string;
  problem: 'content-changed' | 'link-broken' | 'missing-event';
};

export type ChainReport =
  { ok: true; checked: number } | { ok: false; checked: number; firstBreak: ChainBreak };

/** One device's chain: how many of its events were checked, and its first break if any. */
export type DeviceChainReport = { deviceId: string; events: number; firstBreak?: ChainBreak };

/**
 * The ids of the audit events a retention disposal erased (the store's `erasures`): only those
 * may be wiped. A wiped event not among them breaks its chain ('content-changed').
 */
export type ErasedEvents = ReadonlySet<string>;

const NONE: ErasedEvents = new Set();

/** Checks one device's events, in sequence from 1; stops at the first break. */
const checkDeviceChain = (
  deviceId: string,
  list: AuditEvent[],
  erased: ErasedEvents,
): { checked: number; firstBreak?: ChainBreak } => {
  list.sort((a, b) => a.seq - b.seq);
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (const event of list) {
    checked++;
    const at = { deviceId, seq: event.seq, eventId: event.id };
    if (event.seq !== expectedSeq)
      return { checked, firstBreak: { ...at, problem: 'missing-event' } };
    if (!auditEventIntact(event, erased.has(event.id)))
      return { checked, firstBreak: { ...at, problem: 'content-changed' } };
    if (event.prevHash !== prevHash)
      return { checked, firstBreak: { ...at, problem: 'link-broken' } };
    prevHash = event.hash;
    expectedSeq++;
  }
  return { checked };
};

const byDevice = (events: readonly AuditEvent[]): Map<string, AuditEvent[]> => {
  const devices = new Map<string, AuditEvent[]>();
  for (const event of events) {
    const list = devices.get(event.deviceId) ?? [];
    list.push(event);
    devices.set(event.deviceId, list);
  }
  return devices;
};

/** Every device's chain on its own, in device order: what a restore preview lists. */
export const verifyChainsByDevice = (
  events: readonly AuditEvent[],
  erased: ErasedEvents = NONE,
): DeviceChainReport[] =>
  [...byDevice(events)]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([deviceId, list]) => {
      const { firstBreak } = checkDeviceChain(deviceId, list, erased);
      return { deviceId, events: list.length, ...(firstBreak ? { firstBreak } : {}) };
    });

/**
 * Verifies every device's chain. Events may come in any order; each device's events are checked
 * by sequence. Reports the first broken link (lowest sequence of the first device found broken).
 */
export const verifyAuditChain = (
  events: readonly AuditEvent[],
  erased: ErasedEvents = NONE,
): ChainReport => {
  let checked = 0;
  const breaks: ChainBreak[] = [];
  for (const [deviceId, list] of byDevice(events)) {
    const report = checkDeviceChain(deviceId, list, erased);
    checked += report.checked;
    if (report.firstBreak) breaks.push(report.firstBreak);
  }
  const firstBreak = breaks.sort((a, b) => a.seq - b.seq)[0];
  return firstBreak ? { ok: false, checked, firstBreak } : { ok: true, checked };
};
