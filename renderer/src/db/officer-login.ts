import { can } from '../../../shared/auth/permissions';
import { AppError } from '../../../shared/errors';
import type { Staff } from '../../../shared/staff/staff';
import { verifyCredentials } from './session';
import type { StoreContext } from './write';

/** The insurance officer's or owner's own login, typed by them at the desk. */
export type OfficerLogin = { username: string; password: string };

/**
 * An insurance officer or owner steps up to the desk and types their own login: to release a
 * failed check (PRODUCT §1 outcome "overridden") or to allow a second record for one resident ID
 * number. Checked like a login, throttled and audited like one, and only an active insurance
 * officer or owner passes. PBKDF2 runs on WebCrypto: call this before, never inside, an
 * IndexedDB transaction.
 */
export const authorizeOfficer = async (
  ctx: StoreContext,
  credentials: OfficerLogin | undefined,
): Promise<Staff> => {
  if (!credentials?.username.trim() || !credentials.password) {
    throw new AppError('override-credentials', 'no credentials', 'overrideUsername');
  }
  const result = await verifyCredentials(ctx, credentials.username, credentials.password);
  if (!result.ok) {
    if (result.reason === 'throttled')
      throw new AppError('override-throttled', 'throttled', 'overridePassword');
    if (result.reason === 'inactive')
      throw new AppError('override-role', 'inactive account', 'overrideUsername');
    throw new AppError('override-credentials', 'wrong credentials', 'overridePassword');
  }
  if (!can(result.staff.roles, 'verification.override')) {
    throw new AppError(
      'override-role',
      `roles ${result.staff.roles.join('+')}`,
      'overrideUsername',
    );
  }
  return result.staff;
};
