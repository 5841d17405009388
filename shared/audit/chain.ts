import { canonicalJson } from '../canonical-json';
import { sha256Hex } from '../hash';
import { GENESIS_HASH, type AuditEvent } from './audit-event';

export const hashAuditEvent = (event: Omit<AuditEvent, 'hash'>): string => {
  const { hash: _ignored, ...content } = event as AuditEvent;
  return sha256Hex(canonicalJson(content));
};

export type ChainBreak = {
  deviceId: string;
  seq: number;
  eventId: string;
  problem: 'content-changed' | 'link-broken' | 'missing-event';
};

export type ChainReport =
  { ok: true; checked: number } | { ok: false; checked: number; firstBreak: ChainBreak };

/**
 * Verifies every device's chain. Events may come in any order; each device's events are checked
 * by sequence. Reports the first broken link (lowest sequence of the first device found broken).
 */
export const verifyAuditChain = (events: readonly AuditEvent[]): ChainReport => {
  const byDevice = new Map<string, AuditEvent[]>();
  for (const event of events) {
    const list = byDevice.get(event.deviceId) ?? [];
    list.push(event);
    byDevice.set(event.deviceId, list);
  }
  let checked = 0;
  const breaks: ChainBreak[] = [];
  for (const [deviceId, list] of byDevice) {
    list.sort((a, b) => a.seq - b.seq);
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    for (const event of list) {
      checked++;
      const at = { deviceId, seq: event.seq, eventId: event.id };
      if (event.seq !== expectedSeq) {
        breaks.push({ ...at, problem: 'missing-event' });
        break;
      }
      if (hashAuditEvent(event) !== event.hash) {
        breaks.push({ ...at, problem: 'content-changed' });
        break;
      }
      if (event.prevHash !== prevHash) {
        breaks.push({ ...at, problem: 'link-broken' });
        break;
      }
      prevHash = event.hash;
      expectedSeq++;
    }
  }
  const firstBreak = breaks.sort((a, b) => a.seq - b.seq)[0];
  return firstBreak ? { ok: false, checked, firstBreak } : { ok: true, checked };
};
