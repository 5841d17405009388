import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../shared/clock/hlc';
import { mergeChange, type StoredRow } from '../../../shared/sync/merge';
import { registerPatient } from '../db/patients';
import { saveSetting } from '../db/settings';
import { completeSetup } from '../db/setup';
import { actorOf } from '../db/staff';
import { freshStore, storeWithOwner } from '../db/testing/store';
import type { OutboxEntry } from '../db/database';
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
    // Each group keeps the stamp of the yielded change that set it, as the merge folds them.
    expect(clocks?.clocks).toEqual(merged?.clocks);
    expect(clocks?.clocks).toMatchObject({ '@created': setup!.hlc, value: later!.hlc });
  });

  it('keeps the clock of each group its yielded changes set: the PC that joined ends like a PC that receives its changes', async () => {
    /** A PC in use, set up by its own owner, joining the clinic: its settings yield. */
    const joining = async (deviceId: string, edit: boolean) => {
      const { ctx: fresh, clock } = freshStore();
      const ctx = { ...fresh, deviceId };
      const { owner } = await completeSetup(ctx, {
        clinic: { name: `诊所 ${deviceId}`, regionProvince: '44', regionCity: '深圳市' },
        owner: {
          username: `owner${deviceId.slice(-1)}`,
          displayName: '李娜',
          password: 'Owner#2026',
        },
      });
      clock.advance(60_000);
      // An edit sets the lock time and who changed it last, not who created the row.
      if (edit) await saveSetting(ctx, actorOf(owner), 'security', { lockMinutes: 15 });
      await ctx.db.transaction('rw', [ctx.db.outbox, ctx.db.settings, ctx.db.rowClocks], () =>
        yieldSettings(ctx.db, deviceId),
      );
      const sent = (await ctx.db.outbox.toArray()).filter(
        (e) => e.table === 'settings' && e.entityId === 'security',
      );
      const row = (await ctx.db.settings.get('security'))!;
      const clocks = (await ctx.db.rowClocks.get(rowClocksKey('settings', 'security')))?.clocks;
      return { deviceId, sent, held: { row, clocks } as StoredRow };
    };
    const fold = (state: StoredRow | undefined, entries: readonly OutboxEntry[], node: string) =>
      entries.reduce<StoredRow | undefined>((at, entry) => {
        const result = mergeChange(at, { ...entry, deviceId: node });
        return result.kind === 'write' ? { row: result.row, clocks: result.clocks ?? {} } : at;
      }, state);
    const one = await joining('desk-1', true);
    const two = await joining('desk-2', false);
    // A third PC receives both PCs' yielded changes; each joined PC receives the other's.
    const third = fold(fold(undefined, one.sent, one.deviceId), two.sent, two.deviceId)!;
    const third2 = fold(fold(undefined, two.sent, two.deviceId), one.sent, one.deviceId)!;
    expect(third2.row).toEqual(third.row);
    expect(fold(one.held, two.sent, two.deviceId)!.row).toEqual(third.row);
    expect(fold(two.held, one.sent, one.deviceId)!.row).toEqual(third.row);
  });
});
