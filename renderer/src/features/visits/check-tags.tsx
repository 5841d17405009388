import { Alert, Flex, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VerificationFlag } from '../../../../shared/identity/flags';
import type { VerificationOutcome } from '../../../../shared/visits/verification';
import type { VisitStatus } from '../../../../shared/visits/visit';

const statusColor: Record<VisitStatus, string> = {
  'awaiting-verification': 'default',
  verified: 'green',
  failed: 'red',
  overridden: 'orange',
};

const outcomeColor: Record<VerificationOutcome, string> = {
  verified: 'green',
  failed: 'red',
  overridden: 'orange',
};

export const VisitStatusTag = ({ status }: { status: VisitStatus }) => {
  const { t } = useTranslation();
  return (
    <Tag color={statusColor[status]} data-testid="visit-status" data-status={status}>
      {t(`visits.status.${status}`)}
    </Tag>
  );
};

export const OutcomeTag = ({ outcome }: { outcome: VerificationOutcome }) => {
  const { t } = useTranslation();
  return (
    <Tag color={outcomeColor[outcome]} data-outcome={outcome}>
      {t(`visits.outcomes.${outcome}`)}
    </Tag>
  );
};

/** Short red tags, with the full sentence on hover: for tables. */
export const FlagTags = ({ flags }: { flags: readonly VerificationFlag[] }) => {
  const { t } = useTranslation();
  return (
    <Space size={[0, 4]} wrap>
      {flags.map((flag) => (
        <Tag
          key={flag}
          color="red"
          title={t(`visits.flagSentences.${flag}`)}
          data-testid="flag-tag"
          data-flag={flag}
        >
          {t(`visits.flags.${flag}`)}
        </Tag>
      ))}
    </Space>
  );
};

/** Every flag with its sentence, impossible to miss: for the verification panel. */
export const FlagList = ({ flags }: { flags: readonly VerificationFlag[] }) => {
  const { t } = useTranslation();
  if (flags.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="flag-list"
      title={t('visits.panel.flagsTitle')}
      description={
        <Flex vertical gap={4}>
          {flags.map((flag) => (
            <div key={flag} data-testid="flag" data-flag={flag}>
              <Tag color="red">{t(`visits.flags.${flag}`)}</Tag>
              <Typography.Text>{t(`visits.flagSentences.${flag}`)}</Typography.Text>
            </div>
          ))}
        </Flex>
      }
    />
  );
};
