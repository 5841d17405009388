import { describe, expect, it } from 'vitest';
import { PermissionError } from '../../../shared/auth/permissions';
import { failedAttempts, FREE_ATTEMPTS } from './attempts';
import {
  RECOVERY_ATTEMPTS,
  recoverPassword,
  recoveryCodeMadeAt,
  renewRecoveryCode,
} from './recovery';
import { login } from './session';
import { actorOf, addStaff, setStaffActive } from './staff';
import { errorOf, OWNER_PASSWORD, reasonOf, storeWithOwner } from './testing/store';

const NEW_PASSWORD = 'Kangning#Desk27';

/** How a person might type the code back from paper: lower case, spaces instead of dashes. */
const asTyped = (shown: string) => shown.toLowerCase().replaceAll('-', ' ');

/** The newest event of this one device: the test clock stands still, so by sequence number. */
const lastEvent = async (db: Awaited<ReturnType<typeof storeWithOwner>>['db']) =>
  (await db.auditEvents.orderBy('[deviceId+seq]').last())!;

describe('the owner recovery code', () => {
  it('is made at setup, shown once in groups of four, and kept only as a slow hash', async () => {
    const { db, owner, recoveryCode } = await storeWithOwner();
    expect(recoveryCode).toMatch(/^([2-9A-HJKMNP-Z]{4}-){4}[2-9A-HJKMNP-Z]{4}$/);
    const stored = await db.staff.get(owner.id);
    expect(stored?.recoveryCode?.hash).toMatchObject({ algorithm: 'pbkdf2-sha256' });
    const everything = JSON.stringify([await db.staff.toArray(), await db.auditEvents.toArray()]);
    expect(everything).not.toContain(recoveryCode.replaceAll('-', ''));
    expect(JSON.stringify(await db.auditEvents.toArray())).not.toContain(
      stored!.recoveryCode!.hash.hash,
    );
  });

  it('lets a forgetful owner choose a new password, however the code is typed, and then log in with it', async () => {
    const { ctx, owner, recoveryCode } = await storeWithOwner();
    const result = await recoverPassword(ctx, asTyped(recoveryCode), NEW_PASSWORD);
    expect(result.owner.id).toBe(owner.id);
    expect((await login(ctx, 'lina', NEW_PASSWORD)).ok).toBe(true);
    expect((await login(ctx, 'lina', OWNER_PASSWORD)).ok).toBe(false);
  });

  it('is used up: the same code works once, and the new code shown in its place works next time', async () => {
    const { ctx, recoveryCode } = await storeWithOwner();
    const { recoveryCode: next } = await recoverPassword(ctx, recoveryCode, NEW_PASSWORD);
    expect(next).not.toBe(recoveryCode);
    expect(await reasonOf(recoverPassword(ctx, recoveryCode, 'Another#Pass88'))).toBe(
      'wrong-recovery-code',
    );
    expect(await reasonOf(recoverPassword(ctx, next, 'Another#Pass88'))).toBe('no error');
  });

  it('opens the account at once: failed logins under the owner name no longer make them wait', async () => {
    const { ctx, recoveryCode } = await storeWithOwner();
    for (let i = 0; i < FREE_ATTEMPTS + 2; i++) await login(ctx, 'lina', 'forgotten-it-1');
    expect(await failedAttempts(ctx, 'lina')).toBe(FREE_ATTEMPTS + 2);
    await recoverPassword(ctx, recoveryCode, NEW_PASSWORD);
    expect(await failedAttempts(ctx, 'lina')).toBe(0);
    expect((await login(ctx, 'lina', NEW_PASSWORD)).ok).toBe(true);
  });

  it('is audited as a password set with the recovery code, with no secret in the event', async () => {
    const { ctx, db, owner, recoveryCode } = await storeWithOwner();
    const { recoveryCode: next } = await recoverPassword(ctx, recoveryCode, NEW_PASSWORD);
    const event = await lastEvent(db);
    expect(event).toMatchObject({
      action: 'password-recover',
      entity: 'staff',
      entityId: owner.id,
      actorId: owner.id,
    });
    expect(event.changes?.map((c) => c.field.split('.')[0])).toEqual(
      expect.arrayContaining(['password', 'recoveryCode']),
    );
    expect(event.changes?.every((c) => c.from === undefined && c.to === undefined)).toBe(true);
    const text = JSON.stringify(event);
    for (const secret of [recoveryCode, next, NEW_PASSWORD])
      expect(text).not.toContain(secret.replaceAll('-', ''));
  });

  it('a wrong code is refused, audited, and throttled like a login; the password stays', async () => {
    const { ctx, db, recoveryCode } = await storeWithOwner();
    const wrong = 'ABCD-EFGH-JKMN-PQRS-TUVW';
    const error = await errorOf(recoverPassword(ctx, wrong, NEW_PASSWORD));
    expect(error).toMatchObject({ reason: 'wrong-recovery-code', field: 'code' });
    expect(await lastEvent(db)).toMatchObject({
      action: 'recovery-failed',
      entity: 'session',
      actorId: '',
    });
    for (let i = 1; i < FREE_ATTEMPTS; i++)
      await recoverPassword(ctx, wrong, NEW_PASSWORD).catch(() => {});
    // Now even the right code waits: guessing only lengthens the wait.
    const throttled = await errorOf(recoverPassword(ctx, recoveryCode, NEW_PASSWORD));
    expect(throttled).toMatchObject({ reason: 'recovery-throttled', field: 'code' });
    expect(throttled?.values?.seconds).toBeGreaterThan(0);
    expect(await failedAttempts(ctx, RECOVERY_ATTEMPTS)).toBeGreaterThan(FREE_ATTEMPTS);
    expect(await failedAttempts(ctx, 'lina')).toBe(0);
    expect((await login(ctx, 'lina', OWNER_PASSWORD)).ok).toBe(true);
  });

  it('refuses a weak new password by the usual rules and keeps the code for another try', async () => {
    const { ctx, recoveryCode } = await storeWithOwner();
    const error = await errorOf(recoverPassword(ctx, recoveryCode, 'Lina#2026lina'));
    expect(error).toMatchObject({
      reason: 'weak-password',
      field: 'password',
      values: { rule: 'contains-username' },
    });
    expect(await reasonOf(recoverPassword(ctx, recoveryCode, NEW_PASSWORD))).toBe('no error');
  });

  it('calls what cannot be a code a typing mistake, without counting it as a guess', async () => {
    const { ctx } = await storeWithOwner();
    const error = await errorOf(recoverPassword(ctx, 'ABCD-EFGH', NEW_PASSWORD));
    expect(error).toMatchObject({ reason: 'invalid-input', field: 'code' });
    expect(await failedAttempts(ctx, RECOVERY_ATTEMPTS)).toBe(0);
  });

  it('opens nothing for an owner who has been deactivated', async () => {
    const { ctx, owner, ownerActor, recoveryCode } = await storeWithOwner();
    const second = await addStaff(ctx, ownerActor, {
      username: 'zhaolei',
      displayName: '赵磊',
      roles: ['owner'],
      password: 'Zhao#Lei2026',
    });
    await setStaffActive(ctx, actorOf(second), owner.id, false, '离职');
    expect(await reasonOf(recoverPassword(ctx, recoveryCode, NEW_PASSWORD))).toBe(
      'wrong-recovery-code',
    );
  });
});

