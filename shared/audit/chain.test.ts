import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, type AuditEvent } from './audit-event';
import { hashAuditEvent, verifyAuditChain } from './chain';

const chain = (deviceId: string, count: number): AuditEvent[] => {
  const events: AuditEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const content = {
      id: `${deviceId}-${seq}`,
      deviceId,
      seq,
      at: `2026-11-22T08:00:0${seq % 10}.000Z`,
      hlc: `${String(1000 + seq).padStart(15, '0')}-00000-${deviceId}`,
      actorId: 'owner-1',
      actorName: '李娜',
      role: 'owner' as const,
      action: 'login' as const,
      entity: 'session' as const,
      entityId: 'owner-1',
      summary: '',
      prevHash,
    };
    const event = { ...content, hash: hashAuditEvent(content) };
    events.push(event);
    prevHash = event.hash;
  }
  return events;
};

describe('audit hash chain', () => {
  it('an untouched log verifies, across devices and in any order', () => {
    const events = [...chain('desk-1', 5), ...chain('desk-2', 3)].reverse();
    expect(verifyAuditChain(events)).toEqual({ ok: true, checked: 8 });
  });

  it('an edited summary is named as the first broken link', () => {
    const events = chain('desk-1', 5);
    events[2] = { ...events[2]!, summary: 'nothing to see' };
    const report = verifyAuditChain(events);
    expect(report).toMatchObject({
      ok: false,
      firstBreak: { seq: 3, eventId: 'desk-1-3', problem: 'content-changed' },
    });
  });

  it('a deleted event is found', () => {
    const events = chain('desk-1', 5).filter((e) => e.seq !== 2);
    expect(verifyAuditChain(events)).toMatchObject({
      ok: false,
      firstBreak: { seq: 3, problem: 'missing-event' },
    });
  });

  it('an event re-hashed after editing still breaks the link to the next one', () => {
    const events = chain('desk-1', 4);
    const edited = { ...events[1]!, actorName: '王五' };
    events[1] = { ...edited, hash: hashAuditEvent(edited) };
    expect(verifyAuditChain(events)).toMatchObject({
      ok: false,
      firstBreak: { seq: 3, problem: 'link-broken' },
    });
  });
});
