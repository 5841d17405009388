import { Button, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/auth/permissions';
import type { Role } from '../../../../shared/auth/roles';
import { maskIdNumber } from '../../../../shared/patients/display';
import type { TodayVisit } from '../../db/visits';
import { FlagTags, VisitStatusTag } from '../visits/check-tags';
import { clinicClock } from './clinic-clock';
import { PatientLink } from './patient-link';
import { ReconfirmButton } from './reconfirm-button';

type TodayVisitsTableProps = {
  visits: readonly TodayVisit[] | undefined;
  role: Role;
  onVerify: (visitId: string) => void;
  onCancel: (row: TodayVisit) => void;
};

// JSX accepts data-* attributes, a typed object literal does not: hence the cast.
const rowProps = (row: TodayVisit) =>
  ({
    'data-testid': 'today-visit',
    'data-patient': row.patient?.name ?? '',
    'data-cancelled': row.visit.cancelledAt ? 'true' : 'false',
    ...(row.visit.cancelledAt ? { style: { opacity: 0.6 } } : {}),
  }) as HTMLAttributes<HTMLElement>;

const NO_WRAP = { style: { whiteSpace: 'nowrap' } } as const;

/** Today's visits in check-in order, where each stands on identity, and the re-checks due. */
export const TodayVisitsTable = ({ visits, role, onVerify, onCancel }: TodayVisitsTableProps) => {
  const { t } = useTranslation();
  const canVerify = can(role, 'verification.record');
  const canReconfirm = can(role, 'verification.reconfirm');
  const canPlan = can(role, 'consent.prepare');
  // The front desk bills planned items from the same page (PRODUCT.md §2.4), without planning them.
  const canBill = !canPlan && can(role, 'item.bill');
  const columns: ColumnsType<TodayVisit> = [
    {
      key: 'time',
      title: t('today.columns.time'),
      width: 90,
      render: (_, row) => clinicClock(row.visit.checkedInAt),
    },
    {
      key: 'patient',
      title: t('today.columns.patient'),
      render: (_, row) => (
        <Space orientation="vertical" size={0}>
          <PatientLink patient={row.patient} />
          {row.patient && (
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
              {maskIdNumber(row.patient.idNumber)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: 'status',
      title: t('today.columns.status'),
      render: (_, row) => (
        <Space orientation="vertical" size={2}>
          {row.visit.cancelledAt ? (
            <Typography.Text type="secondary" data-testid="visit-cancelled">
              <Tag>{t('today.cancelVisit.cancelled')}</Tag>
              {row.visit.cancelReason}
            </Typography.Text>
          ) : (
            <VisitStatusTag status={row.visit.status} />
          )}
          {row.visit.settlement === 'self-pay' && (
            <Typography.Text type="secondary" data-testid="self-pay-reason">
              {t('visits.timeline.selfPay', {
                reason:
                  row.visit.selfPayReason ??
                  t(`visits.selfPayCause.${row.visit.selfPayCause ?? 'not-insured'}`),
              })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: 'flags',
      title: t('today.columns.flags'),
      render: (_, row) => <FlagTags flags={row.checks.checkIn?.flags ?? []} />,
    },
    {
      key: 'eligibility',
      title: t('today.columns.eligibility'),
      render: (_, row) => {
        const eligibility = row.checks.checkIn?.eligibility;
        if (!eligibility) return '—';
        return (
          <Space size={4} wrap>
            <Tag>{t(`visits.eligibilityStatus.${eligibility.status}`)}</Tag>
            {eligibility.recheckNeeded && <Tag color="gold">{t('visits.recheck')}</Tag>}
          </Space>
        );
      },
    },
    ...(['clinician', 'pharmacist'] as const).map((stage) => ({
      key: stage,
      title: t(`today.columns.${stage}`),
      render: (_: unknown, row: TodayVisit) =>
        row.visit.cancelledAt ? null : (
          <ReconfirmButton
            visitId={row.visit.id}
            patient={row.patient}
            stage={stage}
            done={row.checks[stage]}
            allowed={canReconfirm}
          />
        ),
    })),
    ...(canVerify || canPlan || canBill
      ? [
          {
            key: 'actions',
            title: t('today.columns.actions'),
            render: (_: unknown, row: TodayVisit) =>
              row.visit.cancelledAt ? null : (
                <Space size={4} wrap>
                  {canVerify && (
                    <Button
                      size="small"
                      type={row.visit.status === 'awaiting-verification' ? 'primary' : 'default'}
                      onClick={() => onVerify(row.visit.id)}
                      data-testid="verify-visit"
                    >
                      {t(
                        row.visit.status === 'awaiting-verification'
                          ? 'today.actions.verify'
                          : 'today.actions.reverify',
                      )}
                    </Button>
                  )}
                  {(canPlan || canBill) && (
                    <Button
                      size="small"
                      href={`#/consents/visit/${row.visit.id}`}
                      data-testid="plan-visit"
                    >
                      {t(canPlan ? 'consents.links.plan' : 'consents.links.bill')}
                    </Button>
                  )}
                  {canVerify && (
                    <Button
                      size="small"
                      type="text"
                      danger
                      onClick={() => onCancel(row)}
                      data-testid="cancel-visit"
                    >
                      {t('today.cancelVisit.button')}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]
      : []),
  ];

  return (
    <Table<TodayVisit>
      rowKey={(row) => row.visit.id}
      // Headers such as 医生复核 broke in two in a narrow window: the other columns give way.
      columns={columns.map((column) => ({ ...column, onHeaderCell: () => NO_WRAP }))}
      dataSource={visits as TodayVisit[] | undefined}
      loading={visits === undefined}
      onRow={rowProps}
      pagination={false}
      size="middle"
      locale={{ emptyText: t('today.empty') }}
    />
  );
};
