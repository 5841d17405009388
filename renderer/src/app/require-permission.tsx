import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { can, type Action } from '../../../shared/auth/permissions';
import type { Role } from '../../../shared/auth/roles';

/** A screen's door. It keeps honest people out of screens they cannot use; the data layer refuses the rest. */
export const RequirePermission = ({
  role,
  permission,
  children,
}: {
  role: Role;
  /** One action, or several of which any one opens the screen. */
  permission?: Action | readonly Action[];
  children: ReactNode;
}) => {
  const { t } = useTranslation();
  const actions =
    permission === undefined ? [] : typeof permission === 'string' ? [permission] : permission;
  if (actions.length === 0 || actions.some((action) => can(role, action))) return <>{children}</>;
  return (
    <Result
      status="403"
      title={t('common.noPermission.title')}
      subTitle={t('common.noPermission.body', { role: t(`common.roles.${role}`) })}
      data-testid="no-permission"
    />
  );
};
