import { expect } from '@playwright/test';
import { setUpClinic, test } from './fixtures';
import { TodayPage } from './pages/today-page';

test('Today left open over midnight turns to the new day by itself', async ({ page }) => {
  // 23:58 in the clinic (Asia/Shanghai): the desk leaves Today open.
  await page.clock.install({ time: new Date('2026-11-25T15:58:00Z') });
  await setUpClinic(page);
  const today = new TodayPage(page);
  await today.open();
  await expect(page.getByTestId('today-date')).toHaveText('2026-11-25');

  // Three minutes later, with nobody touching the PC (less than the idle lock's ten).
  await page.clock.fastForward('03:00');
  await expect(page.getByTestId('today-date')).toHaveText('2026-11-26');
  await expect(page.getByRole('tab', { name: '今日就诊（0）' })).toBeVisible();
});
