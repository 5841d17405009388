import { Alert, Descriptions, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { clinicMinute } from './backup-words';
import type { RestorePreview as Preview } from './restore';
import { RestoreEvidence } from './restore-evidence';

/**
 * What the file holds, read and checked in full, before anything is replaced; `safety`: whether
 * the current data are backed up first (there are some) or there is nothing to replace;
 * `foreignKey`: the file was sealed with another key than this clinic's, said first, in red.
 */
export const RestorePreview = ({
  preview,
  safety,
  foreignKey,
}: {
  preview: Preview;
  safety: boolean;
  foreignKey: boolean;
}) => {
  const { t } = useTranslation();
  const rows = Object.entries(preview.tables).map(([table, count]) => ({ table, count }));
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return (
    <div data-testid="restore-preview">
      {foreignKey && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="restore-foreign-key"
          title={t('backups.restore.foreignKey.title')}
          description={t('backups.restore.foreignKey.body')}
        />
      )}
      <Typography.Title level={5}>{t('backups.restore.previewTitle')}</Typography.Title>
      <Descriptions bordered size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('backups.restore.clinic')}>
          {preview.clinicName}
        </Descriptions.Item>
        <Descriptions.Item label={t('backups.restore.madeAt')}>
          {clinicMinute(preview.createdAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('backups.restore.appVersion')}>
          {preview.appVersion}
        </Descriptions.Item>
      </Descriptions>
      <Table
        rowKey="table"
        size="small"
        pagination={false}
        scroll={{ y: 220 }}
        dataSource={rows}
        columns={[
          {
            title: t('backups.restore.table'),
            dataIndex: 'table',
            render: (table: string) =>
              t(`backups.restore.tables.${table}`, { defaultValue: table }),
          },
          {
            title: t('backups.restore.rows'),
            dataIndex: 'count',
            align: 'right',
            width: 120,
            render: (count: number) => count.toLocaleString('en-US'),
          },
        ]}
        onRow={(row) => ({ 'data-testid': `restore-count-${row.table}` }) as object}
      />
      <Alert
        type="success"
        showIcon
        style={{ marginTop: 12 }}
        title={t('backups.restore.countsMatch', { rows: total.toLocaleString('en-US') })}
      />
      <RestoreEvidence evidence={preview.evidence} />
      <Alert
        type={safety ? 'warning' : 'info'}
        showIcon
        style={{ marginTop: 12 }}
        title={t(safety ? 'backups.restore.confirmWarning' : 'backups.restore.confirmWarningEmpty')}
      />
    </div>
  );
};
