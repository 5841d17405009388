import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useLiveQuery } from 'dexie-react-hooks';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CalendarDate } from '../../../../shared/clock/calendar-date';
import { formatYuan } from '../../../../shared/money';
import { useServices } from '../../app/services';
import { useActor } from '../../app/use-actor';
import { unsignedItemRows, type UnsignedItemRow } from '../../db/consent-review';

/** The day's 乙类 and 自费 items no signed notice covers yet, live. */
export const useUnsignedItems = (date: CalendarDate) => {
  const { db } = useServices();
  const actor = useActor();
  return useLiveQuery(() => unsignedItemRows(db, actor, date), [db, actor, date]);
};

// JSX accepts data-* attributes, a typed object literal does not: hence the cast.
const rowProps = (row: UnsignedItemRow) =>
  ({
    'data-testid': 'unsigned-item',
    'data-visit': row.item.visitId,
  }) as HTMLAttributes<HTMLElement>;

/** Each line opens the visit's plan, where the clinician prepares the notice for signing. */
export const UnsignedItemsTable = ({ rows }: { rows: readonly UnsignedItemRow[] | undefined }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const columns: ColumnsType<UnsignedItemRow> = [
    {
      key: 'patient',
      title: t('notice.unsigned.columns.patient'),
      render: (_, r) => <Typography.Text strong>{r.patientName ?? '—'}</Typography.Text>,
    },
    {
      key: 'item',
      title: t('notice.unsigned.columns.item'),
      render: (_, r) => `${r.item.name} × ${r.item.quantity}${r.item.unit}`,
    },
    {
      key: 'coverage',
      title: t('notice.unsigned.columns.coverage'),
      render: (_, r) => (
        <Tag color={r.item.coverage === 'self-pay' ? 'red' : 'gold'}>
          {t(`notice.unsigned.coverage.${r.item.coverage}`)}
        </Tag>
      ),
    },
    {
      key: 'clinician',
      title: t('notice.unsigned.columns.clinician'),
      render: (_, r) => r.clinicianName ?? '—',
    },
    {
      key: 'selfPay',
      title: t('notice.unsigned.columns.selfPay'),
      align: 'right',
      render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{formatYuan(r.selfPayFen)}</span>,
    },
    {
      key: 'plan',
      title: t('notice.unsigned.columns.plan'),
      render: (_, r) => (
        <Typography.Link
          data-testid="open-plan"
          onClick={() => navigate(`/consents/visit/${r.item.visitId}`)}
        >
          {t('notice.unsigned.openPlan')}
        </Typography.Link>
      ),
    },
  ];
  return (
    <Table<UnsignedItemRow>
      rowKey={(r) => r.item.id}
      columns={columns}
      dataSource={rows ? [...rows] : []}
      loading={rows === undefined}
      pagination={false}
      size="small"
      onRow={rowProps}
      locale={{ emptyText: t('notice.unsigned.empty') }}
    />
  );
};
