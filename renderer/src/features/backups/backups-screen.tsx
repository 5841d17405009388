import { Alert, Button, Card, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session-store';
import { actorOf } from '../../db/staff';
import { persistStorage } from '../../platform/backup-host';
import { BackupNowCard } from './backup-now-card';
import { BackupSettingsCard } from './backup-settings-card';
import { useBackupState } from './backup-state';
import { HistoryTable } from './history-table';
import { OldStoresCard } from './old-stores-card';
import { PassphraseCard } from './passphrase-card';
import { RestoreDialog } from './restore-dialog';
import { useBackupStatus } from './use-backups';

/** The owner's Backups screen (PRODUCT.md §5). */
export const BackupsScreen = () => {
  const { t } = useTranslation();
  const status = useBackupStatus();
  const me = useSession((state) => state.staff)!;
  const [restoring, setRestoring] = useState(false);

  // The store and the backup key live in the browser's storage: ask it to keep them.
  useEffect(() => {
    void persistStorage().then((persisted) => useBackupState.setState({ persisted }));
  }, []);

  if (!status) return <Spin />;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 960 }}>
      <div>
        <Typography.Title level={3}>{t('backups.title')}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('backups.intro')}
        </Typography.Paragraph>
      </div>
      {!status.passphraseSet && (
        <Alert
          type="warning"
          showIcon
          title={t('backups.noPassphrase')}
          data-testid="backup-no-passphrase"
        />
      )}
      <BackupNowCard status={status} />
      <PassphraseCard isSet={status.passphraseSet} keyStorage={status.keyStorage} />
      <HistoryTable history={status.history} />
      <BackupSettingsCard status={status} />
      <Card title={t('backups.restore.title')}>
        <Typography.Paragraph>{t('backups.restore.intro')}</Typography.Paragraph>
        <Button danger onClick={() => setRestoring(true)} data-testid="restore-open">
          {t('backups.restore.open')}
        </Button>
      </Card>
      <OldStoresCard />
      <RestoreDialog open={restoring} onClose={() => setRestoring(false)} actor={actorOf(me)} />
    </Space>
  );
};
