import { describe, expect, it } from 'vitest';
import { createI18n } from './i18n';
import { locales } from './locales';

type Tree = { [key: string]: string | Tree };

const leaves = (tree: Tree, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[`${prefix}${key}`, value] as [string, string]]
      : leaves(value, `${prefix}${key}.`),
  );

/** English singulars for a count of 1 ("1 notice"): Chinese has one form for every number. */
const SINGULAR = /_one$/;

/** Texts whose count is a limit of a list, never 1. */
const NEVER_ONE = ['audit.truncated', 'catalogue.search.more', 'catalogue.dialog.errorsMore'];

describe('product text', () => {
  const zh = new Map(leaves(locales['zh-CN'] as Tree));
  const en = new Map(leaves(locales.en as Tree));
  const enPlain = [...en.keys()].filter((key) => !SINGULAR.test(key));

  it('has every Chinese string in English and the other way round', () => {
    expect(enPlain.sort()).toEqual([...zh.keys()].sort());
  });

  it('has an English singular only beside its plural', () => {
    for (const key of en.keys())
      if (SINGULAR.test(key)) expect(en.has(key.replace(SINGULAR, '')), key).toBe(true);
  });

  it('says "1 notice", never "1 notices": every English count of things has a singular', () => {
    const counted = enPlain.filter(
      (key) => /\{\{count\}\} [a-z]+s\b/.test(en.get(key)!) && !NEVER_ONE.includes(key),
    );
    expect(counted.length).toBeGreaterThan(5);
    for (const key of counted) expect(en.has(`${key}_one`), key).toBe(true);
    const i18n = createI18n('en');
    const totals = { signed: 1, refused: 0, voided: 0, selfPay: '50.00' };
    expect(i18n.t('notice.list.totals', { count: 1, ...totals })).toMatch(/^1 notice: /);
    expect(i18n.t('notice.list.totals', { count: 2, ...totals })).toMatch(/^2 notices: /);
    expect(createI18n('zh-CN').t('notice.list.totals', { count: 1, ...totals })).toMatch(
      /^共 1 份/,
    );
  });

  it('has no empty string in either language', () => {
    for (const [key, value] of [...zh, ...en]) expect(value.trim(), key).not.toBe('');
  });

  it('uses the same {{placeholders}} in both languages', () => {
    const placeholders = (text: string) =>
      [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of en)
      expect(placeholders(value), key).toEqual(
        placeholders(zh.get(key.replace(SINGULAR, '')) ?? ''),
      );
  });

  it('speaks Chinese in the Chinese texts', () => {
    const chinese = [...zh.entries()].filter(([, value]) => /[\u4e00-\u9fff]/.test(value));
    expect(chinese.length / zh.size).toBeGreaterThan(0.9);
  });
});
