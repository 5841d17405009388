import { expect } from '@playwright/test';
import { setUpClinic, test } from './fixtures';
import { seedBusyDay, TodayPage } from './pages/today-page';
import { shoot } from './screenshots';

const VISITS = 1200;

for (const language of ['zh-CN', 'en'] as const) {
  test(`a busy day of ${VISITS} visits shows its first check-ins at once, keeps few rows in the page, and scrolls to the last (${language})`, async ({
    page,
  }) => {
    test.slow(); // 1,500 patients and their history written into the store first
    await setUpClinic(page);
    const { visitIds } = await seedBusyDay(page, { patients: 1500, visits: VISITS });
    expect(visitIds).toHaveLength(VISITS);
    if (language === 'en') await page.getByText('EN', { exact: true }).click();

    const today = new TodayPage(page);
    await today.open();
    await expect(today.visitRow(visitIds[0]!)).toBeVisible();
    await expect(today.visitRows().first()).toHaveAttribute('data-visit', visitIds[0]!);
    const count = language === 'en' ? `Today's visits (${VISITS})` : `今日就诊（${VISITS}）`;
    await expect(page.getByRole('tab', { name: count })).toBeVisible();
    // Virtual: a screenful of rows and a few around it, whatever the day's count.
    expect(await today.visitRows().count()).toBeLessThan(60);
    expect(await page.locator('tr').count()).toBeLessThan(100);
    await shoot(page, language, '57-today-busy-day');

    await today.scrollVisitsToEnd();
    await expect(today.visitRow(visitIds.at(-1)!)).toBeVisible();
    await expect(today.visitRow(visitIds[0]!)).toHaveCount(0);
    expect(await today.visitRows().count()).toBeLessThan(60);
    // Not shoot(): its full-page capture scrolls the table back to the top.
    await page.screenshot({ path: `tests/e2e/screenshots/${language}/58-today-busy-day-end.png` });
  });
}
