import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { manualClock } from './clock';
import { createHlc, decodeHlc, HlcError } from './hlc';

describe('hybrid logical clock', () => {
  it('orders two changes made in the same millisecond', () => {
    const hlc = createHlc({ node: 'a', clock: manualClock(1000) });
    const first = hlc.tick();
    const second = hlc.tick();
    expect(first < second).toBe(true);
  });

  it('never runs backwards when the PC clock is set back', () => {
    const clock = manualClock('2026-11-22T10:00:00Z');
    const hlc = createHlc({ node: 'a', clock });
    const before = hlc.tick();
    clock.advance(-3_600_000);
    expect(hlc.tick() > before).toBe(true);
  });

  it('resumes after a restart from the last persisted stamp', () => {
    const clock = manualClock(5000);
    const first = createHlc({ node: 'a', clock });
    const stamp = first.tick();
    clock.set(4000);
    const restarted = createHlc({ node: 'a', clock, last: stamp });
    expect(restarted.tick() > stamp).toBe(true);
  });

  it('stamps a receipt after the remote change it saw', () => {
    const remote = createHlc({ node: 'b', clock: manualClock(10_000) }).tick();
    const local = createHlc({ node: 'a', clock: manualClock(9_000) });
    expect(local.receive(remote) > remote).toBe(true);
    expect(local.tick() > remote).toBe(true);
  });

  it('refuses a remote clock far in the future (drift guard)', () => {
    const local = createHlc({ node: 'a', clock: manualClock(0), maxDriftMs: 60_000 });
    const remote = createHlc({ node: 'b', clock: manualClock(3_600_000) }).tick();
    expect(() => local.receive(remote)).toThrowError(HlcError);
    try {
      local.receive(remote);
    } catch (error) {
      expect((error as HlcError).reason).toBe('drift');
    }
  });

  it('rejects text that is not a stamp', () => {
    expect(() => decodeHlc('yesterday')).toThrowError(HlcError);
  });

  it('string order equals causal order for any interleaving of ticks and receipts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: -1000, max: 1000 })), { maxLength: 60 }),
        (steps) => {
          const clockA = manualClock(1_000_000);
          const clockB = manualClock(1_000_000);
          const a = createHlc({ node: 'a', clock: clockA });
          const b = createHlc({ node: 'b', clock: clockB });
          let lastA = a.tick();
          for (const [fromB, jitter] of steps) {
            clockA.advance(Math.abs(jitter) % 7);
            clockB.advance(jitter % 5);
            if (fromB) {
              const sent = b.tick();
              const received = a.receive(sent);
              expect(received > sent).toBe(true);
              expect(received > lastA).toBe(true);
              lastA = received;
            } else {
              const next = a.tick();
              expect(next > lastA).toBe(true);
              lastA = next;
            }
          }
        },
      ),
    );
  });
});
