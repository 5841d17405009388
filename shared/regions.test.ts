import { describe, expect, it } from 'vitest';
import { searchText } from './catalogue/catalogue-search';
import { provinces, provinceSearchKeys } from './regions';
import { bestMatches } from './search/match-rank';

const find = (typed: string) =>
  bestMatches(searchText(typed), provinces, provinceSearchKeys, 5).map((p) => p.zh);

describe('finding a province (参保地) by what a person types', () => {
  it('finds 广东 by 汉字, full pinyin, initials or English', () => {
    expect(find('广东')).toEqual(['广东省']);
    expect(find('guangdong')).toEqual(['广东省']);
    expect(find('gd')).toEqual(['广东省']);
    expect(find('GuangDong')).toEqual(['广东省']);
  });

  it('lists the names that start with what is typed before those that only hold it', () => {
    expect(find('xi')).toEqual([
      '西藏自治区',
      '新疆维吾尔自治区',
      '山西省',
      '江西省',
      '广西壮族自治区',
    ]);
    expect(find('sx')).toEqual(['山西省', '陕西省']);
    expect(find('内蒙')).toEqual(['内蒙古自治区']);
    expect(find('nmg')).toEqual(['内蒙古自治区']);
  });
});
