import { Alert, Button, Card, InputNumber, Progress, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { today } from '../../../../shared/clock/calendar-date';
import { useServices } from '../../app/services';
import { seedDemoClinic, type SeedProgress } from '../../db/demo-seed';

/** Development builds only (see __DEV_TOOLS__): fill the store with a generated clinic. */
export const DevToolsCard = () => {
  const { t } = useTranslation();
  const { db, clock } = useServices();
  const [count, setCount] = useState(1000);
  const [progress, setProgress] = useState<SeedProgress>();
  const [result, setResult] = useState<SeedProgress>();
  const [busy, setBusy] = useState(false);

  const seed = async () => {
    setBusy(true);
    setResult(undefined);
    try {
      setResult(
        await seedDemoClinic(db, {
          patients: count,
          endDate: today(clock),
          onProgress: setProgress,
        }),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('settings.devSection')}>
      <Typography.Paragraph type="secondary">{t('settings.devSeedHint')}</Typography.Paragraph>
      <Space>
        <span>{t('settings.devSeedCount')}</span>
        <InputNumber
          min={1}
          max={200_000}
          precision={0}
          value={count}
          onChange={(value) => setCount(value ?? 1)}
        />
        <Button onClick={seed} loading={busy}>
          {t('settings.devSeed')}
        </Button>
      </Space>
      {busy && progress && (
        <>
          <Progress percent={Math.round((progress.patients / count) * 100)} />
          <Typography.Text>
            {t('settings.devSeeding', { done: progress.patients, total: count })}
          </Typography.Text>
        </>
      )}
      {result && (
        <Alert type="success" style={{ marginTop: 12 }} title={t('settings.devSeeded', result)} />
      )}
    </Card>
  );
};
