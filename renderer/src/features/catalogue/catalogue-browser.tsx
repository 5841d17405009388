import { EditOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Input, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueItem, CatalogueVersion } from '../../../../shared/catalogue/catalogue';
import { useServices } from '../../app/services';
import { catalogueItemsPage } from '../../db/catalogue';
import { searchCatalogueVersion, warmCatalogueIndex } from '../../db/catalogue-index';
import { useItemColumns } from './item-columns';
import { useDebounced } from '../../ui/use-debounced';
import { ClearIcon } from '../../ui/clear-icon';

/** Past this, one more row helps nobody: the officer types one more character. */
const LIMIT = 100;
const PAGE_SIZE = 20;
const DEBOUNCE_MS = 80;

// JSX accepts data-* attributes, a typed object literal does not: hence the cast.
const rowProps = (item: CatalogueItem) =>
  ({ 'data-testid': `catalogue-item-${item.code}` }) as HTMLAttributes<HTMLElement>;

/** The row's 修改 button, for those who may change the catalogue and a version still to be changed. */
const useEditColumn = (onEdit: ((item: CatalogueItem) => void) | undefined) => {
  const { t } = useTranslation();
  const column: ColumnsType<CatalogueItem>[number] = {
    key: 'edit',
    title: t('catalogueItem.actions'),
    width: 90,
    render: (_, item) => (
      <Button
        size="small"
        icon={<EditOutlined />}
        onClick={() => onEdit?.(item)}
        aria-label={t('catalogueItem.editLabel', { name: item.name })}
        data-testid="item-edit"
      >
        {t('catalogueItem.edit')}
      </Button>
    ),
  };
  return onEdit ? [column] : [];
};

/**
 * One version's items: page by page in code order without a query (a city's 20,000 items are read
 * 20 at a time), or the best 100 matches for code, name, pinyin or initials, anywhere in them (the
 * version is read into memory once, when the search box is first focused).
 */
export const CatalogueBrowser = ({
  version,
  initialQuery = '',
  onEdit,
}: {
  version: CatalogueVersion;
  /** What the search box starts with: the code of an item just saved, to show it at once. */
  initialQuery?: string;
  onEdit?: (item: CatalogueItem) => void;
}) => {
  const { t } = useTranslation();
  const { db } = useServices();
  const columns = [...useItemColumns<CatalogueItem>(), ...useEditColumn(onEdit)];
  const [text, setText] = useState(initialQuery);
  const [page, setPage] = useState(1);
  const query = useDebounced(text.trim(), DEBOUNCE_MS);

  const found = useLiveQuery(
    () => (query ? searchCatalogueVersion(db, version.id, query, LIMIT + 1) : undefined),
    [db, version.id, query],
  );
  const pageRows = useLiveQuery(
    () =>
      query
        ? undefined
        : catalogueItemsPage(db, version.id, { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
    [db, version.id, query, page],
  );
  const rows = query ? (found ?? []).slice(0, LIMIT) : (pageRows ?? []);
  const loading = query ? found === undefined : pageRows === undefined;
  const count = query
    ? found &&
      (found.length > LIMIT
        ? t('catalogue.search.more', { count: LIMIT })
        : t('catalogue.search.found', { count: found.length }))
    : t('catalogue.search.total', { count: version.itemCount });

  return (
    <Flex vertical gap="small">
      <Typography.Text type="secondary" data-testid="catalogue-browsing">
        {t('catalogue.search.version', { date: version.effectiveFrom, file: version.fileName })}
      </Typography.Text>
      <Input
        size="large"
        allowClear={{ clearIcon: <ClearIcon /> }}
        prefix={<SearchOutlined />}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setPage(1);
        }}
        onFocus={() => void warmCatalogueIndex(db, version.id)}
        placeholder={t('catalogue.search.placeholder')}
        aria-label={t('catalogue.search.label')}
        autoComplete="off"
        spellCheck={false}
        data-testid="catalogue-search"
      />
      <Typography.Text type="secondary" data-testid="catalogue-count">
        {count}
      </Typography.Text>
      <Table<CatalogueItem>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={loading}
        onRow={rowProps}
        locale={{
          emptyText: (
            <Empty description={query ? t('catalogue.search.none', { query }) : undefined} />
          ),
        }}
        pagination={
          query
            ? { pageSize: PAGE_SIZE, showSizeChanger: false, hideOnSinglePage: true }
            : {
                current: page,
                pageSize: PAGE_SIZE,
                total: version.itemCount,
                showSizeChanger: false,
                hideOnSinglePage: true,
                onChange: setPage,
              }
        }
      />
    </Flex>
  );
};
