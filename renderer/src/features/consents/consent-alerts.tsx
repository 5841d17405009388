import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatClinicTime } from '../../../../shared/clock/clinic-time';
import type { Consent, ConsentVoid } from '../../../../shared/consents/consent';
import { useStaffNames } from '../visits/use-staff-names';

/** PRODUCT.md §2.5: any change to a signed form is detectable, and is shown, not hidden. */
export const TamperAlert = () => {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      data-testid="notice-tampered"
      title={t('notice.tampered.title')}
      description={t('notice.tampered.body')}
    />
  );
};

/** Who voided the notice, when and why, and where the corrected version is. */
export const VoidedAlert = ({
  voided,
  newer,
}: {
  voided: ConsentVoid;
  newer: Consent | undefined;
}) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const staffName = useStaffNames();
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="notice-voided"
      title={t('notice.voided.title')}
      description={
        <>
          <div>
            {t('notice.voided.body', {
              name: staffName(voided.voidedBy),
              time: formatClinicTime(voided.voidedAt),
              reason: voided.reason,
            })}
          </div>
          {voided.also?.map((other) => (
            <div key={other.hlc} data-testid="notice-voided-also">
              {t('notice.voided.also', {
                name: staffName(other.voidedBy),
                time: formatClinicTime(other.voidedAt),
                reason: other.reason,
              })}
            </div>
          ))}
          {newer ? (
            <Typography.Link onClick={() => navigate(`/consents/${newer.id}`)}>
              {t('notice.voided.newer', { version: newer.content.version })}
            </Typography.Link>
          ) : (
            <Typography.Text type="secondary">{t('notice.voided.noNewer')}</Typography.Text>
          )}
        </>
      }
    />
  );
};
