import { describe, expect, it } from 'vitest';
import { PermissionError } from '../../../shared/auth/permissions';
import type { NewStaffInput } from '../../../shared/staff/staff';
import { completeSetup } from './setup';
import { failedAttempts, FREE_ATTEMPTS, loginDelayMs } from './attempts';
import { login, unlock, verifyCredentials } from './session';
import {
  actorOf,
  addStaff,
  changeOwnPassword,
  renameSharedUsername,
  resetStaffPassword,
  setStaffActive,
  updateStaffProfile,
} from './staff';
import { errorOf, freshStore, OWNER_PASSWORD, storeWithOwner, reasonOf } from './testing/store';

const frontDesk: NewStaffInput = {
  username: 'wangfang',
  displayName: '王芳',
  roles: ['front-desk'],
  password: 'Front#Desk1',
};

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
        roles: ['owner'],
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
        updateStaffProfile(ctx, ownerActor, owner.id, {
          displayName: '李娜',
          roles: ['clinician'],
        }),
      ),
    ).toBe('last-owner');
    const events = await db.auditEvents.filter((event) => event.action === 'deactivate').toArray();
    expect(events).toMatchObject([{ entityId: desk.id, reason: '离职' }]);
  });
});

describe('several roles per person', () => {
  it('the owner gives a person several roles; they are kept as one set, in the fixed order', async () => {
    const { ctx, ownerActor, db } = await storeWithOwner();
    const desk = await addStaff(ctx, ownerActor, {
      ...frontDesk,
      roles: ['pharmacist', 'front-desk'],
    });
    expect((await db.staff.get(desk.id))?.roles).toEqual(['front-desk', 'pharmacist']);
    // A PC not yet updated reads `role`: the change tells it the one it knows.
    const queued = (await db.outbox.toArray()).find((e) => e.entityId === desk.id);
    expect(queued?.data).toMatchObject({
      set: { roles: ['front-desk', 'pharmacist'], role: 'front-desk' },
    });
    expect(
      await reasonOf(
        updateStaffProfile(ctx, ownerActor, desk.id, { displayName: '王芳', roles: [] }),
      ),
    ).toBe('invalid-input');
    expect((await errorOf(addStaff(ctx, ownerActor, { ...frontDesk, roles: [] })))?.field).toBe(
      'roles',
    );
  });

  it('the last owner cannot lose the owner role, even while gaining another', async () => {
    const { ctx, ownerActor, owner, db } = await storeWithOwner();
    expect(
      await reasonOf(
        updateStaffProfile(ctx, ownerActor, owner.id, {
          displayName: '李娜',
          roles: ['clinician', 'pharmacist'],
        }),
      ),
    ).toBe('last-owner');
    // Adding a role keeps the owner the owner.
    await updateStaffProfile(ctx, ownerActor, owner.id, {
      displayName: '李娜',
      roles: ['clinician', 'owner'],
    });
    expect((await db.staff.get(owner.id))?.roles).toEqual(['clinician', 'owner']);
  });

  it('another active person holding the owner role among others lets the first one go', async () => {
    const { ctx, ownerActor, owner, db } = await storeWithOwner();
    const partner = await addStaff(ctx, ownerActor, {
      ...frontDesk,
      roles: ['clinician', 'owner'],
    });
    await updateStaffProfile(ctx, ownerActor, owner.id, {
      displayName: '李娜',
      roles: ['clinician'],
    });
    expect((await db.staff.get(owner.id))?.roles).toEqual(['clinician']);
    // Now the partner is the last owner.
    expect(await reasonOf(setStaffActive(ctx, actorOf(partner), partner.id, false, '测试'))).toBe(
      'last-owner',
    );
  });

  it('the audit log records the role an act was done in, not just one the person holds', async () => {
    const { ctx, ownerActor, owner, db } = await storeWithOwner();
    const both = await updateStaffProfile(ctx, ownerActor, owner.id, {
      displayName: '李娜',
      roles: ['clinician', 'owner'],
    });
    await addStaff(ctx, actorOf(both), frontDesk);
    const created = await db.auditEvents.filter((event) => event.action === 'create').last();
    expect(created).toMatchObject({ actorId: owner.id, role: 'owner' });
  });
});

