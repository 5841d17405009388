import { hashPassword } from '../../../shared/auth/password';
import { AppError } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import {
  clinicSettingsSchema,
  DEFAULT_SECURITY,
  type ClinicSettings,
} from '../../../shared/settings/settings';
import { newStaffInputSchema, type Staff } from '../../../shared/staff/staff';
import type { SettingsRow } from './database';
import { issueRecoveryCode } from './recovery';
import { actorOf, assertStrongPassword, writeStaff } from './staff';
import { recordKeepingTables, type StoreContext, writeRecord } from './write';

export type SetupInput = {
  clinic: ClinicSettings;
  owner: { username: string; displayName: string; password: string };
};

export const isSetupDone = async (ctx: Pick<StoreContext, 'db'>): Promise<boolean> =>
  (await ctx.db.staff.count()) > 0;

/**
 * First run: the clinic and its owner are created together, or not at all. Refused once any
 * account exists, so the wizard cannot be replayed to take over a clinic. The owner gets a
 * recovery code, returned to be shown once: a single owner who forgets the password has no
 * other way back in (issue 13 item 6).
 */
export const completeSetup = async (
  ctx: StoreContext,
  input: SetupInput,
): Promise<{ owner: Staff; recoveryCode: string }> => {
  const clinic = clinicSettingsSchema.safeParse(input.clinic);
  if (!clinic.success)
    throw new AppError(
      'invalid-input',
      'invalid clinic',
      String(clinic.error.issues[0]?.path[0] ?? ''),
    );
  const owner = newStaffInputSchema.safeParse({ ...input.owner, roles: ['owner'] });
  if (!owner.success)
    throw new AppError(
      'invalid-input',
      'invalid owner',
      String(owner.error.issues[0]?.path[0] ?? ''),
    );
  await assertStrongPassword(owner.data.password, owner.data.username);
  const password = await hashPassword(owner.data.password);
  const recoveryCode = await issueRecoveryCode(ctx.clock);
  const id = newId(ctx.clock);
  const { username, displayName } = owner.data;
  const actor = actorOf({ id, displayName, roles: ['owner'] });
  const { db } = ctx;
  return db.transaction('rw', [db.staff, db.settings, ...recordKeepingTables(db)], async () => {
    if ((await db.staff.count()) > 0)
      throw new AppError('setup-already-done', 'setup already done');
    const staff = await writeStaff(ctx, {
      row: {
        id,
        username,
        displayName,
        roles: ['owner'],
        active: true,
        password,
        mustChangePassword: false,
        recoveryCode: recoveryCode.stored,
      },
      before: undefined,
      audit: { actor, action: 'setup' },
    });
    for (const [key, value] of [
      ['clinic', clinic.data],
      ['security', DEFAULT_SECURITY],
    ] as const) {
      await writeRecord<SettingsRow>(ctx, {
        table: 'settings',
        row: { id: key, key, value },
        before: undefined,
        audit: { actor, action: 'setup', entity: 'settings', summary: key },
      });
    }
    return { owner: staff, recoveryCode: recoveryCode.shown };
  });
};
