import { describe, expect, it } from 'vitest';
import type { AuditEvent } from './audit-event';
import { advancesCheckpoint, checkAgainstCheckpoints, type Checkpoint } from './checkpoint';

const hash = (n: number) => n.toString(16).padStart(64, '0');
const events = (deviceId: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    deviceId,
    seq: i + 1,
    hash: hash(i + 1),
  })) as AuditEvent[];
const checkpoint = (seq: number, deviceId = 'desk-1', h = hash(seq)): Checkpoint => ({
  deviceId,
  seq,
  hash: h,
  mac: 'a'.repeat(64),
});
const statuses = (list: AuditEvent[], checkpoints: (Checkpoint & { signatureValid?: boolean })[]) =>
  checkAgainstCheckpoints(list, checkpoints).map((c) => c.status);

describe('a chain against its checkpoint', () => {
  it('reaching it, or going past it (the checkpoint lags its appends), is in order', () => {
    expect(statuses(events('desk-1', 5), [checkpoint(5)])).toEqual(['ok']);
    expect(statuses(events('desk-1', 8), [checkpoint(5)])).toEqual(['ok']);
  });

  it('ending before it is a chain shorter than its checkpoint', () => {
    expect(checkAgainstCheckpoints(events('desk-1', 3), [checkpoint(5)])).toEqual([
      { deviceId: 'desk-1', status: 'shorter', checkpointSeq: 5, lastSeq: 3 },
    ]);
  });

  it('another hash at its number is a rewritten chain', () => {
    expect(statuses(events('desk-1', 5), [checkpoint(4, 'desk-1', hash(99))])).toEqual([
      'rewritten',
    ]);
  });

  it('no event at all for a checkpointed device is an emptied chain', () => {
    expect(statuses(events('desk-2', 2), [checkpoint(4)])).toEqual(['emptied']);
  });

  it('a signature that does not verify is an alarm whatever the chain says', () => {
    expect(statuses(events('desk-1', 5), [{ ...checkpoint(5), signatureValid: false }])).toEqual([
      'signature-invalid',
    ]);
  });

  it('a checkpoint only ever moves forward', () => {
    expect(advancesCheckpoint(undefined, checkpoint(1))).toBe(true);
    expect(advancesCheckpoint(checkpoint(4), checkpoint(5))).toBe(true);
    expect(advancesCheckpoint(checkpoint(4), checkpoint(4, 'desk-1', hash(9)))).toBe(false);
    expect(advancesCheckpoint(checkpoint(4), checkpoint(3))).toBe(false);
  });
});
