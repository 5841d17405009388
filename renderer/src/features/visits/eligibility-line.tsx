import { WifiOutlined } from '@ant-design/icons';
import { Alert, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Eligibility } from '../../../../shared/visits/verification';
import { formatClinicTime } from '../../../../shared/clock/clinic-time';

const statusColor = { active: 'green', lapsed: 'red', unknown: 'default' } as const;

/**
 * The last known insurance status and when it was checked (PRODUCT §1.3). This workstation has
 * no line to the 医保 platform, so it says plainly that the status still needs checking.
 */
export const EligibilityLine = ({ eligibility }: { eligibility: Eligibility }) => {
  const { t } = useTranslation();
  return (
    <Alert
      type={eligibility.status === 'active' && !eligibility.recheckNeeded ? 'success' : 'warning'}
      icon={<WifiOutlined />}
      showIcon
      data-testid="eligibility"
      title={
        <Space wrap>
          <Typography.Text strong>{t('visits.panel.eligibility.label')}</Typography.Text>
          <Tag color={statusColor[eligibility.status]}>
            {t(`visits.eligibilityStatus.${eligibility.status}`)}
          </Tag>
          <Typography.Text type="secondary">
            {eligibility.checkedAt
              ? t('visits.panel.eligibility.lastChecked', {
                  at: formatClinicTime(eligibility.checkedAt),
                })
              : t('visits.panel.eligibility.never')}
          </Typography.Text>
        </Space>
      }
      description={
        eligibility.recheckNeeded && !eligibility.online
          ? t('visits.panel.eligibility.offline')
          : undefined
      }
    />
  );
};
