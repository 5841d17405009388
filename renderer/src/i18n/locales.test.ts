import { describe, expect, it } from 'vitest';
import { locales } from './locales';

type Tree = { [key: string]: string | Tree };

const leaves = (tree: Tree, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[`${prefix}${key}`, value] as [string, string]]
      : leaves(value, `${prefix}${key}.`),
  );

describe('product text', () => {
  const zh = new Map(leaves(locales['zh-CN'] as Tree));
  const en = new Map(leaves(locales.en as Tree));

  it('has every Chinese string in English and the other way round', () => {
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('has no empty string in either language', () => {
    for (const [key, value] of [...zh, ...en]) expect(value.trim(), key).not.toBe('');
  });

  it('uses the same {{placeholders}} in both languages', () => {
    const placeholders = (text: string) =>
      [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of zh)
      expect(placeholders(en.get(key) ?? ''), key).toEqual(placeholders(value));
  });

  it('speaks Chinese in the Chinese texts', () => {
    const chinese = [...zh.entries()].filter(([, value]) => /[\u4e00-\u9fff]/.test(value));
    expect(chinese.length / zh.size).toBeGreaterThan(0.9);
  });
});
