import { UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Space, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Staff } from '../../../../shared/staff/staff';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { AddStaffDialog } from './add-staff-dialog';
import { EditStaffDialog } from './edit-staff-dialog';
import { RenameUsernameDialog } from './rename-username-dialog';
import { ResetPasswordDialog } from './reset-password-dialog';
import { SetActiveDialog } from './set-active-dialog';
import { orderStaff } from './staff-order';
import { StaffTable, type StaffAction } from './staff-table';

type Dialog = { action: 'add' } | { action: StaffAction; staff: Staff };

/**
 * The owner's list of accounts. Each dialog is mounted for one opening only (fresh form every
 * time) and stays mounted until its closing animation ends, so the focus returns to the button.
 */
export const StaffScreen = () => {
  const { t } = useTranslation();
  const { db } = useServices();
  const me = useSession((state) => state.staff);
  const staff = useLiveQuery(async () => orderStaff(await db.staff.toArray()), [db]);
  const [dialog, setDialog] = useState<Dialog>();
  const [open, setOpen] = useState(false);

  if (!me) return null;

  const show = (next: Dialog) => {
    setDialog(next);
    setOpen(true);
  };
  const common = {
    me,
    open,
    onClose: () => setOpen(false),
    afterClose: () => setDialog(undefined),
  };

  return (
    <Card>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Flex justify="space-between" align="start" gap="middle">
          <div>
            <Typography.Title level={3}>{t('staff.title')}</Typography.Title>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t('staff.intro')}
            </Typography.Paragraph>
          </div>
          <Button
            type="primary"
            icon={<UserAddOutlined />}
            onClick={() => show({ action: 'add' })}
            data-testid="staff-add"
          >
            {t('staff.add')}
          </Button>
        </Flex>
        <StaffTable
          staff={staff}
          meId={me.id}
          onAction={(action, person) => show({ action, staff: person })}
        />
      </Space>
      {dialog?.action === 'add' && <AddStaffDialog {...common} />}
      {dialog?.action === 'edit' && <EditStaffDialog {...common} staff={dialog.staff} />}
      {dialog?.action === 'set-active' && <SetActiveDialog {...common} staff={dialog.staff} />}
      {dialog?.action === 'reset-password' && (
        <ResetPasswordDialog {...common} staff={dialog.staff} />
      )}
      {dialog?.action === 'rename-username' && (
        <RenameUsernameDialog {...common} staff={dialog.staff} />
      )}
    </Card>
  );
};