describe('a new recovery code from Settings', () => {
  it('asks for the owner password, replaces the old code and is audited', async () => {
    const { ctx, db, owner, recoveryCode } = await storeWithOwner();
    expect(await reasonOf(renewRecoveryCode(ctx, owner.id, 'not-my-password'))).toBe(
      'wrong-password',
    );
    const next = await renewRecoveryCode(ctx, owner.id, OWNER_PASSWORD);
    expect(await lastEvent(db)).toMatchObject({
      action: 'recovery-code',
      entity: 'staff',
      entityId: owner.id,
      role: 'owner',
      changes: expect.arrayContaining([{ field: 'recoveryCode.hash.hash' }]),
    });
    expect(JSON.stringify(await lastEvent(db))).not.toContain(next.replaceAll('-', ''));
    expect(await reasonOf(recoverPassword(ctx, recoveryCode, NEW_PASSWORD))).toBe(
      'wrong-recovery-code',
    );
    expect(await reasonOf(recoverPassword(ctx, next, NEW_PASSWORD))).toBe('no error');
  });

  it('gives a store set up before recovery codes its first one', async () => {
    const { ctx, db, clock, owner } = await storeWithOwner();
    // A store made by an earlier version: the owner row has no code at all.
    const { recoveryCode: _dropped, ...older } = (await db.staff.get(owner.id))!;
    await db.staff.put(older);
    expect(await recoveryCodeMadeAt(db, owner.id)).toBeNull();
    expect(await reasonOf(recoverPassword(ctx, 'ABCD-EFGH-JKMN-PQRS-TUVW', NEW_PASSWORD))).toBe(
      'wrong-recovery-code',
    );
    clock.advance(60_000);
    const first = await renewRecoveryCode(ctx, owner.id, OWNER_PASSWORD);
    expect(await recoveryCodeMadeAt(db, owner.id)).toBe(new Date(clock.now()).toISOString());
    expect(await reasonOf(recoverPassword(ctx, first, NEW_PASSWORD))).toBe('no error');
  });

  it('is the owner role only', async () => {
    const { ctx, ownerActor } = await storeWithOwner();
    const desk = await addStaff(ctx, ownerActor, {
      username: 'wangfang',
      displayName: '王芳',
      roles: ['front-desk'],
      password: 'Front#Desk1',
    });
    await expect(renewRecoveryCode(ctx, desk.id, 'Front#Desk1')).rejects.toThrowError(
      PermissionError,
    );
  });
});