describe('what the audit log keeps of staff changes', () => {
  it("records each changed field with old and new value, under the person's name", async () => {
    const { ctx, ownerActor, db } = await storeWithOwner();
    const desk = await addStaff(ctx, ownerActor, frontDesk);
    await updateStaffProfile(ctx, ownerActor, desk.id, {
      displayName: '王芳',
      roles: ['clinician'],
    });
    const update = await db.auditEvents.filter((event) => event.action === 'update').first();
    expect(update).toMatchObject({
      summary: '王芳 (wangfang)',
      changes: [{ field: 'roles', from: '["front-desk"]', to: '["clinician"]' }],
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
    const reset = await db.auditEvents.filter((event) => event.action === 'password-reset').first();
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

  it('a wrong current password counts like a failed login, is audited and is throttled', async () => {
    const { ctx, owner, db } = await storeWithOwner();
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        reasonOf(changeOwnPassword(ctx, owner.id, 'New#Owner2027', `guess-${i}`)),
      ),
    );
    expect(attempts.filter((r) => r === 'wrong-password')).toHaveLength(FREE_ATTEMPTS);
    expect(attempts.filter((r) => r === 'password-throttled')).toHaveLength(6 - FREE_ATTEMPTS);
    expect(await failedAttempts(ctx, 'lina')).toBe(6);
    expect(
      await db.auditEvents
        .filter((event) => event.action === 'login-failed')
        .filter((e) => e.entity === 'staff')
        .count(),
    ).toBe(6);
    expect(await login(ctx, 'lina', OWNER_PASSWORD)).toMatchObject({ reason: 'throttled' });
    const error = await errorOf(changeOwnPassword(ctx, owner.id, 'New#Owner2027', OWNER_PASSWORD));
    expect(error).toMatchObject({ reason: 'password-throttled', field: 'currentPassword' });
  });

  it('right after a reset, the temporary password that just logged in is enough', async () => {
    const { ctx, ownerActor } = await storeWithOwner();
    const desk = await addStaff(ctx, ownerActor, frontDesk);
    const changed = await changeOwnPassword(ctx, desk.id, 'Wang#Fang2026');
    expect(changed.mustChangePassword).toBe(false);
  });
});

describe('weak passwords are refused, naming the rule', () => {
  const setupWith = (password: string) =>
    completeSetup(freshStore().ctx, {
      clinic: { name: '康宁口腔诊所', regionProvince: '44', regionCity: '深圳市' },
      owner: { username: 'lina', displayName: '李娜', password },
    });

  it.each([
    ['aaaaaaaaaaaaaa', 'repeated'],
    ['11111111111111', 'repeated'],
    ['Password123', 'common'],
    ['12345678Aa', 'common'],
    ['Lina#2026lina', 'contains-username'],
  ])('the owner cannot be set up with %s (%s)', async (password, rule) => {
    const error = await errorOf(setupWith(password));
    expect(error).toMatchObject({ reason: 'weak-password', field: 'password', values: { rule } });
  });

  it('the forced first-login change refuses the temporary password itself', async () => {
    const { ctx, ownerActor } = await storeWithOwner();
    const desk = await addStaff(ctx, ownerActor, frontDesk);
    const error = await errorOf(changeOwnPassword(ctx, desk.id, frontDesk.password));
    expect(error).toMatchObject({ reason: 'password-reused', field: 'password' });
  });

  it('a change refuses the current password as the new one', async () => {
    const { ctx, owner } = await storeWithOwner();
    expect(await reasonOf(changeOwnPassword(ctx, owner.id, OWNER_PASSWORD, OWNER_PASSWORD))).toBe(
      'password-reused',
    );
  });

  it('the owner cannot give a weak temporary password either', async () => {
    const { ctx, ownerActor } = await storeWithOwner();
    const desk = await addStaff(ctx, ownerActor, frontDesk);
    expect(await reasonOf(resetStaffPassword(ctx, ownerActor, desk.id, 'Password123'))).toBe(
      'weak-password',
    );
    expect(
      await reasonOf(addStaff(ctx, ownerActor, { ...frontDesk, password: '12345678Aa' })),
    ).toBe('weak-password');
  });
});

/**
 * The owner "lina" and what sync brings in from another PC: a second "lina" (zz-other-lina), made
 * there before the two PCs synced, with a password of her own (the front desk's).
 */
const withSecondLina = async () => {
  const store = await storeWithOwner();
  const other = await addStaff(store.ctx, actorOf(store.owner), frontDesk);
  await store.db.staff.put({
    ...other,
    id: 'zz-other-lina',
    username: 'lina',
    displayName: '李娜（二）',
  });
  return store;
};

describe('login', () => {
  it('logs in with the right password and records it', async () => {
    const { ctx, db } = await storeWithOwner();
    const result = await login(ctx, ' LINA ', OWNER_PASSWORD);
    expect(result.ok).toBe(true);
    expect(await db.auditEvents.filter((event) => event.action === 'login').count()).toBe(1);
  });

  it('two accounts under one username (created on two PCs before they synced): each logs in with its own password', async () => {
    const { ctx, owner } = await withSecondLina();
    const first = await login(ctx, 'lina', OWNER_PASSWORD);
    expect(first.ok && first.staff.id).toBe(owner.id);
    const second = await login(ctx, 'lina', frontDesk.password);
    expect(second.ok && second.staff.displayName).toBe('李娜（二）');
    expect(await login(ctx, 'lina', 'wrong-password')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('the owner gives one of two accounts under one username a username of its own', async () => {
    const { ctx, db, owner } = await withSecondLina();
    const renamed = await renameSharedUsername(ctx, actorOf(owner), 'zz-other-lina', ' LiNa2 ');
    expect(renamed.username).toBe('lina2');
    // Each now logs in under their own name, with the password they had.
    const second = await login(ctx, 'lina2', frontDesk.password);
    expect(second.ok && second.staff.displayName).toBe('李娜（二）');
    const first = await login(ctx, 'lina', OWNER_PASSWORD);
    expect(first.ok && first.staff.id).toBe(owner.id);
    const updates = await db.auditEvents.filter((event) => event.action === 'update').toArray();
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({
      summary: '李娜（二） (lina2)',
      changes: [{ field: 'username', from: 'lina', to: 'lina2' }],
    });
  });

  it('renames nothing but a shared username, to one nobody has, and only for the owner', async () => {
    const { ctx, db, owner } = await storeWithOwner();
    const desk = await addStaff(ctx, actorOf(owner), frontDesk);
    // A username that is not shared is the login: it stays.
    expect(await reasonOf(renameSharedUsername(ctx, actorOf(owner), desk.id, 'wf'))).toBe(
      'username-not-shared',
    );
    await db.staff.put({ ...desk, id: 'zz-other-wangfang', displayName: '王芳（二）' });
    expect(
      await reasonOf(renameSharedUsername(ctx, actorOf(owner), 'zz-other-wangfang', 'lina')),
    ).toBe('duplicate-username');
    expect(
      await reasonOf(renameSharedUsername(ctx, actorOf(owner), 'zz-other-wangfang', '王 芳')),
    ).toBe('invalid-input');
    expect(await errorOf(renameSharedUsername(ctx, actorOf(desk), desk.id, 'wf2'))).toBeInstanceOf(
      PermissionError,
    );
    expect((await db.staff.get('zz-other-wangfang'))?.username).toBe('wangfang');
  });

  it('gives the same answer for an unknown name and a wrong password', async () => {
    const { ctx } = await storeWithOwner();
    expect(await login(ctx, 'lina', 'wrong-password')).toEqual({ ok: false, reason: 'invalid' });
    expect(await login(ctx, 'nobody', 'wrong-password')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('a password typed into the username box is kept nowhere: not in the audit log, not as a key', async () => {
    const { ctx, db } = await storeWithOwner();
    expect(await login(ctx, 'Hunter#2026secret', 'x')).toEqual({ ok: false, reason: 'invalid' });
    const [failed] = await db.auditEvents
      .filter((event) => event.action === 'login-failed')
      .toArray();
    expect(failed).toMatchObject({
      actorName: '未知用户名 / unknown username',
      summary: '未知用户名 / unknown username',
    });
    const everything = JSON.stringify([
      await db.auditEvents.toArray(),
      await db.deviceState.toArray(),
      await db.outbox.toArray(),
    ]);
    expect(everything.toLowerCase()).not.toContain('hunter#2026secret');
    // A known name's failure still names the account, whose log it is.
    await login(ctx, 'lina', 'wrong-password');
    const failures = await db.auditEvents
      .filter((event) => event.action === 'login-failed')
      .toArray();
    expect(failures.map((event) => event.summary).sort()).toEqual([
      'lina',
      '未知用户名 / unknown username',
    ]);
  });

  it('slows down after repeated failures, then lets the right password in once the wait is over', async () => {
    const { ctx, clock } = await storeWithOwner();
    await login(ctx, 'lina', 'bad-1');
    await login(ctx, 'lina', 'bad-2');
    const third = await login(ctx, 'lina', 'bad-3');
    expect(third).toEqual({ ok: false, reason: 'throttled', retryAfterMs: 5_000 });
    // Even the right password waits, and counts: the throttle does not reveal a right guess,
    // and trying during the wait only lengthens it.
    clock.advance(4_000);
    const early = await login(ctx, 'lina', OWNER_PASSWORD);
    expect(early).toEqual({ ok: false, reason: 'throttled', retryAfterMs: 10_000 });
    clock.advance(10_000);
    expect((await login(ctx, 'lina', OWNER_PASSWORD)).ok).toBe(true);
    expect(await failedAttempts(ctx, 'lina')).toBe(0);
  });

  it('twelve wrong passwords sent at once are each counted, and all after the free ones are slowed', async () => {
    const { ctx, db } = await storeWithOwner();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login(ctx, 'lina', `wrong-${i}`)),
    );
    expect(await failedAttempts(ctx, 'lina')).toBe(12);
    expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(FREE_ATTEMPTS - 1);
    expect(results.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(
      12 - (FREE_ATTEMPTS - 1),
    );
    expect(await db.auditEvents.filter((event) => event.action === 'login-failed').count()).toBe(
      12,
    );
    // The right password now waits as well.
    expect(await login(ctx, 'lina', OWNER_PASSWORD)).toMatchObject({ reason: 'throttled' });
  });

  it("an officer's override typed at the desk is throttled under the same name", async () => {
    const { ctx } = await storeWithOwner();
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => verifyCredentials(ctx, 'lina', `wrong-${i}`)),
    );
    expect(await failedAttempts(ctx, 'lina')).toBe(12);
    expect(await verifyCredentials(ctx, 'lina', OWNER_PASSWORD)).toMatchObject({
      reason: 'throttled',
    });
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
    expect(await db.auditEvents.filter((event) => event.action === 'unlock').count()).toBe(1);
  });
});
