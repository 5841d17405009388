import { Card, Flex, List, Space, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatClinicTime } from '../../../../shared/clock/clinic-time';
import { needsAttention } from '../../../../shared/complaints/urgency';
import { useServices } from '../../app/services';
import { useActor } from '../../app/use-actor';
import { listComplaints } from '../../db/complaints';
import { UrgencyTag } from '../complaints/complaint-tags';
import { NotificationPermissionButton } from '../complaints/notification-permission-button';
import { complainantName } from '../complaints/complaint-words';
import { useNow } from '../complaints/use-now';

const minutes = (ms: number | string) =>
  formatClinicTime(typeof ms === 'number' ? new Date(ms).toISOString() : ms).slice(0, 16);

/**
 * The complaints overdue or due soon, on Today for those who handle complaints (PRODUCT.md §4.3):
 * shown only when there is one. Live and clock-driven like the sidebar's badge, sorted like the
 * list, each line opening the complaint.
 */
export const ComplaintsCard = () => {
  const { t } = useTranslation();
  const { db, clock } = useServices();
  const actor = useActor();
  const now = useNow(clock);
  const rows = useLiveQuery(
    async () => (await listComplaints(db, actor, now)).filter((row) => needsAttention(row.urgency)),
    [db, actor, now],
  );
  if (!rows?.length) return null;
  return (
    <Card
      size="small"
      title={t('today.complaints.title', { count: rows.length })}
      extra={
        <Space size={12}>
          <NotificationPermissionButton size="small" />
          <Link to="/complaints">{t('today.complaints.all')}</Link>
        </Space>
      }
      data-testid="complaints-card"
      style={{ marginBottom: 16 }}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('today.complaints.intro')}
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={rows}
        rowKey={(row) => row.complaint.id}
        renderItem={(row) => (
          <List.Item
            data-testid={`complaints-card-row-${row.complaint.id}`}
            style={{ paddingInline: 0 }}
          >
            <Flex gap={12} align="center" wrap style={{ width: '100%' }}>
              <span style={{ minWidth: 150 }}>
                <UrgencyTag urgency={row.urgency} />
              </span>
              <Link
                to={`/complaints/${row.complaint.id}`}
                data-testid="complaints-card-open"
                style={{ whiteSpace: 'nowrap' }}
              >
                {minutes(row.complaint.receivedAt)}
              </Link>
              <span>{t(`complaints.category.${row.complaint.category}`)}</span>
              {row.complaint.severity === 'major' && (
                <Typography.Text type="danger">{t('complaints.severity.major')}</Typography.Text>
              )}
              <span style={{ whiteSpace: 'nowrap' }}>
                {complainantName(t, row.complaint.complainant)}
              </span>
              {row.urgency.dueMs !== undefined && (
                <Typography.Text
                  type="secondary"
                  style={{ marginLeft: 'auto', whiteSpace: 'nowrap' }}
                >
                  {t('today.complaints.due', { time: minutes(row.urgency.dueMs) })}
                </Typography.Text>
              )}
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
};
