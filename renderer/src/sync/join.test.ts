import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../shared/clock/hlc';
import { mergeChange, type StoredRow } from '../../../shared/sync/merge';
import { registerPatient } from '../db/patients';
import { saveSetting } from '../db/settings';
import { storeWithOwner } from '../db/testing/store';
import { ZHANG_SAN } from '../db/testing/patients';
import { rowClocksKey } from '../db/write';
import { summarizeJoin, yieldingStamp, yieldSettings } from './join';

describe('a PC in use joining a clinic', () => {
  it('summarises what it brings: counts and its accounts', async () => {
    const { ctx, ownerActor } = await storeWithOwner();
    await registerPatient(ctx, ownerActor, ZHANG_SAN);
    expect(await summarizeJoin(ctx.db)).toEqual({
      patients: 1,
      visits: 0,
      consents: 0,
      staff: [{ displayName: '李娜', username: 'lina', roles: ['owner'] }],
    });
  });

  it('yields its settings: stamped older than any change, it loses to the clinic and fills a gap', async () => {
    const { ctx, clock, ownerActor } = await storeWithOwner();
    clock.advance(60_000);
    await saveSetting(ctx, ownerActor, 'security', { lockMinutes: 15 });
    await registerPatient(ctx, ownerActor, ZHANG_SAN);
    const before = await ctx.db.outbox.toArray();
    expect(before.filter((e) => e.table === 'settings')).toHaveLength(3);

    await ctx.db.transaction('rw', [ctx.db.outbox, ctx.db.settings, ctx.db.rowClocks], () =>
      yieldSettings(ctx.db, 'desk-1'),
    );

    const after = await ctx.db.outbox.toArray();
    const yielded = after
      .filter((e) => e.table === 'settings')
      .sort((a, b) => a.deviceSeq - b.deviceSeq);
    // The settings changes yield, in their own order; every other change keeps stamp and number.
    expect(yielded.map((e) => e.hlc)).toEqual(
      [1, 2, 3].map((rank) => yieldingStamp('desk-1', rank)),
    );
    for (const entry of after.filter((e) => e.table !== 'settings'))
      expect(entry).toEqual(before.find((e) => e.id === entry.id));
    const clocks = await ctx.db.rowClocks.get(rowClocksKey('settings', 'security'));

    // The clinic's lock time, set long before (any stamp of a person's change), wins here …
    const held = { row: (await ctx.db.settings.get('security'))!, clocks: clocks!.clocks };
    const clinics = encodeHlc({
      wall: Date.parse('2025-01-01T00:00:00Z'),
      counter: 0,
      node: 'hub-pc',
    });
    const won = mergeChange(held, {
      table: 'settings',
      entityId: 'security',
      op: 'upsert',
      hlc: clinics,
      data: { set: { id: 'security', key: 'security', value: { lockMinutes: 5 }, hlc: clinics } },
      deviceId: 'hub-pc',
    });
    expect(won).toMatchObject({ kind: 'write', row: { value: { lockMinutes: 5 } } });

    // … and where the clinic never set one, this PC's own changes set it, the later one winning
    // in whichever order they arrive.
    const [setup, later] = yielded.filter((e) => e.entityId === 'security');
    const merged = [later!, setup!].reduce<StoredRow | undefined>((state, entry) => {
      const result = mergeChange(state, { ...entry, deviceId: 'desk-1' });
      return result.kind === 'write' ? { row: result.row, clocks: result.clocks ?? {} } : state;
    }, undefined);
    expect(merged?.row).toMatchObject({ value: { lockMinutes: 15 } });
    expect(clocks?.clocks).toEqual({ '@base': later!.hlc });
  });
});
