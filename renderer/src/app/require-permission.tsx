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
  permission?: Action;
  children: ReactNode;
}) => {
  const { t } = useTranslation();
  if (!permission || can(role, permission)) return <>{children}</>;
  return (
    <Result
      status="403"
      title={t('common.noPermission.title')}
      subTitle={t('common.noPermission.body', { role: t(`common.roles.${role}`) })}
      data-testid="no-permission"
    />
  );
};
