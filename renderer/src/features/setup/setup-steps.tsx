import { Steps } from 'antd';
import { useTranslation } from 'react-i18next';

const STEPS = ['language', 'clinic', 'owner', 'confirm', 'recovery'] as const;

/** Where the owner is in the first run; the recovery code, shown once the clinic exists, is last. */
export const SetupSteps = ({ current }: { current: number }) => {
  const { t } = useTranslation();
  return (
    <Steps
      current={current}
      size="small"
      style={{ marginBottom: 24 }}
      items={STEPS.map((key) => ({ title: t(`setup.steps.${key}`) }))}
    />
  );
};
