import { Descriptions, List, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { staffLabel } from '../../db/staff';
import type { JoinSummary } from '../../sync/join';
import { roleNames } from '../../ui/role-names';

/**
 * Before a PC in use pairs: what it brings to the clinic (every workstation will see it), how
 * its accounts and settings meet the clinic's, and that it cannot be undone.
 */
export const JoinConfirm = ({
  summary,
  busy,
  onConfirm,
  onCancel,
}: {
  /** Undefined: closed. */
  summary: JoinSummary | undefined;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) => {
  const { t } = useTranslation();
  return (
    <Modal
      open={summary !== undefined}
      title={t('sync.joinData.title')}
      okText={t('sync.joinData.confirm')}
      okButtonProps={{ loading: busy, id: 'sync-join-confirm' }}
      // While the pairing request is on its way, the outcome is this dialog's to show.
      cancelButtonProps={{ disabled: busy }}
      closable={!busy}
      keyboard={!busy}
      onOk={onConfirm}
      onCancel={busy ? undefined : onCancel}
      mask={{ closable: false }}
      destroyOnHidden
      width={560}
    >
      {summary && (
        <div data-testid="sync-join-summary">
          <Typography.Paragraph>{t('sync.joinData.records')}</Typography.Paragraph>
          <Descriptions size="small" bordered column={3} layout="vertical">
            <Descriptions.Item label={t('sync.joinData.patients')}>
              <span data-testid="sync-join-patients">{summary.patients}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('sync.joinData.visits')}>
              {summary.visits}
            </Descriptions.Item>
            <Descriptions.Item label={t('sync.joinData.consents')}>
              {summary.consents}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('sync.joinData.duplicates')}
          </Typography.Paragraph>
          <Typography.Paragraph>{t('sync.joinData.staff')}</Typography.Paragraph>
          <List
            size="small"
            bordered
            dataSource={summary.staff}
            rowKey="username"
            style={{ maxHeight: 160, overflowY: 'auto' }}
            renderItem={(person) => (
              <List.Item data-testid="sync-join-staff">
                <span>{staffLabel(person)}</span>
                <Typography.Text type="secondary">{roleNames(t, person.roles)}</Typography.Text>
              </List.Item>
            )}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('sync.joinData.staffClash')}
          </Typography.Paragraph>
          <Typography.Paragraph>{t('sync.joinData.settings')}</Typography.Paragraph>
          <Typography.Paragraph strong>{t('sync.joinData.final')}</Typography.Paragraph>
        </div>
      )}
    </Modal>
  );
};
