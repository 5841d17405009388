import { App, Button, Card, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { BackupRecord } from '../../../../shared/bridge/backup-host';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { recordBackupExported } from '../../db/backup-audit';
import { actorOf } from '../../db/staff';
import { backupHost } from '../../platform/backup-host';
import { clinicMinute, formatBytes, recordFailureSentence } from './backup-words';

/** Every backup this PC made, newest first: verified, or failed with what to do. */
export const HistoryTable = ({ history }: { history: BackupRecord[] }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const services = useServices();
  const me = useSession((state) => state.staff)!;

  const exportFile = async (record: BackupRecord) => {
    try {
      if ((await backupHost().exportTo(record.id)) !== 'exported') return;
    } catch {
      void message.warning(t('backups.history.exportUnavailable'));
      return;
    }
    void message.success(t('backups.history.exported'));
    // The copy has left the PC: who took it goes into the audit log (PRODUCT.md §7.3).
    await recordBackupExported(services, actorOf(me), record).catch((error: unknown) =>
      console.error('export audit event not recorded', error),
    );
  };

  const columns: ColumnsType<BackupRecord> = [
    {
      title: t('backups.history.time'),
      dataIndex: 'startedAt',
      width: 150,
      render: (at: string) => clinicMinute(at),
    },
    {
      title: t('backups.history.trigger'),
      dataIndex: 'trigger',
      width: 170,
      render: (trigger: BackupRecord['trigger']) => t(`backups.history.triggers.${trigger}`),
    },
    {
      title: t('backups.history.state'),
      key: 'state',
      render: (_, record) =>
        record.state === 'verified' ? (
          <Tag color="green">{t('backups.history.states.verified')}</Tag>
        ) : (
          <>
            <Tag color="red">{t('backups.history.states.failed')}</Tag>
            <Typography.Text type="danger">
              {recordFailureSentence(t, record.failure)}
            </Typography.Text>
          </>
        ),
    },
    {
      title: t('backups.history.size'),
      dataIndex: 'bytes',
      width: 90,
      render: (bytes: number | undefined) => (bytes === undefined ? '—' : formatBytes(bytes)),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, record) =>
        record.state === 'verified' && (
          <Button size="small" onClick={() => void exportFile(record)}>
            {t('backups.history.export')}
          </Button>
        ),
    },
  ];

  return (
    <Card title={t('backups.history.title')}>
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={history}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('backups.history.empty') }}
        onRow={(record) => ({ 'data-testid': `backup-row-${record.state}` }) as object}
      />
    </Card>
  );
};
