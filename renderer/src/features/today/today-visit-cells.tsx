import { Button, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { maskIdNumber } from '../../../../shared/patients/display';
import type { TodayVisit } from '../../db/visits';
import { VisitStatusTag } from '../visits/check-tags';
import { PatientLink } from './patient-link';

/** The patient's name, opening their record, above the tail of their ID number. */
export const PatientCell = ({ row }: { row: TodayVisit }) => (
  <Space orientation="vertical" size={0}>
    <PatientLink patient={row.patient} />
    {row.patient && (
      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
        {maskIdNumber(row.patient.idNumber)}
      </Typography.Text>
    )}
  </Space>
);

/** Where the visit stands on identity, or why it was cancelled; and why it is self-pay. */
export const StatusCell = ({ row }: { row: TodayVisit }) => {
  const { t } = useTranslation();
  const { visit } = row;
  return (
    <Space orientation="vertical" size={2}>
      {visit.cancelledAt ? (
        <Typography.Text type="secondary" data-testid="visit-cancelled">
          <Tag>{t('today.cancelVisit.cancelled')}</Tag>
          {visit.cancelReason}
        </Typography.Text>
      ) : (
        <VisitStatusTag status={visit.status} />
      )}
      {visit.settlement === 'self-pay' && (
        <Typography.Text type="secondary" data-testid="self-pay-reason">
          {t('visits.timeline.selfPay', {
            reason:
              visit.selfPayReason ??
              t(`visits.selfPayCause.${visit.selfPayCause ?? 'not-insured'}`),
          })}
        </Typography.Text>
      )}
    </Space>
  );
};

/** What the insurance network said at check-in, and whether to ask it again. */
export const EligibilityCell = ({ row }: { row: TodayVisit }) => {
  const { t } = useTranslation();
  const eligibility = row.checks.checkIn?.eligibility;
  if (!eligibility) return '—';
  return (
    <Space size={4} wrap>
      <Tag>{t(`visits.eligibilityStatus.${eligibility.status}`)}</Tag>
      {eligibility.recheckNeeded && <Tag color="gold">{t('visits.recheck')}</Tag>}
    </Space>
  );
};

export type VisitActionsAllowed = { verify: boolean; plan: boolean; bill: boolean };

/** Verify (again), open the plan or the bill, cancel a wrong check-in. */
export const VisitActions = ({
  row,
  allowed,
  onVerify,
  onCancel,
}: {
  row: TodayVisit;
  allowed: VisitActionsAllowed;
  onVerify: (visitId: string) => void;
  onCancel: (row: TodayVisit) => void;
}) => {
  const { t } = useTranslation();
  const { visit } = row;
  if (visit.cancelledAt) return null;
  const awaiting = visit.status === 'awaiting-verification';
  return (
    <Space size={4} wrap>
      {allowed.verify && (
        <Button
          size="small"
          type={awaiting ? 'primary' : 'default'}
          onClick={() => onVerify(visit.id)}
          data-testid="verify-visit"
        >
          {t(awaiting ? 'today.actions.verify' : 'today.actions.reverify')}
        </Button>
      )}
      {(allowed.plan || allowed.bill) && (
        <Button size="small" href={`#/consents/visit/${visit.id}`} data-testid="plan-visit">
          {t(allowed.plan ? 'consents.links.plan' : 'consents.links.bill')}
        </Button>
      )}
      {allowed.verify && (
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
  );
};
