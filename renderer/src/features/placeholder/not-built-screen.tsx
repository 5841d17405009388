import { Alert, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Screens the shell already names but that are not built yet. */
export type PlannedScreen = 'records';

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
