import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { RATIO_SCALE, type CatalogueEntry } from '../../../../shared/catalogue/catalogue';

/** "7.5" for 750 basis points: a percentage without trailing zeros. */
export const formatRatio = (bp: number): string => String(bp / (RATIO_SCALE / 100));

const COLORS = { 'class-a': 'green', 'class-b': 'gold', 'self-pay': 'red' } as const;

/**
 * 甲类 green, 乙类 gold with its self-pay ratio, 自费 red: what the patient pays at a glance, in the
 * catalogue and on the clinician's plan alike.
 */
export const CoverageTag = ({
  entry,
}: {
  entry: Pick<CatalogueEntry, 'coverage' | 'selfPayRatioBp'>;
}) => {
  const { t } = useTranslation();
  return (
    <Tag
      color={COLORS[entry.coverage]}
      style={{ marginInlineEnd: 0 }}
      data-testid="coverage"
      data-coverage={entry.coverage}
    >
      {t(`catalogue.coverage.${entry.coverage}`, { ratio: formatRatio(entry.selfPayRatioBp) })}
    </Tag>
  );
};
