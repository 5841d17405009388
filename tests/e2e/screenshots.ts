import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { locales } from '../../renderer/src/i18n/locales';

/** i18next shows a missing text as its key ("staff.add"): any namespace followed by a dot. */
const RAW_KEY = new RegExp(`\\b(${Object.keys(locales['zh-CN']).join('|')})\\.[a-zA-Z-]+`);

/**
 * Saves the page for people to look at (tests/e2e/screenshots/<language>/<name>.png, git-ignored)
 * once nothing is loading, and fails if any untranslated key shows.
 */
export const shoot = async (page: Page, language: string, name: string) => {
  const dir = `tests/e2e/screenshots/${language}`;
  mkdirSync(dir, { recursive: true });
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
  expect(await page.locator('body').innerText(), `${language}/${name}`).not.toMatch(RAW_KEY);
};
