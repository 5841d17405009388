import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../../shared/visits/visit';

/**
 * Says, above the plan and its fees, that this visit is settled by the patient and why: every
 * line's amount is then its full price, and the desk must not read 甲类 as free.
 */
export const SelfPaySettlementAlert = ({
  visit,
}: {
  visit: Pick<Visit, 'settlement' | 'selfPayCause' | 'selfPayReason'>;
}) => {
  const { t } = useTranslation();
  if (visit.settlement !== 'self-pay') return null;
  const cause = t(`visits.selfPayCause.${visit.selfPayCause ?? 'not-insured'}`);
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="self-pay-settlement"
      title={t('consents.plan.selfPaySettlement')}
      description={t('consents.plan.selfPayBecause', {
        cause: visit.selfPayReason
          ? t('consents.plan.causeWithReason', { cause, reason: visit.selfPayReason })
          : cause,
      })}
    />
  );
};
