import { describe, expect, it } from 'vitest';
import { PermissionError } from '../../../shared/auth/permissions';
import type { ComplaintInput } from '../../../shared/complaints/complaint';
import { checkBackupRow } from '../../../shared/backup/row-schemas';
import { recordComplaint } from './complaints';
import { readSetting, saveSetting } from './settings';
import { actorOf } from './staff';
import { errorOf, reasonOf, storeWithOwner } from './testing/store';
import { addTeam } from './testing/visits';

const RECEIVED_FRIDAY: ComplaintInput = {
  receivedAt: '2026-11-27T10:00:00+08:00',
  channel: 'phone',
  complainant: { kind: 'anonymous' },
  category: 'waiting',
  description: '候诊时间太长',
  severity: 'ordinary',
};

const OWN_POLICY = { name: '本院 4 / 10', ordinaryDays: 4, majorDays: 10 };
const DEC_1_CLOSED = { date: '2026-12-01', kind: 'holiday', name: '院庆停诊' } as const;

const clinic = async () => {
  const store = await storeWithOwner();
  store.clock.set('2026-11-27T11:00:00+08:00');
  const team = await addTeam(store.ctx, store.ownerActor);
  return { ...store, desk: actorOf(team.desk), officer: actorOf(team.officer) };
};

describe('complaint deadline settings', () => {
  it('the owner saves a clinic-defined policy as the default, audited as a settings change', async () => {
    const { ctx, ownerActor, db } = await clinic();
    await saveSetting(ctx, ownerActor, 'complaints', {
      defaultPolicy: OWN_POLICY.name,
      custom: OWN_POLICY,
    });
    expect(await readSetting(db, 'complaints')).toEqual({
      defaultPolicy: OWN_POLICY.name,
      custom: OWN_POLICY,
    });
    const audit = await db.auditEvents.where('entityId').equals('complaints').toArray();
    expect(audit).toMatchObject([{ action: 'create', entity: 'settings', summary: 'complaints' }]);
  });

  it.each([
    ['zero days', { ...OWN_POLICY, ordinaryDays: 0 }],
    ['negative days', { ...OWN_POLICY, majorDays: -3 }],
    ['a fraction', { ...OWN_POLICY, ordinaryDays: 2.5 }],
    ['more than 30', { ...OWN_POLICY, majorDays: 31 }],
    ['not a number', { ...OWN_POLICY, ordinaryDays: 'three' as unknown as number }],
    ['a preset name', { ...OWN_POLICY, name: '3 / 7' }],
  ])('refuses a policy with %s and saves nothing', async (_, custom) => {
    const { ctx, ownerActor, db } = await clinic();
    const error = await errorOf(
      saveSetting(ctx, ownerActor, 'complaints', { defaultPolicy: custom.name, custom }),
    );
    expect(error?.reason).toBe('invalid-input');
    expect(await db.settings.get('complaints')).toBeUndefined();
  });

  it('refuses a default that names no offered policy', async () => {
    const { ctx, ownerActor } = await clinic();
    expect(
      await reasonOf(saveSetting(ctx, ownerActor, 'complaints', { defaultPolicy: '9 / 9' })),
    ).toBe('invalid-input');
  });

  it('refuses an override table with a date twice or a malformed row, and saves nothing', async () => {
    const { ctx, ownerActor, db } = await clinic();
    const twice = [DEC_1_CLOSED, { date: '2026-12-01', kind: 'workday' } as const];
    expect(await reasonOf(saveSetting(ctx, ownerActor, 'holidays', { overrides: twice }))).toBe(
      'invalid-input',
    );
    const malformed = [{ date: '2026-02-30', kind: 'holiday' } as const];
    const error = await errorOf(saveSetting(ctx, ownerActor, 'holidays', { overrides: malformed }));
    expect(error?.reason).toBe('invalid-input');
    expect(await db.settings.get('holidays')).toBeUndefined();
  });

  it('only the owner may change them', async () => {
    const { ctx, officer } = await clinic();
    await expect(
      saveSetting(ctx, officer, 'holidays', { overrides: [DEC_1_CLOSED] }),
    ).rejects.toBeInstanceOf(PermissionError);
  });

  it('a backup carrying the settings rows restores; one with a bad override table is refused', async () => {
    const { ctx, ownerActor, db } = await clinic();
    await saveSetting(ctx, ownerActor, 'holidays', { overrides: [DEC_1_CLOSED] });
    const row = (await db.settings.get('holidays'))!;
    expect(checkBackupRow('settings', row)).toBeUndefined();
    const bad = { ...row, value: { overrides: [DEC_1_CLOSED, DEC_1_CLOSED] } };
    expect(checkBackupRow('settings', bad)).toEqual({
      field: 'value.overrides.1',
      problem: 'breaks-rule',
    });
  });
});

describe('a complaint saved after the settings changed', () => {
  it('is due a day later when an override closes the clinic on one of its working days', async () => {
    const { ctx, ownerActor, desk } = await clinic();
    // Friday 27 November: Monday 30, Tuesday 1, Wednesday 2 December.
    expect((await recordComplaint(ctx, desk, RECEIVED_FRIDAY)).resolutionDue).toBe('2026-12-02');
    await saveSetting(ctx, ownerActor, 'holidays', { overrides: [DEC_1_CLOSED] });
    expect((await recordComplaint(ctx, desk, RECEIVED_FRIDAY)).resolutionDue).toBe('2026-12-03');
  });

  it("gets the clinic's default policy when the desk picks none", async () => {
    const { ctx, ownerActor, desk } = await clinic();
    await saveSetting(ctx, ownerActor, 'complaints', {
      defaultPolicy: OWN_POLICY.name,
      custom: OWN_POLICY,
    });
    const saved = await recordComplaint(ctx, desk, RECEIVED_FRIDAY);
    expect(saved.policy).toEqual(OWN_POLICY);
    // Four working days: 30 November, 1, 2, 3 December.
    expect(saved.resolutionDue).toBe('2026-12-03');
  });

  it('never moves the deadlines of complaints already received', async () => {
    const { ctx, ownerActor, desk, db } = await clinic();
    const old = await recordComplaint(ctx, desk, RECEIVED_FRIDAY);
    await saveSetting(ctx, ownerActor, 'holidays', { overrides: [DEC_1_CLOSED] });
    await saveSetting(ctx, ownerActor, 'complaints', {
      defaultPolicy: OWN_POLICY.name,
      custom: OWN_POLICY,
    });
    expect(await db.complaints.get(old.id)).toMatchObject({
      policy: { name: '3 / 7' },
      resolutionDue: '2026-12-02',
    });
  });
});
