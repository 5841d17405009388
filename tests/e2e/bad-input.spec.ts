import { expect } from '@playwright/test';
import { failOnDialogs, setUpClinic, test } from './fixtures';
import { DEMO_CLINIC, SetupWizardPage } from './pages/setup-wizard-page';
import { StaffPage } from './pages/staff-page';

test('the wizard refuses empty and overlong names, weak and mismatched passwords, each with a message', async ({
  page,
}) => {
  const wizard = new SetupWizardPage(page);
  await wizard.open();
  await wizard.next();
  await wizard.next();
  await expect(page.getByText('必填')).toHaveCount(3);

  await page.getByLabel('诊所名称').fill('诊'.repeat(81));
  await expect(page.getByText('不超过 80 个字')).toBeVisible();
  await wizard.fillClinic(DEMO_CLINIC);
  await wizard.next();

  await page.getByLabel('姓名').fill('   ');
  await page.getByLabel('用户名（登录用）').fill('李娜');
  await page.getByLabel('密码', { exact: true }).fill('12345678');
  await page.getByLabel('再次输入密码').fill('12345679');
  await wizard.next();
  await expect(page.getByText('必填')).toBeVisible();
  await expect(page.getByText('用户名格式不正确：以小写字母或数字开头，2–32 位')).toBeVisible();
  await expect(
    page.getByText('密码不符合要求：这是常见密码（或只是常见密码稍加改动），请换一个。'),
  ).toBeVisible();
  await expect(page.getByText('两次输入的密码不一致')).toBeVisible();
  await expect(page.getByRole('heading', { name: '欢迎使用 ClinicDesk' })).toBeVisible();
});

test('markup typed into names stays inert text everywhere it is shown', async ({ page }) => {
  failOnDialogs(page);
  const script = '<script>alert(1)</script>';
  await setUpClinic(page);
  const staff = new StaffPage(page);
  await staff.open();
  await staff.add({
    displayName: script,
    username: 'scripty',
    role: '医生',
    password: 'Doctor#2026',
  });
  await expect(staff.row('scripty')).toContainText(script);
  await page.goto('/#/settings');
  await page.getByLabel('诊所名称').fill(`<img src=x onerror=alert(2)>`);
  await page.getByRole('button', { name: '保存' }).first().click();
  await expect(page.getByText('已保存。')).toBeVisible();
  await expect(page.locator('.app-brand')).toContainText('<img src=x onerror=alert(2)>');
  await page.goto('/#/audit');
  await expect(page.getByTestId('audit-row').filter({ hasText: script }).first()).toBeVisible();
});

test('a taken username and a 1000-character name are refused in the staff dialog', async ({
  page,
}) => {
  await setUpClinic(page);
  const staff = new StaffPage(page);
  await staff.open();
  await staff.fillNew({
    displayName: '李娜二',
    username: 'LINA',
    role: '前台',
    password: 'Front#Desk1',
  });
  await expect(page.getByText('该用户名已被使用，请换一个。')).toBeVisible();
  await page.getByRole('dialog').getByLabel('姓名').fill('张'.repeat(1000));
  await page.getByRole('dialog').getByTestId('staff-add-submit').click();
  await expect(page.getByText('不超过 40 个字')).toBeVisible();
});
