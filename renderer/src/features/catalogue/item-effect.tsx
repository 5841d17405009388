import { Alert, Flex, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CatalogueEntry, CatalogueVersion } from '../../../../shared/catalogue/catalogue';
import type { CalendarDate } from '../../../../shared/clock/calendar-date';
import { fen, formatYuan } from '../../../../shared/money';
import { formatRatio } from './coverage-tag';

type Shown = 'code' | 'name' | 'category' | 'unit' | 'price' | 'coverage' | 'restriction';

/** An item's values as a person reads them: ¥ and 元, 乙类 with its ratio, the category's name. */
const shownValues = (t: TFunction, entry: CatalogueEntry): Record<Shown, string> => ({
  code: entry.code,
  name: entry.name,
  category: t(`catalogue.categories.${entry.category}`),
  unit: entry.unit,
  price: `¥${formatYuan(fen(entry.priceFen))}`,
  coverage: t(`catalogue.coverage.${entry.coverage}`, {
    ratio: formatRatio(entry.selfPayRatioBp),
  }),
  restriction: entry.restriction ?? '—',
});

/** The version that takes over after `date`, if one is already imported: it lacks this change. */
const nextAfter = (versions: readonly CatalogueVersion[], date: CalendarDate) =>
  versions
    .filter((v) => v.effectiveFrom > date)
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1))[0];

/**
 * What saving will do, before it is done: a new version from the chosen day holding every item
 * of the one being viewed plus this change; older versions untouched; and, when a later version
 * is already waiting, that it will not carry this change.
 */
export const ItemEffect = ({
  base,
  versions,
  before,
  entry,
  date,
}: {
  base: CatalogueVersion;
  versions: readonly CatalogueVersion[];
  /** The item as it is now; absent when adding. */
  before: CatalogueEntry | undefined;
  /** The item as the form describes it, once every box is right. */
  entry: CatalogueEntry | undefined;
  date: CalendarDate | undefined;
}) => {
  const { t } = useTranslation();
  const shownDate = date ?? '—';
  const later = date && nextAfter(versions, date);
  const was = before && shownValues(t, before);
  const will = entry && shownValues(t, entry);
  const changed =
    was && will ? (Object.keys(was) as Shown[]).filter((field) => was[field] !== will[field]) : [];
  const count = base.itemCount;

  return (
    <Flex vertical gap="small" data-testid="item-effect">
      <Alert
        type="info"
        showIcon
        title={
          <Flex vertical gap={2}>
            <Typography.Text strong>{t('catalogueItem.effect.title')}</Typography.Text>
            <span>
              {t(before ? 'catalogueItem.effect.edit' : 'catalogueItem.effect.add', {
                date: shownDate,
                count,
                total: count + 1,
              })}
            </span>
            {was && (
              <div data-testid="item-changes">
                <Typography.Text strong>{t('catalogueItem.effect.changes')}</Typography.Text>
                {changed.length === 0 ? (
                  <Typography.Text type="secondary">
                    {' '}
                    {t('catalogueItem.effect.none')}
                  </Typography.Text>
                ) : (
                  <ul className="catalogue-item-changes">
                    {changed.map((field) => (
                      <li key={field} data-testid="item-change">
                        {t('catalogueItem.effect.change', {
                          field: t(`catalogue.columns.${field}`),
                          from: was[field],
                          to: will![field],
                        })}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
            <Typography.Text type="secondary">
              {t('catalogueItem.effect.kept', { date: shownDate })}
            </Typography.Text>
          </Flex>
        }
      />
      {later && (
        <Alert
          type="warning"
          showIcon
          data-testid="item-later-version"
          title={t('catalogueItem.effect.later', {
            date: later.effectiveFrom,
            file: later.fileName,
          })}
        />
      )}
    </Flex>
  );
};
