import { CloudUploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Progress, Space, Typography } from 'antd';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { BackupStatus } from '../../../../shared/bridge/backup-host';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { actorOf } from '../../db/staff';
import { backupHost } from '../../platform/backup-host';
import { backUp, lastGoodBackup, useBackupState } from './backup-state';
import {
  backupFailureSentence,
  clinicMinute,
  formatBytes,
  newestRecord,
  recordFailureSentence,
} from './backup-words';

/** Kept as words to say, not as text: the sentence follows a change of language. */
type Outcome = { type: 'success' | 'error'; say: (t: TFunction) => string };

/** The last good backup, "Back up now" and its progress. */
export const BackupNowCard = ({ status }: { status: BackupStatus }) => {
  const { t } = useTranslation();
  const services = useServices();
  const me = useSession((state) => state.staff)!;
  const running = useBackupState((state) => state.running);
  const persisted = useBackupState((state) => state.persisted);
  const [outcome, setOutcome] = useState<Outcome>();
  const last = lastGoodBackup(status);

  const start = async () => {
    setOutcome(undefined);
    const host = backupHost();
    try {
      const record = await backUp(services, host, 'manual', actorOf(me));
      if (!record) setOutcome({ type: 'error', say: (tr) => tr('backups.failures.busy') });
      else if (record.state === 'failed')
        setOutcome({ type: 'error', say: (tr) => recordFailureSentence(tr, record.failure) });
      else {
        const key = status.folder ? 'backups.now.done' : 'backups.now.downloaded';
        setOutcome({ type: 'success', say: (tr) => tr(key, { name: record.fileName }) });
      }
    } catch (error) {
      const newest = newestRecord(useBackupState.getState().status);
      setOutcome({ type: 'error', say: (tr) => backupFailureSentence(tr, error, newest) });
    }
  };

  const percent = running?.totalRows ? Math.floor((running.rows / running.totalRows) * 100) : 0;
  return (
    <Card title={t('backups.now.title')}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Flex justify="space-between" align="center" gap="middle" wrap>
          <Typography.Text strong data-testid="backup-last-good">
            {last
              ? t('backups.now.last', {
                  time: clinicMinute(last.finishedAt),
                  size: formatBytes(last.bytes ?? 0),
                })
              : t('backups.now.none')}
          </Typography.Text>
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            onClick={start}
            loading={running !== undefined}
            disabled={!status.passphraseSet}
            data-testid="backup-now"
          >
            {t('backups.now.button')}
          </Button>
        </Flex>
        {running && (
          <div data-testid="backup-progress">
            <Progress percent={percent} status="active" />
            <Typography.Text type="secondary">
              {t('backups.now.progress', {
                rows: running.rows,
                total: running.totalRows,
                size: formatBytes(running.bytes),
              })}
            </Typography.Text>
          </div>
        )}
        {outcome && (
          <Alert type={outcome.type} showIcon title={outcome.say(t)} data-testid="backup-outcome" />
        )}
        {services.appInfo.kind === 'browser' && persisted !== undefined && (
          <Typography.Text
            type={persisted ? 'secondary' : 'warning'}
            data-testid="backup-persisted"
          >
            {t(persisted ? 'backups.now.persistGranted' : 'backups.now.persistDenied')}
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
};
