import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can } from '../../../../shared/auth/permissions';
import type { Role } from '../../../../shared/auth/roles';
import { isOverdue, lastGoodBackup } from './backup-state';
import { clinicMinute } from './backup-words';
import { useBackupStatus, useNow } from './use-backups';

/**
 * The red banner on every screen while the last good backup is older than 26 hours
 * (PRODUCT.md §5.5). The owner gets the way to Backups; everyone else, whom to tell.
 */
export const OverdueBanner = ({ roles }: { roles: readonly Role[] }) => {
  const { t } = useTranslation();
  const status = useBackupStatus();
  const now = useNow();
  if (!status || !isOverdue(status, now)) return null;
  const last = lastGoodBackup(status);
  const owner = can(roles, 'backup.manage');
  return (
    <Alert
      type="error"
      banner
      showIcon
      data-testid="backup-overdue"
      title={t('backups.twoSentences', {
        first: last
          ? t('backups.banner.stale', { time: clinicMinute(last.finishedAt) })
          : t('backups.banner.never'),
        second: owner ? t('backups.banner.owner') : t('backups.banner.others'),
      })}
      action={owner ? <Link to="/backups">{t('backups.banner.ownerLink')}</Link> : undefined}
    />
  );
};
