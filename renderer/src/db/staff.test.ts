import { describe, expect, it } from 'vitest';
import { PermissionError } from '../../../shared/auth/permissions';
import { completeSetup } from './setup';
import { login, loginDelayMs, unlock } from './session';
import {
  actorOf,
  addStaff,
  changeOwnPassword,
  resetStaffPassword,
  setStaffActive,
  updateStaffProfile,
} from './staff';
import { OWNER_PASSWORD, storeWithOwner, reasonOf } from './testing/store';

const frontDesk = {
  username: 'wangfang',
  displayName: '王芳',
  role: 'front-desk',
  password: 'Front#Desk1',
} as const;

describe('staff accounts', () => {
  it('the wizard cannot be replayed once the clinic has an owner', async () => {
    const { ctx } = await storeWithOwner();
    const again = completeSetup(ctx, {
      clinic: { name: '另一家诊所', regionProvince: '11', regionCity: '北京市' },
      owner: { username: 'intruder', displayName: '某人', password: 'Takeover#99' },
    });
    expect(await reasonOf(again)).toBe('setup-already-done');
  });

  it('refuses a second account with the same username, whatever its case', async () => {
    const { ctx, ownerActor } = await storeWithOwner();
    await addStaff(ctx, ownerActor, frontDesk);
    expect(
      await reasonOf(
        addStaff(ctx, ownerActor, { ...frontDesk, username: 'WangFang', displayName: '王芳二' }),
      ),
    ).toBe('duplicate-username');
  });

  it('refuses empty and 1000-character names and weak passwords', async () => {
    const { ctx, ownerActor } = await storeWithOwner();
    expect(await reasonOf(addStaff(ctx, ownerActor, { ...frontDesk, displayName: '   ' }))).toBe(
      'invalid-input',
    );
    expect(
      await reasonOf(addStaff(ctx, ownerActor, { ...frontDesk, displayName: '张'.repeat(1000) })),
    ).toBe('invalid-input');
    expect(await reasonOf(addStaff(ctx, ownerActor, { ...frontDesk, password: 'abc' }))).toBe(
      'weak-password',
    );
  });

  it('keeps markup in a name as plain text', async () => {
    const { ctx, ownerActor, db } = await storeWithOwner();
    const staff = await addStaff(ctx, ownerActor, {
      ...frontDesk,
      displayName: '<script>alert(1)</script>',
    });
    expect((await db.staff.get(staff.id))?.displayName).toBe('<script>alert(1)</script>');
  });

  it('the repository refuses a front-desk user managing staff, whatever the UI shows', async () => {
    const { ctx, ownerActor } = await storeWithOwner();
    const desk = await addStaff(ctx, ownerActor, frontDesk);
    await expect(
      addStaff(ctx, actorOf(desk), {
        username: 'sneaky',
        displayName: '冒充',
        role: 'owner',
        password: 'Owner#2027',
      }),
    ).rejects.toThrowError(PermissionError);
  });

  it('deactivates instead of deleting, with a reason, and never the last owner', async () => {
    const { ctx, ownerActor, owner, db } = await storeWithOwner();
    const desk = await addStaff(ctx, ownerActor, frontDesk);
    expect(await reasonOf(setStaffActive(ctx, ownerActor, desk.id, false, ' '))).toBe(
      'invalid-input',
    );
    await setStaffActive(ctx, ownerActor, desk.id, false, '离职');
    expect(await db.staff.get(desk.id)).toMatchObject({ active: false, displayName: '王芳' });
    expect(await reasonOf(setStaffActive(ctx, ownerActor, owner.id, false, '测试'))).toBe(
      'last-owner',
    );
    expect(
      await reasonOf(
        updateStaffProfile(ctx, ownerActor, owner.id, { displayName: '李娜', role: 'clinician' }),
      ),
    ).toBe('last-owner');
    const events = await db.auditEvents.where('action').equals('deactivate').toArray();
    expect(events).toMatchObject([{ entityId: desk.id, reason: '离职' }]);
  });
});

