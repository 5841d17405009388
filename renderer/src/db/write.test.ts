import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../shared/audit/chain';
import { addStaff } from './staff';
import { storeWithOwner } from './testing/store';
import type { SettingsRow } from './database';
import { writeRecord } from './write';

describe('the one write path', () => {
  it('writes the row, its audit event and its outbox entry together', async () => {
    const { db, ctx, ownerActor } = await storeWithOwner();
    const [auditBefore, outboxBefore] = [await db.auditEvents.count(), await db.outbox.count()];
    const staff = await addStaff(ctx, ownerActor, {
      username: 'wangfang',
      displayName: '王芳',
      roles: ['front-desk'],
      password: 'Front#Desk1',
    });
    expect(await db.staff.get(staff.id)).toMatchObject({
      displayName: '王芳',
      updatedBy: ownerActor.staffId,
      deviceId: 'desk-1',
    });
    expect(await db.auditEvents.count()).toBe(auditBefore + 1);
    const outbox = await db.outbox.toArray();
    expect(outbox.length).toBe(outboxBefore + 2);
    expect(outbox.some((entry) => entry.table === 'staff' && entry.entityId === staff.id)).toBe(
      true,
    );
  });

  it('a failure midway leaves none of the three', async () => {
    const { db, ctx, ownerActor } = await storeWithOwner();
    const counts = async () => [
      await db.settings.count(),
      await db.auditEvents.count(),
      await db.outbox.count(),
    ];
    const before = await counts();
    // The outbox refuses the entry after the row was put: the whole transaction must roll back.
    const refuse = () => {
      throw new Error('disk full');
    };
    db.outbox.hook('creating', refuse);
    await expect(
      writeRecord<SettingsRow>(ctx, {
        table: 'settings',
        row: { id: 'ui', key: 'ui', value: { theme: 'dark' } },
        before: undefined,
        audit: { actor: ownerActor, action: 'create', entity: 'settings', summary: 'ui' },
      }),
    ).rejects.toThrow('disk full');
    db.outbox.hook('creating').unsubscribe(refuse);
    expect(await counts()).toEqual(before);
    expect(await db.settings.get('ui')).toBeUndefined();
  });

  it('a failure in the audit step also rolls back the row', async () => {
    const { db, ctx, ownerActor } = await storeWithOwner();
    const before = await db.staff.count();
    const refuse = () => {
      throw new Error('audit store broken');
    };
    db.auditEvents.hook('creating', refuse);
    await expect(
      addStaff(ctx, ownerActor, {
        username: 'zhaolei',
        displayName: '赵磊',
        roles: ['clinician'],
        password: 'Doctor#2026',
      }),
    ).rejects.toThrow('audit store broken');
    db.auditEvents.hook('creating').unsubscribe(refuse);
    expect(await db.staff.count()).toBe(before);
  });

  it('every write extends this device hash chain, which then verifies', async () => {
    const { db, ctx, clock, ownerActor } = await storeWithOwner();
    for (const [username, name] of [
      ['a.chen', '陈一'],
      ['b.liu', '刘二'],
    ] as const) {
      clock.advance(1000);
      await addStaff(ctx, ownerActor, {
        username,
        displayName: name,
        roles: ['front-desk'],
        password: 'Front#Desk1',
      });
    }
    const events = await db.auditEvents.toArray();
    expect(events.map((e) => e.seq).sort((a, b) => a - b)).toEqual(events.map((_, i) => i + 1));
    expect(verifyAuditChain(events)).toEqual({ ok: true, checked: events.length });
  });

  it('stamps each change with an increasing hybrid logical clock, even in the same millisecond', async () => {
    const { db, ctx, ownerActor } = await storeWithOwner();
    await addStaff(ctx, ownerActor, {
      username: 'c.sun',
      displayName: '孙三',
      roles: ['clinician'],
      password: 'Doctor#2026',
    });
    // The clock never moved: every change still gets its own stamp, in the order it was made.
    const stamps = (await db.auditEvents.toArray()).sort((a, b) => a.seq - b.seq).map((e) => e.hlc);
    expect(new Set(stamps).size).toBe(stamps.length);
    expect([...stamps].sort()).toEqual(stamps);
  });
});
