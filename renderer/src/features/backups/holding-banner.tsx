import { Alert } from 'antd';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../app/services';

/**
 * "备份中" on every screen while a backup holds the store's writes (db/write-gate.ts): a save
 * clicked meanwhile spins until the backup is done, and this says why.
 */
export const HoldingBanner = () => {
  const { t } = useTranslation();
  const { db } = useServices();
  const closed = useSyncExternalStore(db.writeGate.subscribe, () => db.writeGate.closed);
  if (!closed) return null;
  return (
    <Alert type="info" banner showIcon data-testid="backup-holding" title={t('backups.holding')} />
  );
};