describe('what the audit log keeps of staff changes', () => {
  it("records each changed field with old and new value, under the person's name", async () => {
    const { ctx, ownerActor, db } = await storeWithOwner();
    const desk = await addStaff(ctx, ownerActor, frontDesk);
    await updateStaffProfile(ctx, ownerActor, desk.id, { displayName: '王芳', role: 'clinician' });
    const update = await db.auditEvents.where('action').equals('update').first();
    expect(update).toMatchObject({
      summary: '王芳 (wangfang)',
      changes: [{ field: 'role', from: 'front-desk', to: 'clinician' }],
    });
  });

  it('says a password was reset without keeping any part of the hash', async () => {
    const { ctx, ownerActor, db } = await storeWithOwner();
    const desk = await addStaff(ctx, ownerActor, frontDesk);
    await resetStaffPassword(ctx, ownerActor, desk.id, 'Temp#Pass99');
    const stored = await db.staff.get(desk.id);
    const events = JSON.stringify(await db.auditEvents.toArray());
    expect(events).not.toContain(stored!.password.hash);
    expect(events).not.toContain(stored!.password.salt);
    const reset = await db.auditEvents.where('action').equals('password-reset').first();
    expect(reset?.changes).toContainEqual({ field: 'password.hash' });
  });
});

describe("changing one's own password", () => {
  it('asks for the current password, so a passer-by at an unlocked screen cannot', async () => {
    const { ctx, owner } = await storeWithOwner();
    expect(await reasonOf(changeOwnPassword(ctx, owner.id, 'New#Owner2027'))).toBe(
      'wrong-password',
    );
    expect(await reasonOf(changeOwnPassword(ctx, owner.id, 'New#Owner2027', 'guess'))).toBe(
      'wrong-password',
    );
    await changeOwnPassword(ctx, owner.id, 'New#Owner2027', OWNER_PASSWORD);
    expect((await login(ctx, 'lina', 'New#Owner2027')).ok).toBe(true);
  });

  it('right after a reset, the temporary password that just logged in is enough', async () => {
    const { ctx, ownerActor } = await storeWithOwner();
    const desk = await addStaff(ctx, ownerActor, frontDesk);
    const changed = await changeOwnPassword(ctx, desk.id, 'Wang#Fang2026');
    expect(changed.mustChangePassword).toBe(false);
  });
});

describe('login', () => {
  it('logs in with the right password and records it', async () => {
    const { ctx, db } = await storeWithOwner();
    const result = await login(ctx, ' LINA ', OWNER_PASSWORD);
    expect(result.ok).toBe(true);
    expect(await db.auditEvents.where('action').equals('login').count()).toBe(1);
  });

  it('gives the same answer for an unknown name and a wrong password', async () => {
    const { ctx } = await storeWithOwner();
    expect(await login(ctx, 'lina', 'wrong-password')).toEqual({ ok: false, reason: 'invalid' });
    expect(await login(ctx, 'nobody', 'wrong-password')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('slows down after repeated failures, then lets the right password in once the wait is over', async () => {
    const { ctx, clock } = await storeWithOwner();
    await login(ctx, 'lina', 'bad-1');
    await login(ctx, 'lina', 'bad-2');
    const third = await login(ctx, 'lina', 'bad-3');
    expect(third).toEqual({ ok: false, reason: 'throttled', retryAfterMs: 5_000 });
    // Even the right password waits: the throttle does not reveal whether a guess was right.
    expect(await login(ctx, 'lina', OWNER_PASSWORD)).toMatchObject({
      ok: false,
      reason: 'throttled',
    });
    clock.advance(5_000);
    expect((await login(ctx, 'lina', OWNER_PASSWORD)).ok).toBe(true);
  });

  it('doubles the wait with each further failure, up to five minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 20].map(loginDelayMs)).toEqual([
      0, 0, 0, 5_000, 10_000, 20_000, 300_000,
    ]);
  });

  it('a deactivated person cannot log in', async () => {
    const { ctx, ownerActor } = await storeWithOwner();
    const desk = await addStaff(ctx, ownerActor, frontDesk);
    await setStaffActive(ctx, ownerActor, desk.id, false, '离职');
    expect(await login(ctx, 'wangfang', 'Front#Desk1')).toEqual({ ok: false, reason: 'inactive' });
  });

  it('a reset password must be changed at next login', async () => {
    const { ctx, ownerActor } = await storeWithOwner();
    const desk = await addStaff(ctx, ownerActor, frontDesk);
    await resetStaffPassword(ctx, ownerActor, desk.id, 'Temp#Pass99');
    const result = await login(ctx, 'wangfang', 'Temp#Pass99');
    expect(result.ok && result.staff.mustChangePassword).toBe(true);
  });

  it('unlock asks for the same person password and is recorded', async () => {
    const { ctx, owner, db } = await storeWithOwner();
    expect((await unlock(ctx, owner, 'nope')).ok).toBe(false);
    expect((await unlock(ctx, owner, OWNER_PASSWORD)).ok).toBe(true);
    expect(await db.auditEvents.where('action').equals('unlock').count()).toBe(1);
  });
});
