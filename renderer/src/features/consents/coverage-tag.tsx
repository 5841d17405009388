import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { RATIO_SCALE, type Coverage } from '../../../../shared/catalogue/catalogue';

const COLORS: Record<Coverage, string> = {
  'class-a': 'green',
  'class-b': 'gold',
  'self-pay': 'volcano',
};

/** 甲类 / 乙类 自付 10% / 自费: the one thing the clinician must see before planning an item. */
export const CoverageTag = ({
  coverage,
  selfPayRatioBp,
}: {
  coverage: Coverage;
  selfPayRatioBp: number;
}) => {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[coverage]} data-testid="coverage" data-coverage={coverage}>
      {t(`consents.coverage.${coverage}`, { ratio: (selfPayRatioBp * 100) / RATIO_SCALE })}
    </Tag>
  );
};
