import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Space, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { can } from '../../../../shared/auth/permissions';
import { useServices } from '../../app/services';
import { useActor } from '../../app/use-actor';
import { complaintPeople, listComplaints } from '../../db/complaints';
import { ComplaintTable } from './complaint-table';
import { ComplaintsTabs } from './complaints-tabs';
import { NewComplaintDialog } from './new-complaint-dialog';
import { useComplaintPolicies } from './use-complaint-policies';
import { NotificationPermissionButton } from './notification-permission-button';
import { useNow } from './use-now';

/** 投诉: every complaint, the most urgent first; 登记投诉 opens the intake form. */
export const ComplaintList = () => {
  const { t } = useTranslation();
  const { db, clock } = useServices();
  const actor = useActor();
  const navigate = useNavigate();
  const now = useNow(clock);
  const rows = useLiveQuery(() => listComplaints(db, actor, now), [db, actor, now]);
  const people = useLiveQuery(() => complaintPeople(db, actor), [db, actor]) ?? [];
  // Read here, not in the dialog: it mounts on the click, and its form takes its first values then.
  const policies = useComplaintPolicies();
  // Notifications are for those who handle complaints; a browser asks once, on a click.
  const handles = can(actor.roles, 'complaint.handle');
  const [mounted, setMounted] = useState(false);
  const [open, setOpen] = useState(false);

  return (
    <Card>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <ComplaintsTabs value="complaints" />
        <Flex justify="space-between" align="start" gap="middle">
          <div>
            <Typography.Title level={3}>{t('complaints.title')}</Typography.Title>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t('complaints.intro')}
            </Typography.Paragraph>
          </div>
          <Space>
            {handles && <NotificationPermissionButton />}
            {handles && (
              <Button
                icon={<BarChartOutlined />}
                onClick={() => navigate('/complaints/report')}
                data-testid="complaint-report"
              >
                {t('complaints.reportButton')}
              </Button>
            )}
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                setMounted(true);
                setOpen(true);
              }}
              data-testid="complaint-new"
            >
              {t('complaints.new')}
            </Button>
          </Space>
        </Flex>
        <ComplaintTable
          rows={rows}
          names={new Map(people.map((p) => [p.id, p.name]))}
          onOpen={(id) => navigate(`/complaints/${id}`)}
        />
      </Space>
      {mounted && (
        <NewComplaintDialog
          open={open}
          policies={policies}
          onClose={() => setOpen(false)}
          afterClose={() => setMounted(false)}
        />
      )}
    </Card>
  );
};
