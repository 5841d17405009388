import { LockOutlined } from '@ant-design/icons';
import { Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Consent } from '../../../../shared/consents/consent';
import type { PlannedItem } from '../../../../shared/consents/planned-item';
import {
  lineTotal,
  selfPayFen,
  selfPayTotal,
  type SettlementTerms,
} from '../../../../shared/consents/self-pay';
import { fen, formatYuan } from '../../../../shared/money';
import { CoverageTag } from '../catalogue/coverage-tag';
import { formatTeeth } from '../../../../shared/consents/teeth';
import { planLineState, type PlanLineState } from './plan-line-state';
import { PlanRowActions, type PlanAction, type PlanPermissions } from './plan-row-actions';

type Row = { item: PlannedItem; state: PlanLineState };

const CONSENT_COLORS = {
  'not-needed': 'default',
  awaiting: 'orange',
  signed: 'green',
  refused: 'red',
};

const StatusTags = ({ state }: { state: PlanLineState }) => {
  const { t } = useTranslation();
  if (state.cancelled) return <Tag data-testid="line-status">{t('consents.status.cancelled')}</Tag>;
  return (
    <Space size={[4, 4]} wrap data-testid="line-status">
      <Tag color={CONSENT_COLORS[state.consent]}>{t(`consents.status.${state.consent}`)}</Tag>
      {state.performed && <Tag color="blue">{t('consents.status.performed')}</Tag>}
      {state.billed && <Tag color="purple">{t('consents.status.billed')}</Tag>}
    </Space>
  );
};

const ReasonCell = ({ item }: { item: PlannedItem }) => {
  const { t } = useTranslation();
  if (!item.reason) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text>{t('consents.reason', { reason: item.reason })}</Typography.Text>
      <Typography.Text type="secondary">
        {item.alternatives?.kind === 'offered'
          ? t('consents.alternatives', { text: item.alternatives.text })
          : t('consents.alternatives', { text: t('consents.noAlternatives') })}
      </Typography.Text>
    </Space>
  );
};

// JSX accepts data-* attributes, a typed object literal does not: hence the cast.
const rowProps = (row: Row) =>
  ({
    'data-testid': 'plan-line',
    'data-item': row.item.name,
    'data-consent': row.state.cancelled ? 'cancelled' : row.state.consent,
  }) as HTMLAttributes<HTMLElement>;

const yuan = (amount: number) => formatYuan(fen(amount));

/** The visit's plan: what each line costs the patient, where it stands, what can be done to it. */
export const PlanTable = ({
  items,
  live,
  terms,
  allowed,
  onAction,
}: {
  items: readonly PlannedItem[];
  live: readonly Pick<Consent, 'status' | 'content'>[];
  /** The visit's settlement: a self-pay visit charges every line in full. */
  terms: SettlementTerms;
  allowed: PlanPermissions;
  onAction: (action: PlanAction, item: PlannedItem) => void;
}) => {
  const { t } = useTranslation();
  const rows: Row[] = items.map((item) => ({ item, state: planLineState(item, live) }));
  const open = rows.filter((r) => !r.state.cancelled).map((r) => r.item);
  const columns: ColumnsType<Row> = [
    {
      key: 'item',
      title: t('consents.columns.item'),
      render: (_, { item, state }) => (
        <Space orientation="vertical" size={0} style={{ minWidth: 120 }}>
          <Typography.Text strong delete={state.cancelled}>
            {state.signedFor && (
              <Tooltip title={t('consents.locked')}>
                <LockOutlined
                  style={{ marginRight: 4 }}
                  aria-label={t('consents.locked')}
                  data-testid="line-locked"
                />
              </Tooltip>
            )}
            {item.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            {item.code}
          </Typography.Text>
          {item.teeth && (
            <Typography.Text style={{ whiteSpace: 'nowrap' }} data-testid="line-teeth-shown">
              {t('consents.line.teethShown', { teeth: formatTeeth(item.teeth) })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: 'coverage',
      title: t('consents.columns.coverage'),
      render: (_, { item }) => <CoverageTag entry={item} />,
    },
    {
      key: 'price',
      title: t('consents.columns.price'),
      align: 'right',
      render: (_, { item }) => (
        <span style={{ whiteSpace: 'nowrap' }}>{`${yuan(item.priceFen)}/${item.unit}`}</span>
      ),
    },
    {
      key: 'quantity',
      title: <span style={{ whiteSpace: 'nowrap' }}>{t('consents.columns.quantity')}</span>,
      align: 'right',
      render: (_, r) => r.item.quantity,
    },
    {
      key: 'selfPay',
      title: t('consents.columns.selfPay'),
      align: 'right',
      render: (_, { item }) => (
        <span data-testid="line-self-pay">{yuan(selfPayFen(item, terms))}</span>
      ),
    },
    {
      key: 'reason',
      title: t('consents.columns.reason'),
      render: (_, r) => <ReasonCell item={r.item} />,
    },
    {
      key: 'status',
      title: t('consents.columns.status'),
      render: (_, r) => <StatusTags state={r.state} />,
    },
    {
      key: 'actions',
      title: t('consents.columns.actions'),
      render: (_, r) => <PlanRowActions {...r} allowed={allowed} onAction={onAction} />,
    },
  ];
  return (
    <Table<Row>
      rowKey={(row) => row.item.id}
      columns={columns}
      dataSource={rows}
      onRow={rowProps}
      pagination={false}
      size="middle"
      locale={{ emptyText: t('consents.empty') }}
      summary={() =>
        open.length > 0 && (
          <Table.Summary.Row data-testid="plan-totals">
            <Table.Summary.Cell index={0} colSpan={2}>
              <Typography.Text strong>
                {t('consents.totals', { count: open.length })}
              </Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} colSpan={2} align="right">
              <span data-testid="total-price" style={{ whiteSpace: 'nowrap' }}>
                {t('consents.totalPrice', {
                  amount: yuan(open.reduce((sum, item) => sum + lineTotal(item), 0)),
                })}
              </span>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">
              <Typography.Text strong data-testid="total-self-pay">
                {yuan(selfPayTotal(open, terms))}
              </Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5} colSpan={3} />
          </Table.Summary.Row>
        )
      }
    />
  );
};
