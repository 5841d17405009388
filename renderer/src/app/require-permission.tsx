import type { ReactNode } from 'react';
import { can, type Action } from '../../../shared/auth/permissions';
import type { Role } from '../../../shared/auth/roles';
import { NoPermission } from '../ui/no-permission';

/** A screen's door. It keeps honest people out of screens they cannot use; the data layer refuses the rest. */
export const RequirePermission = ({
  roles,
  permission,
  children,
}: {
  /** The roles the signed-in person holds: any one that may is enough. */
  roles: readonly Role[];
  /** One action, or several of which any one opens the screen. */
  permission?: Action | readonly Action[];
  children: ReactNode;
}) => {
  const actions =
    permission === undefined ? [] : typeof permission === 'string' ? [permission] : permission;
  if (actions.length === 0 || actions.some((action) => can(roles, action))) return <>{children}</>;
  return <NoPermission roles={roles} />;
};
