import { Card, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/use-language';
import { RecoveryCard } from '../recovery/recovery-card';
import { ChangePasswordCard } from './change-password-card';
import { ClinicCard } from './clinic-card';
import { ComplaintDeadlinesCard } from './complaint-deadlines-card';
import { DevToolsCard } from './dev-tools-card';
import { HolidayCard } from './holiday-card';
import { SecurityCard } from './security-card';

export const SettingsScreen = () => {
  const { t } = useTranslation();
  const { language, setLanguage } = useLanguage();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 720 }}>
      <Typography.Title level={3}>{t('settings.title')}</Typography.Title>
      <Card title={t('settings.languageSection')}>
        <Radio.Group
          value={language}
          onChange={(event) => setLanguage(event.target.value)}
          optionType="button"
          options={[
            { value: 'zh-CN', label: t('common.languages.zh-CN') },
            { value: 'en', label: t('common.languages.en') },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('settings.languageHint')}
        </Typography.Paragraph>
      </Card>
      <ClinicCard />
      <SecurityCard />
      <ComplaintDeadlinesCard />
      <HolidayCard />
      <ChangePasswordCard />
      <RecoveryCard />
      {__DEV_TOOLS__ && <DevToolsCard />}
    </Space>
  );
};
