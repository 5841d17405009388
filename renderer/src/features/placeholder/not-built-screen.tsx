import { Alert, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export type PlannedScreen =
  'today' | 'patients' | 'consents' | 'catalogue' | 'records' | 'complaints' | 'sync';

export const NotBuiltScreen = ({ screen }: { screen: PlannedScreen }) => {
  const { t } = useTranslation();
  return (
    <Card>
      <Typography.Title level={3}>
        {t('placeholder.title', { screen: t(`shell.nav.${screen}`) })}
      </Typography.Title>
      <Alert
        type="info"
        showIcon
        title={t('placeholder.notice')}
        description={t(`placeholder.plans.${screen}`)}
      />
    </Card>
  );
};
