import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { can, type Action } from '../../../shared/auth/permissions';
import type { Role } from '../../../shared/auth/roles';
import { roleNames } from '../ui/role-names';

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
  const { t } = useTranslation();
  const actions =
    permission === undefined ? [] : typeof permission === 'string' ? [permission] : permission;
  if (actions.length === 0 || actions.some((action) => can(roles, action))) return <>{children}</>;
  return (
    <Result
      status="403"
      title={t('common.noPermission.title')}
      subTitle={t('common.noPermission.body', {
        count: roles.length,
        role: roleNames(t, roles),
      })}
      data-testid="no-permission"
    />
  );
};
