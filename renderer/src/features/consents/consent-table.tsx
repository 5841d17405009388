import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatClinicTime } from '../../../../shared/clock/clinic-time';
import { formatYuan, fen } from '../../../../shared/money';
import { consentTotals, type ConsentRow } from '../../db/consents';
import { ConsentStateTag } from './consent-state-tag';

// JSX accepts data-* attributes, a typed object literal does not: hence the cast.
const rowProps = (row: ConsentRow) =>
  ({ 'data-testid': 'consent-row', 'data-state': row.state }) as HTMLAttributes<HTMLElement>;

/** How many notices in each state, and the self-pay amount the signed ones cover. */
export const ConsentTotals = ({ rows }: { rows: readonly ConsentRow[] }) => {
  const { t } = useTranslation();
  const totals = consentTotals(rows);
  return (
    <Typography.Text strong data-testid="consent-totals">
      {t('notice.list.totals', { ...totals, selfPay: formatYuan(fen(totals.signedSelfPayFen)) })}
    </Typography.Text>
  );
};

/** The notices of the chosen days, newest first; a row opens the notice. */
export const ConsentTable = ({ rows }: { rows: readonly ConsentRow[] | undefined }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const columns: ColumnsType<ConsentRow> = [
    {
      key: 'time',
      title: t('notice.list.columns.time'),
      width: 170,
      render: (_, r) => formatClinicTime(r.consent.signedAt).slice(0, 16),
    },
    {
      key: 'patient',
      title: t('notice.list.columns.patient'),
      render: (_, r) => (
        <Typography.Link strong onClick={() => navigate(`/consents/${r.consent.id}`)}>
          {r.consent.content.patient.name}
        </Typography.Link>
      ),
    },
    {
      key: 'clinician',
      title: t('notice.list.columns.clinician'),
      render: (_, r) => r.consent.content.clinician.name,
    },
    {
      key: 'items',
      title: t('notice.list.columns.items'),
      align: 'right',
      render: (_, r) => r.consent.content.lines.length,
    },
    {
      key: 'selfPay',
      title: t('notice.list.columns.selfPay'),
      align: 'right',
      render: (_, r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {formatYuan(fen(r.consent.content.selfPayTotalFen))}
        </span>
      ),
    },
    {
      key: 'state',
      title: t('notice.list.columns.state'),
      render: (_, r) => <ConsentStateTag state={r.state} />,
    },
    {
      key: 'version',
      title: t('notice.list.columns.version'),
      render: (_, r) => t('notice.list.version', { version: r.consent.content.version }),
    },
  ];
  return (
    <Table<ConsentRow>
      rowKey={(r) => r.consent.id}
      columns={columns}
      dataSource={rows ? [...rows] : []}
      loading={rows === undefined}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      size="small"
      onRow={rowProps}
      locale={{ emptyText: t('notice.list.empty') }}
    />
  );
};
