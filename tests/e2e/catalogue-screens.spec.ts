import { expect, type Page } from '@playwright/test';
import { catalogueFileRows } from '../../shared/demo/catalogue-file';
import { generateCatalogue } from '../../shared/demo/generate-catalogue';
import { writeCsv, writeXlsx } from './catalogue-files';
import { setUpClinic, test } from './fixtures';
import { shoot } from './screenshots';

/**
 * The catalogue screens in both languages, saved for people to look at (tests/e2e/screenshots/)
 * and checked for untranslated keys. Controls are found by test id: their labels change language.
 */
/** A dialog's opening animation must end before the picture is taken. */
const settled = (page: Page) => page.waitForFunction(() => document.getAnimations().length === 0);

for (const language of ['zh-CN', 'en'] as const) {
  test(`the catalogue screens render translated in ${language}`, async ({ page }, testInfo) => {
    const entries = generateCatalogue('screens', 300);
    const good = await writeXlsx(
      testInfo.outputPath('目录-2026.xlsx'),
      catalogueFileRows(entries, { effectiveFrom: '2026-01-01' }),
    );
    const later = writeCsv(testInfo.outputPath('目录-2027.csv'), catalogueFileRows(entries), 'gbk');
    const rows = catalogueFileRows(entries.slice(0, 8));
    rows[2]![4] = '12.345';
    rows[3]![0] = rows[1]![0]!;
    rows[5]![5] = '丁类';
    rows[6]![6] = '';
    rows[7]![4] = '-5';
    const bad = writeCsv(testInfo.outputPath('有错的目录.csv'), rows);

    await setUpClinic(page);
    if (language === 'en') await page.getByText('EN', { exact: true }).click();
    await page.goto('/#/catalogue');
    await expect(page.getByTestId('catalogue-empty')).toBeVisible();
    await shoot(page, language, 'catalogue-1-empty');

    const dialog = page.getByRole('dialog');
    await page.getByTestId('catalogue-import').click();
    await expect(dialog.locator('.ant-upload-drag')).toBeVisible();
    await settled(page);
    await shoot(page, language, 'catalogue-2-import-choose');
    await dialog.locator('input[type=file]').setInputFiles(bad);
    await expect(dialog.getByTestId('import-error').first()).toBeVisible();
    await settled(page);
    await shoot(page, language, 'catalogue-3-import-errors');

    await dialog.getByTestId('import-another').click();
    await dialog.locator('input[type=file]').setInputFiles(good);
    await expect(dialog.getByTestId('import-preview')).toBeVisible();
    await shoot(page, language, 'catalogue-4-import-preview');
    await dialog.getByTestId('import-submit').click();
    await expect(dialog).toBeHidden();

    await page.getByTestId('catalogue-import').click();
    await dialog.locator('input[type=file]').setInputFiles(later);
    await dialog.getByTestId('import-effective-from').click();
    await dialog.getByTestId('import-effective-from').fill('2027-01-01');
    await dialog.getByTestId('import-effective-from').press('Enter');
    await dialog.getByTestId('import-submit').click();
    await expect(dialog).toBeHidden();

    await page.getByTestId('catalogue-version-2026-01-01').click();
    await expect(page.getByTestId('catalogue-browsing')).toContainText('2026-01-01');
    await shoot(page, language, 'catalogue-5-versions');
    await page.getByTestId('catalogue-search').fill('gg');
    await expect(page.locator('[data-testid^="catalogue-item-"]').first()).toBeVisible();
    await shoot(page, language, 'catalogue-6-search');
  });
}
