import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** Whether what was shown matches what is on file; "not compared" until something is shown. */
export const MatchTag = ({ matches, testId }: { matches: boolean | undefined; testId: string }) => {
  const { t } = useTranslation();
  if (matches === undefined)
    return (
      <Tag icon={<MinusCircleOutlined />} data-testid={testId} data-match="none">
        {t('visits.panel.compare.notCompared')}
      </Tag>
    );
  return matches ? (
    <Tag icon={<CheckCircleFilled />} color="green" data-testid={testId} data-match="yes">
      {t('visits.panel.compare.match')}
    </Tag>
  ) : (
    <Tag icon={<CloseCircleFilled />} color="red" data-testid={testId} data-match="no">
      {t('visits.panel.compare.mismatch')}
    </Tag>
  );
};
