import { describe, expect, it } from 'vitest';
import { patientSearchKeys } from '../../../shared/patients/patient';
import { pinyinReadings } from './pinyin';

describe('pinyin for the search box', () => {
  it('张三 is found by "zhangsan" and by "zs"', () => {
    const keys = patientSearchKeys(
      { name: '张三', idNumber: '110101199003077777' },
      pinyinReadings,
    );
    expect(keys).toEqual(expect.arrayContaining(['zhangsan', 'zs']));
  });

  it('a character with two readings gives both spellings (曾 zeng/ceng)', () => {
    expect(pinyinReadings('曾')).toEqual(expect.arrayContaining(['zeng', 'ceng']));
  });

  it('吕 is typed with v, as on every Chinese keyboard', () => {
    expect(pinyinReadings('吕')).toContain('lv');
  });

  it('non-Chinese characters have no reading', () => {
    expect(pinyinReadings('A')).toEqual([]);
  });
});
