import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, type AuditEvent } from './audit-event';
import { verifyAuditChain } from './chain';
import {
  auditEventIntact,
  hashAuditEvent,
  isWipedAuditEvent,
  personalDigestOf,
  sealAuditEvent,
  wipeAuditEvent,
} from './personal-digest';

const content = (seq: number, prevHash: string) => ({
  id: `desk-1-${seq}`,
  deviceId: 'desk-1',
  seq,
  at: `2026-11-22T08:00:0${seq}.000Z`,
  hlc: `${String(1000 + seq).padStart(15, '0')}-00000-desk-1`,
  actorId: 'desk-staff-1',
  actorName: '李娜',
  role: 'front-desk' as const,
  action: 'update' as const,
  entity: 'patient' as const,
  entityId: 'patient-7',
  summary: '张三',
  reason: '登记错误',
  changes: [{ field: 'phone', from: '13800000000', to: '13900000000' }],
  prevHash,
});

/** A first-format event, hashed as every event was before digests. */
const firstFormat = (seq: number, prevHash: string): AuditEvent => {
  const c = content(seq, prevHash);
  return { ...c, hash: hashAuditEvent(c) };
};

const digestChain = (count: number): AuditEvent[] => {
  const events: AuditEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const event = sealAuditEvent(content(seq, prevHash));
    events.push(event);
    prevHash = event.hash;
  }
  return events;
};

describe('audit events whose personal fields a disposal can wipe', () => {
  it('a first-format event keeps the hash it always had: sha256 of everything but the hash', () => {
    // The hash main computed before digests: changing how the first format hashes would break every chain in the field.
    const event = firstFormat(1, GENESIS_HASH);
    expect(event.hash).toBe('a345b67f82c2282d9bfc3383fb5704bac83a9b61f3272641c65c4ec1e8e27003');
  });

  it('a new event carries a 128-bit salt and the digest of its salt and personal fields', () => {
    const event = sealAuditEvent(content(1, GENESIS_HASH));
    expect(event.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(event.personalDigest).toBe(personalDigestOf(event.salt!, event));
    expect(sealAuditEvent(content(1, GENESIS_HASH)).salt).not.toBe(event.salt);
  });

  it('the hash of a new event does not cover the personal fields, only their digest', () => {
    const event = sealAuditEvent(content(1, GENESIS_HASH), '0'.repeat(32));
    expect(hashAuditEvent({ ...event, summary: 'x', reason: undefined, changes: [] })).toBe(
      event.hash,
    );
    expect(hashAuditEvent({ ...event, personalDigest: 'f'.repeat(64) })).not.toBe(event.hash);
  });

  it('a chain of first-format events followed by new ones verifies', () => {
    const first = firstFormat(1, GENESIS_HASH);
    const second = sealAuditEvent(content(2, first.hash));
    expect(verifyAuditChain([first, second])).toEqual({ ok: true, checked: 2 });
  });

  it('a wiped event keeps its chain fields and digest, loses its content, and the chain still verifies', () => {
    const events = digestChain(3);
    const wiped = wipeAuditEvent(events[1]!)!;
    expect(wiped).toEqual({
      ...events[1],
      salt: undefined,
      summary: '',
      reason: undefined,
      changes: undefined,
    });
    expect(Object.keys(wiped)).not.toContain('salt');
    expect(isWipedAuditEvent(wiped)).toBe(true);
    events[1] = wiped;
    // Verified as a disposal's wipe only where the erasure is held.
    expect(verifyAuditChain(events, new Set([wiped.id]))).toEqual({ ok: true, checked: 3 });
  });

  it('a wiped event nobody erased breaks the chain: content-changed', () => {
    const events = digestChain(3);
    events[1] = wipeAuditEvent(events[1]!)!;
    expect(auditEventIntact(events[1])).toBe(false);
    expect(auditEventIntact(events[1], true)).toBe(true);
    expect(verifyAuditChain(events)).toMatchObject({
      ok: false,
      firstBreak: { seq: 2, problem: 'content-changed' },
    });
    // Another event's erasure does not cover it.
    expect(verifyAuditChain(events, new Set([events[0]!.id])).ok).toBe(false);
  });

  it('wiping twice changes nothing', () => {
    const wiped = wipeAuditEvent(digestChain(1)[0]!)!;
    expect(wipeAuditEvent(wiped)).toEqual(wiped);
  });

  it('a first-format event cannot be wiped', () => {
    expect(wipeAuditEvent(firstFormat(1, GENESIS_HASH))).toBeUndefined();
  });

  it('a kept summary edited afterwards no longer matches the digest: content-changed', () => {
    const events = digestChain(3);
    events[1] = { ...events[1]!, summary: '李四' };
    expect(verifyAuditChain(events)).toMatchObject({
      ok: false,
      firstBreak: { seq: 2, problem: 'content-changed' },
    });
  });

  it("an edited change value, re-digested with the same salt, breaks the event's hash", () => {
    const events = digestChain(2);
    const edited = { ...events[0]!, changes: [{ field: 'phone', to: '13700000000' }] };
    events[0] = { ...edited, personalDigest: personalDigestOf(edited.salt!, edited) };
    expect(auditEventIntact(events[0])).toBe(false);
    expect(verifyAuditChain(events)).toMatchObject({
      ok: false,
      firstBreak: { seq: 1, problem: 'content-changed' },
    });
  });

  it("a wiped event's digest tampered with: content-changed", () => {
    const events = digestChain(2);
    events[0] = { ...wipeAuditEvent(events[0]!)!, personalDigest: 'a'.repeat(64) };
    expect(verifyAuditChain(events, new Set([events[0].id]))).toMatchObject({
      ok: false,
      firstBreak: { seq: 1, problem: 'content-changed' },
    });
  });

  it('content put back on a wiped event without its salt cannot be verified: content-changed', () => {
    const events = digestChain(2);
    events[0] = { ...wipeAuditEvent(events[0]!)!, summary: '王五' };
    expect(verifyAuditChain(events, new Set([events[0].id]))).toMatchObject({
      ok: false,
      firstBreak: { seq: 1, problem: 'content-changed' },
    });
  });

  it('a first-format event given a digest no longer verifies', () => {
    const event = firstFormat(1, GENESIS_HASH);
    expect(auditEventIntact({ ...event, personalDigest: 'b'.repeat(64) })).toBe(false);
  });
});
