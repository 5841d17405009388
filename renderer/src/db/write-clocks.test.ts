import { describe, expect, it } from 'vitest';
import { decodeHlc, encodeHlc } from '../../../shared/clock/hlc';
import { clocksImpliedBy, patchOf } from '../../../shared/sync/merge';
import type { LogEntry } from '../../../shared/sync/protocol';
import { applyPage } from '../sync/apply';
import { registerPatient, updatePatient } from './patients';
import { ZHANG_SAN } from './testing/patients';
import { storeWithOwner } from './testing/store';
import { rowClocksKey } from './write';

describe('merge clocks of a local edit', () => {
  it('a local edit the merge keeps out (this PC behind) leaves the clocks where they were, not at its own stamp', async () => {
    // Another PC, its clock 10 minutes ahead, registers 张三; this PC holds the row with no clocks
    // (the row implies them) and does not follow a stamp that far ahead of its own clock.
    const other = await storeWithOwner();
    const zhang = await registerPatient(other.ctx, other.ownerActor, ZHANG_SAN);
    const here = await storeWithOwner();
    const ahead = encodeHlc({ wall: here.clock.now() + 10 * 60_000, counter: 0, node: 'pc-ahead' });
    const row = { ...zhang, hlc: ahead, deviceId: 'pc-ahead' } as Record<string, unknown>;
    const pulled: LogEntry = {
      seq: 1,
      deviceId: 'pc-ahead',
      receivedAt: here.clock.now() + 10 * 60_000,
      change: {
        deviceSeq: 1,
        txId: 'tx-1',
        txIndex: 0,
        txSize: 1,
        table: 'patients',
        entityId: zhang.id,
        op: 'upsert',
        hlc: ahead,
        schemaVersion: 1,
        data: patchOf('patients', undefined, row),
      },
    };
    const apply = { db: here.db, clock: here.clock, deviceId: here.ctx.deviceId };
    await applyPage(apply, [pulled], 1);
    const key = rowClocksKey('patients', zhang.id);
    expect(await here.db.rowClocks.get(key)).toBeUndefined();

    // The front desk here changes the phone: its stamp is older than the row's, so it loses.
    const edited = await updatePatient(
      here.ctx,
      here.ownerActor,
      zhang.id,
      { ...ZHANG_SAN, phone: '13900001111' },
      '',
    );
    expect(decodeHlc(edited.hlc).wall).toBeLessThan(decodeHlc(ahead).wall);
    // Every group still stands at the other PC's stamp, whatever the row's own hlc now says.
    expect((await here.db.rowClocks.get(key))?.clocks).toEqual(clocksImpliedBy('patients', row));
  });
});
