import { Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatClinicTime } from '../../../../shared/clock/clinic-time';
import type { ComplaintListRow } from '../../db/complaints';
import { complainantName } from './complaint-words';
import { StateTag, UrgencyTag } from './complaint-tags';
import { isAnonymous } from '../../../../shared/complaints/urgency';

const rowProps = (row: ComplaintListRow) =>
  ({ 'data-testid': `complaint-row-${row.complaint.id}` }) as HTMLAttributes<HTMLElement>;

const minutes = (iso: string) => formatClinicTime(iso).slice(0, 16);

/** The urgency list: overdue first, then due soon, then by the deadline (the repository sorts). */
export const ComplaintTable = ({
  rows,
  names,
  onOpen,
}: {
  rows: readonly ComplaintListRow[] | undefined;
  names: ReadonlyMap<string, string>;
  onOpen: (id: string) => void;
}) => {
  const { t } = useTranslation();
  // Times and names stay on one line; channel and category may wrap.
  const oneLine = () => ({ style: { whiteSpace: 'nowrap' as const } });
  const columns: ColumnsType<ComplaintListRow> = [
    {
      key: 'urgency',
      title: t('complaints.columns.urgency'),
      render: (_, row) => <UrgencyTag urgency={row.urgency} />,
    },
    {
      key: 'state',
      title: t('complaints.columns.state'),
      render: (_, row) => (
        <StateTag state={row.derived.state} anonymous={isAnonymous(row.complaint)} />
      ),
    },
    {
      key: 'received',
      onCell: oneLine,
      title: t('complaints.columns.received'),
      // A link, so the list is walked with Tab and opened with Enter.
      render: (_, row) => (
        <Link to={`/complaints/${row.complaint.id}`} data-testid="complaint-open">
          {minutes(row.complaint.receivedAt)}
        </Link>
      ),
    },
    {
      key: 'channel',
      title: t('complaints.columns.channel'),
      render: (_, row) => t(`complaints.channel.${row.complaint.channel}`),
    },
    {
      key: 'category',
      title: t('complaints.columns.category'),
      render: (_, row) => (
        <Space size={4} wrap>
          {t(`complaints.category.${row.complaint.category}`)}
          {row.complaint.severity === 'major' && (
            <Typography.Text type="danger" style={{ whiteSpace: 'nowrap' }}>
              {t('complaints.severity.major')}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: 'complainant',
      onCell: oneLine,
      title: t('complaints.columns.complainant'),
      render: (_, row) => complainantName(t, row.complaint.complainant),
    },
    {
      key: 'firstContactDue',
      onCell: oneLine,
      title: t('complaints.columns.firstContactDue'),
      // Once the complainant was reached the deadline is history: ticked when met, the contact
      // time beside it when it was late (the monthly handling rate counts it).
      render: (_, row) => {
        // An anonymous complaint has nobody to contact: no deadline to show.
        if (isAnonymous(row.complaint)) return t('complaints.nobody');
        const due = minutes(row.complaint.firstContactDue);
        const at = row.derived.firstContactAt;
        if (!at) return due;
        if (Date.parse(at) <= Date.parse(row.complaint.firstContactDue))
          return <Typography.Text type="secondary">{due} ✓</Typography.Text>;
        return (
          <Tooltip title={t('complaints.line.contactedAt', { at: minutes(at) })}>
            <Typography.Text type="warning">
              {t('complaints.line.contactedLate', { due })}
            </Typography.Text>
          </Tooltip>
        );
      },
    },
    {
      key: 'resolutionDue',
      onCell: oneLine,
      title: t('complaints.columns.resolutionDue'),
      render: (_, row) => row.complaint.resolutionDue,
    },
    {
      key: 'owner',
      onCell: oneLine,
      title: t('complaints.columns.owner'),
      render: (_, row) => names.get(row.derived.owner) ?? t('complaints.nobody'),
    },
  ];
  return (
    <Table<ComplaintListRow>
      rowKey={(row) => row.complaint.id}
      columns={columns}
      dataSource={rows ? [...rows] : []}
      pagination={false}
      size="middle"
      // No spinner while the first read runs (it takes a few ms), and no "no complaints" either.
      locale={{ emptyText: rows === undefined ? ' ' : t('complaints.empty') }}
      onRow={(row) => ({
        ...rowProps(row),
        onClick: () => onOpen(row.complaint.id),
        style: { cursor: 'pointer' },
      })}
      data-testid="complaint-table"
    />
  );
};
