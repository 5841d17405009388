import { PrinterOutlined } from '@ant-design/icons';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { consentStatusOf, type Consent } from '../../../../shared/consents/consent';

/** Signed: the notice is on file; open or print it, or go back to the chair. */
export const SignDone = ({ consent, onClose }: { consent: Consent; onClose: () => void }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const version = consent.content.version;
  const signed = consentStatusOf(consent) === 'signed';
  return (
    <Result
      status={signed ? 'success' : 'warning'}
      title={t(signed ? 'consents.signing.signed' : 'consents.signing.refusedDone', { version })}
      subTitle={t('consents.signing.doneHelp')}
      data-testid="sign-done"
      extra={[
        <Button
          key="print"
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => navigate(`/consents/${consent.id}`)}
          data-testid="sign-print"
        >
          {t('consents.signing.print')}
        </Button>,
        <Button key="open" href={`#/consents/${consent.id}`} data-testid="sign-open">
          {t('consents.signing.open')}
        </Button>,
        <Button key="close" onClick={onClose} data-testid="sign-close">
          {t('consents.signing.close')}
        </Button>,
      ]}
    />
  );
};
