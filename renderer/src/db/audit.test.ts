import { describe, expect, it } from 'vitest';
import { PermissionError } from '../../../shared/auth/permissions';
import { queryAudit } from './audit';
import { openPatient } from './patients';
import { chairClinic } from './testing/consents';

describe('the audit log is read by the owner and the insurance officer only', () => {
  it('the officer sees who opened which record', async () => {
    const { ctx, db, desk, officer, patient } = await chairClinic();
    await openPatient(ctx, desk, patient.id);
    const views = await queryAudit(db, officer, { action: 'view', entity: 'patient' });
    expect(views.map((e) => [e.actorName, e.entityId])).toEqual([['王芳', patient.id]]);
  });

  it('the front desk and the clinician are refused the log', async () => {
    const { db, desk, doctor } = await chairClinic();
    for (const reader of [desk, doctor])
      await expect(queryAudit(db, reader, {})).rejects.toBeInstanceOf(PermissionError);
  });
});

describe('the audit log by date', () => {
  it('lists the events of the picked days, newest first, read by their ids with no index by time', async () => {
    const { ctx, clock, db, desk, officer, patient } = await chairClinic();
    const openedAt = (iso: string) => {
      clock.set(iso);
      return openPatient(ctx, desk, patient.id);
    };
    await openedAt('2026-11-23T23:59:59.999+08:00');
    await openedAt('2026-11-24T00:00:00.000+08:00');
    await openedAt('2026-11-24T12:30:00.000+08:00');
    await openedAt('2026-11-24T23:59:59.999+08:00');
    await openedAt('2026-11-25T00:00:00.000+08:00');
    // The clinic day 2026-11-24 (Asia/Shanghai), as the audit screen's filter gives it.
    const day = { from: '2026-11-23T16:00:00.000Z', to: '2026-11-24T15:59:59.999Z' };
    const views = await queryAudit(db, officer, { ...day, action: 'view' });
    expect(views.map((e) => e.at)).toEqual([
      '2026-11-24T15:59:59.999Z',
      '2026-11-24T04:30:00.000Z',
      '2026-11-23T16:00:00.000Z',
    ]);
    // Open on one side: everything from (or up to) the instant.
    expect((await queryAudit(db, officer, { from: day.to, action: 'view' })).length).toBe(2);
    expect((await queryAudit(db, officer, { to: day.from, action: 'view' })).length).toBe(2);
    expect(db.auditEvents.schema.indexes.map((index) => index.name)).not.toContain('at');
  });
});
