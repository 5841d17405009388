import { Flex, Select, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueItem } from '../../../../shared/catalogue/catalogue';
import { fen, formatYuan } from '../../../../shared/money';
import { useServices } from '../../app/services';
import { searchCatalogueVersion, warmCatalogueIndex } from '../../db/catalogue-index';
import { CoverageTag } from '../catalogue/coverage-tag';

const RESULTS = 12;

const ItemOption = ({ item }: { item: CatalogueItem }) => {
  const { t } = useTranslation();
  return (
    <Flex gap={8} align="center" data-testid="catalogue-option">
      <Typography.Text type="secondary" style={{ minWidth: 96 }}>
        {item.code}
      </Typography.Text>
      <Typography.Text strong ellipsis style={{ flex: 1 }}>
        {item.name}
      </Typography.Text>
      <Typography.Text>
        {t('consents.search.price', { price: formatYuan(fen(item.priceFen)), unit: item.unit })}
      </Typography.Text>
      <CoverageTag entry={item} />
    </Flex>
  );
};

/**
 * The clinician's way to add an item without the mouse: type a code, a name or pinyin initials
 * (any part of them: "洗牙" finds 龈上洁治术（洗牙）), ↑/↓ to choose, Enter to add. Only the catalogue in force on the visit's date is searched.
 */
export const CatalogueSearch = ({
  versionId,
  onPick,
}: {
  versionId: string;
  onPick: (item: CatalogueItem) => void;
}) => {
  const { t } = useTranslation();
  const { db } = useServices();
  const [found, setFound] = useState<CatalogueItem[]>([]);
  const [query, setQuery] = useState('');
  const latest = useRef('');

  const search = async (text: string) => {
    latest.current = text;
    setQuery(text);
    const results = await searchCatalogueVersion(db, versionId, text, RESULTS);
    // A slower answer to an older query must not replace the newer one.
    if (latest.current === text) setFound(results);
  };

  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: (text) => void search(text) }}
      onFocus={() => void warmCatalogueIndex(db, versionId)}
      value={null}
      placeholder={t('consents.search.placeholder')}
      aria-label={t('consents.search.label')}
      notFoundContent={query.trim() ? t('consents.search.empty') : null}
      style={{ width: '100%', maxWidth: 720 }}
      size="large"
      onChange={(id) => {
        const item = found.find((i) => i.id === id);
        setFound([]);
        setQuery('');
        if (item) onPick(item);
      }}
      options={found.map((item) => ({ value: item.id, label: <ItemOption item={item} /> }))}
      data-testid="catalogue-search"
    />
  );
};
