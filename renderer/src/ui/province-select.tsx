import { Select, type RefSelectProps, type SelectProps } from 'antd';
import type { Ref } from 'react';
import { searchText } from '../../../shared/catalogue/catalogue-search';
import { provinceByCode, provinces, provinceSearchKeys } from '../../../shared/regions';
import { MATCH_ORDER, matchRank } from '../../../shared/search/match-rank';
import { useLanguage } from '../i18n/use-language';

type Option = { value: string; label: string };

const rankOf = (typed: string, code: string) => {
  const province = provinceByCode(code);
  const rank = province && matchRank(searchText(typed), provinceSearchKeys(province));
  return rank ? MATCH_ORDER.indexOf(rank) : MATCH_ORDER.length;
};

/**
 * The 参保地 box: finds a province by 汉字, pinyin ("guangdong") or initials ("gd") in either
 * language, names that start with what is typed first.
 */
export const ProvinceSelect = (
  props: Omit<SelectProps<string, Option>, 'options' | 'showSearch'> & {
    ref?: Ref<RefSelectProps>;
  },
) => {
  const { language } = useLanguage();
  return (
    <Select<string, Option>
      {...props}
      showSearch={{
        filterOption: (typed, option) =>
          !!option && rankOf(typed, option.value) < MATCH_ORDER.length,
        filterSort: (a, b, { searchValue }) =>
          rankOf(searchValue, a.value) - rankOf(searchValue, b.value) ||
          a.value.localeCompare(b.value),
      }}
      options={provinces.map((p) => ({ value: p.code, label: language === 'en' ? p.en : p.zh }))}
    />
  );
};
