import { expect } from '@playwright/test';
import { setUpClinic, test } from './fixtures';
import { AuditPage } from './pages/audit-page';
import { ShellPage } from './pages/shell-page';

test('the 参保地 box finds 广东 by pinyin or initials, the best match first', async ({ page }) => {
  await setUpClinic(page);
  await new ShellPage(page).goto('settings');
  const province = page.getByLabel('参保地（省/直辖市）');
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  for (const typed of ['guangdong', 'gd', 'GD']) {
    await province.click();
    await province.fill(typed);
    await expect(options.first()).toHaveAttribute('title', '广东省');
    await province.press('Escape');
  }
  await province.click();
  await province.fill('sx');
  await expect(options).toHaveText(['山西省', '陕西省']);
  await province.fill('hainan');
  await province.press('Enter');
  await page.locator('#clinic button[type=submit]').click();
  await expect(page.getByText('已保存。')).toBeVisible();
  await page.getByText('EN', { exact: true }).click();
  await expect(page.locator('#clinic').getByText('Hainan', { exact: true })).toBeVisible();
});

test('the audit log filters by action from the keyboard', async ({ page }) => {
  await setUpClinic(page);
  const audit = new AuditPage(page);
  await audit.open();
  await expect(audit.rowsWithAction('setup')).not.toHaveCount(0);
  const setups = await audit.rowsWithAction('setup').count();
  await page.getByTestId('audit-filter-action').click();
  await page.keyboard.type('初始');
  await expect(page.locator('.ant-select-dropdown:visible .ant-select-item-option')).toHaveText([
    '初始设置',
  ]);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('audit-filter-action')).toContainText('初始设置');
  await expect(audit.rows()).toHaveCount(setups);
  await expect(audit.rows().filter({ hasNot: page.locator('[data-action="setup"]') })).toHaveCount(
    0,
  );
});
