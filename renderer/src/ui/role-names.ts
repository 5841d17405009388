import type { TFunction } from 'i18next';
import { sortRoles, type Role } from '../../../shared/auth/roles';

/** A person's roles as one phrase (前台、药师 / Front desk, Pharmacist), in the fixed order. */
export const roleNames = (t: TFunction, roles: readonly Role[]): string =>
  sortRoles(roles)
    .map((role) => t(`common.roles.${role}`))
    .join(t('common.roleSeparator'));
