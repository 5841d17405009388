import { Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditAction, AuditEvent } from '../../../../shared/audit/audit-event';
import { isWipedAuditEvent } from '../../../../shared/audit/personal-digest';
import { isSystemActor } from '../../db/system-actors';
import { AuditChanges } from './audit-changes';
import { localSummary } from './audit-values';
import { deviceTail } from './audit-filter';
import { formatClinicTime } from '../../../../shared/clock/clinic-time';

const PAGE_SIZE = 50;

/** Failed logins stand out: a run of them is what an owner looks for first. */
const actionColor: Partial<Record<AuditAction, string>> = {
  'login-failed': 'red',
  deactivate: 'orange',
  delete: 'orange',
  'password-reset': 'gold',
  create: 'green',
  setup: 'green',
  reactivate: 'green',
};

// JSX accepts data-* attributes, a typed object literal does not: hence the cast.
const rowTestId = (): HTMLAttributes<HTMLElement> =>
  ({ 'data-testid': 'audit-row' }) as HTMLAttributes<HTMLElement>;

export const AuditTable = ({
  events,
  thisDeviceId,
  names,
  raw,
}: {
  events: readonly AuditEvent[] | undefined;
  thisDeviceId: string;
  names: ReadonlyMap<string, string>;
  raw: boolean;
}) => {
  const { t, i18n } = useTranslation();
  const columns: ColumnsType<AuditEvent> = [
    {
      key: 'at',
      title: t('audit.columns.at'),
      dataIndex: 'at',
      width: 170,
      render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatClinicTime(at)}</span>,
    },
    {
      key: 'person',
      title: t('audit.columns.person'),
      render: (_, e) => {
        if (e.role)
          return t('audit.personWithRole', {
            name: e.actorName,
            role: t(`common.roles.${e.role}`),
          });
        if (isSystemActor(e.actorId)) return t(`audit.systemPersons.${e.actorId}`);
        return t('audit.unknownPerson', { name: e.actorName });
      },
    },
    {
      key: 'device',
      title: t('audit.columns.device'),
      dataIndex: 'deviceId',
      width: 110,
      render: (deviceId: string) => (
        <Tooltip title={deviceId}>
          <span>
            {deviceId === thisDeviceId
              ? t('audit.thisDevice')
              : t('audit.otherDevice', { tail: deviceTail(deviceId) })}
          </span>
        </Tooltip>
      ),
    },
    {
      key: 'action',
      title: t('audit.columns.action'),
      dataIndex: 'action',
      width: 110,
      render: (action: AuditAction) => (
        <Tag color={actionColor[action]} data-action={action}>
          {t(`audit.actions.${action}`)}
        </Tag>
      ),
    },
    {
      key: 'entity',
      title: t('audit.columns.entity'),
      dataIndex: 'entity',
      width: 120,
      render: (entity: AuditEvent['entity']) => t(`audit.entities.${entity}`),
    },
    {
      key: 'summary',
      title: t('audit.columns.summary'),
      render: (_, e) =>
        // A retention disposal wiped summary, reason and changes (personal-digest.ts).
        isWipedAuditEvent(e) ? (
          <Typography.Text type="secondary" data-testid="audit-disposed">
            {t('audit.disposed')}
          </Typography.Text>
        ) : (
          <>
            {raw
              ? e.summary
              : e.entity === 'settings'
                ? t(`audit.settingsKeys.${e.summary}`, {
                    defaultValue: localSummary(e.summary, i18n.language),
                  })
                : localSummary(e.summary, i18n.language)}
            <AuditChanges changes={e.changes} entity={e.entity} names={names} raw={raw} />
          </>
        ),
    },
    { key: 'reason', title: t('audit.columns.reason'), dataIndex: 'reason' },
  ];

  return (
    <Table<AuditEvent>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={events}
      loading={events === undefined}
      onRow={rowTestId}
      locale={{ emptyText: t('audit.empty') }}
      pagination={{
        pageSize: PAGE_SIZE,
        showSizeChanger: false,
        showTotal: (count) => t('audit.total', { count }),
      }}
      scroll={{ x: 960 }}
    />
  );
};
