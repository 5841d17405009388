import { Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { CatalogueEntry } from '../../../../shared/catalogue/catalogue';
import { fen, formatYuan } from '../../../../shared/money';
import { CoverageTag } from './coverage-tag';

/** The columns an item shows everywhere: in the search results and in the import preview. */
export const useItemColumns = <T extends CatalogueEntry>(): ColumnsType<T> => {
  const { t } = useTranslation();
  return [
    {
      key: 'code',
      title: t('catalogue.columns.code'),
      dataIndex: 'code',
      width: 170,
      render: (code: string) => <span className="catalogue-code">{code}</span>,
    },
    { key: 'name', title: t('catalogue.columns.name'), dataIndex: 'name' },
    {
      key: 'category',
      title: t('catalogue.columns.category'),
      dataIndex: 'category',
      width: 140,
      render: (category: CatalogueEntry['category']) => t(`catalogue.categories.${category}`),
    },
    { key: 'unit', title: t('catalogue.columns.unit'), dataIndex: 'unit', width: 70 },
    {
      key: 'price',
      title: t('catalogue.columns.price'),
      dataIndex: 'priceFen',
      align: 'right',
      width: 110,
      render: (priceFen: number) => (
        <span className="catalogue-price">¥{formatYuan(fen(priceFen))}</span>
      ),
    },
    {
      key: 'coverage',
      title: t('catalogue.columns.coverage'),
      width: 150,
      render: (_, entry) => <CoverageTag entry={entry} />,
    },
    {
      key: 'restriction',
      title: t('catalogue.columns.restriction'),
      dataIndex: 'restriction',
      ellipsis: { showTitle: true },
      render: (restriction?: string) =>
        restriction ? <Typography.Text type="secondary">{restriction}</Typography.Text> : null,
    },
  ];
};
