import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/auth/roles';
import { roleNames } from './role-names';

/** What a person sees where their roles may not go: which roles they hold, and whom to ask. */
export const NoPermission = ({ roles }: { roles: readonly Role[] }) => {
  const { t } = useTranslation();
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
