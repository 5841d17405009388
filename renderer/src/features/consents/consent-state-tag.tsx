import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConsentState } from '../../db/consents';

const colour: Record<ConsentState, string> = {
  signed: 'green',
  refused: 'orange',
  voided: 'default',
};

export const ConsentStateTag = ({ state }: { state: ConsentState }) => {
  const { t } = useTranslation();
  return (
    <Tag color={colour[state]} data-testid="consent-state" data-state={state}>
      {t(`notice.states.${state}`)}
    </Tag>
  );
};
