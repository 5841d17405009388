import { Alert, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { provinceByCode } from '../../../../shared/regions';
import { useLanguage } from '../../i18n/use-language';

export type WizardValues = {
  name: string;
  regionProvince: string;
  regionCity: string;
  displayName: string;
  username: string;
  password: string;
  passwordConfirm: string;
};

/** The wizard's last step: what will be created, read back before it is. */
export const ConfirmStep = ({ values }: { values: Partial<WizardValues> }) => {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const province = provinceByCode(values.regionProvince ?? '');
  return (
    <>
      <Typography.Paragraph>{t('setup.confirmIntro')}</Typography.Paragraph>
      <Descriptions bordered column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('setup.clinicName')}>{values.name}</Descriptions.Item>
        <Descriptions.Item label={t('setup.province')}>
          {language === 'en' ? province?.en : province?.zh} {values.regionCity}
        </Descriptions.Item>
        <Descriptions.Item label={t('account.displayName')}>{values.displayName}</Descriptions.Item>
        <Descriptions.Item label={t('account.username')}>{values.username}</Descriptions.Item>
        <Descriptions.Item label={t('common.language')}>
          {t(`common.languages.${language}`)}
        </Descriptions.Item>
      </Descriptions>
      <Alert type="info" showIcon title={t('backups.setupNotice')} style={{ marginBottom: 16 }} />
      {/* Data at rest in IndexedDB are not encrypted: said once, to the owner, at setup. */}
      <Alert
        type="warning"
        showIcon
        title={t('setup.diskEncryption.title')}
        description={t('setup.diskEncryption.text')}
        style={{ marginBottom: 16 }}
        data-testid="setup-disk-encryption"
      />
    </>
  );
};
