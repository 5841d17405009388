import { Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { sortRoles, type Role } from '../../../../shared/auth/roles';
import type { Staff } from '../../../../shared/staff/staff';
import { formatClinicTime } from '../../../../shared/clock/clinic-time';

export type StaffAction = 'edit' | 'set-active' | 'reset-password' | 'rename-username';

const roleColor: Record<Role, string> = {
  owner: 'gold',
  'insurance-officer': 'purple',
  clinician: 'cyan',
  pharmacist: 'green',
  'front-desk': 'blue',
};

// JSX accepts data-* attributes, a typed object literal does not: hence the cast.
const rowTestId = (staff: Staff) =>
  ({ 'data-testid': `staff-row-${staff.username}` }) as HTMLAttributes<HTMLElement>;

type StaffTableProps = {
  staff: readonly Staff[] | undefined;
  meId: string;
  onAction: (action: StaffAction, staff: Staff) => void;
};

export const StaffTable = ({ staff, meId, onAction }: StaffTableProps) => {
  const { t } = useTranslation();
  // Made on two PCs before they synced: both accounts stay, the password tells them apart.
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const s of staff ?? []) (seen.has(s.username) ? shared : seen).add(s.username);
  const columns: ColumnsType<Staff> = [
    {
      key: 'name',
      title: t('staff.columns.name'),
      render: (_, s) => (
        <Space size="small">
          <Typography.Text type={s.active ? undefined : 'secondary'}>
            {s.displayName}
          </Typography.Text>
          {s.id === meId && <Tag>{t('staff.you')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'username',
      title: t('staff.columns.username'),
      render: (_, s) => (
        <Space size="small">
          {s.username}
          {shared.has(s.username) && (
            <Tooltip title={t('staff.sharedUsername.hint')}>
              <Tag color="warning" data-testid={`staff-shared-username-${s.username}`}>
                {t('staff.sharedUsername.tag')}
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      key: 'roles',
      title: t('staff.columns.roles'),
      render: (_, s) => (
        <Space size={[0, 4]} wrap data-testid="staff-roles">
          {sortRoles(s.roles).map((role) => (
            <Tag key={role} color={roleColor[role]} data-role={role}>
              {t(`common.roles.${role}`)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      key: 'status',
      title: t('staff.columns.status'),
      dataIndex: 'active',
      render: (active: boolean) => (
        <Tag color={active ? 'green' : 'default'} data-testid="staff-status">
          {t(active ? 'staff.status.active' : 'staff.status.inactive')}
        </Tag>
      ),
    },
    {
      key: 'updatedAt',
      title: t('staff.columns.updatedAt'),
      dataIndex: 'updatedAt',
      render: (updatedAt: string) => (
        <span style={{ whiteSpace: 'nowrap' }}>{formatClinicTime(updatedAt)}</span>
      ),
    },
    {
      key: 'actions',
      title: t('staff.columns.actions'),
      render: (_, s) => (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            onClick={() => onAction('edit', s)}
            data-testid={`staff-edit-${s.username}`}
          >
            {t('staff.actions.edit')}
          </Button>
          {s.active ? (
            <Button
              type="link"
              size="small"
              danger
              onClick={() => onAction('set-active', s)}
              data-testid={`staff-deactivate-${s.username}`}
            >
              {t('staff.actions.deactivate')}
            </Button>
          ) : (
            <Button
              type="link"
              size="small"
              onClick={() => onAction('set-active', s)}
              data-testid={`staff-reactivate-${s.username}`}
            >
              {t('staff.actions.reactivate')}
            </Button>
          )}
          <Button
            type="link"
            size="small"
            onClick={() => onAction('reset-password', s)}
            data-testid={`staff-reset-${s.username}`}
          >
            {t('staff.actions.resetPassword')}
          </Button>
          {shared.has(s.username) && (
            <Button
              type="link"
              size="small"
              onClick={() => onAction('rename-username', s)}
              data-testid="staff-rename"
            >
              {t('staff.actions.renameUsername')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Table<Staff>
      rowKey="id"
      columns={columns}
      dataSource={staff}
      loading={staff === undefined}
      onRow={rowTestId}
      pagination={false}
      size="middle"
    />
  );
};
