import { expect } from '@playwright/test';
import { test } from './fixtures';
import { AuditPage } from './pages/audit-page';
import { LoginPage } from './pages/login-page';
import { DEMO_CLINIC, SetupWizardPage } from './pages/setup-wizard-page';
import { ShellPage } from './pages/shell-page';
import { StaffPage } from './pages/staff-page';

const FRONT_DESK = {
  displayName: '王芳',
  username: 'wangfang',
  role: '前台',
  password: 'Front#Desk1',
};

test('a new clinic: owner sets up, adds the front desk, who is kept out of owner screens, and the audit log shows it all', async ({
  page,
}) => {
  const wizard = new SetupWizardPage(page);
  const login = new LoginPage(page);
  const shell = new ShellPage(page);
  const staff = new StaffPage(page);
  const audit = new AuditPage(page);

  await wizard.complete();

  await staff.open();
  await staff.add(FRONT_DESK);
  await expect(staff.row('wangfang')).toContainText('前台');

  await shell.logout();
  await login.attempt('wangfang', 'wrong-password');
  await expect(login.failure()).toHaveText('用户名或密码不正确。');
  await login.attempt('nobody', 'wrong-password');
  await expect(login.failure()).toHaveText('用户名或密码不正确。');

  // A new account's password was chosen by the owner: its holder must choose their own first.
  await login.attempt('wangfang', FRONT_DESK.password);
  await expect(page.getByRole('heading', { name: '请设置新密码' })).toBeVisible();
  await page.getByLabel('新密码').fill('Wang#Fang2026');
  await page.getByLabel('再次输入密码').fill('Wang#Fang2026');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('signed-in-as')).toContainText('王芳（前台）');

  await expect(shell.nav('员工')).toHaveCount(0);
  await expect(shell.nav('审计日志')).toHaveCount(0);
  await shell.goto('staff');
  await expect(page.getByText('无权访问')).toBeVisible();
  await shell.goto('audit');
  await expect(page.getByText('无权访问')).toBeVisible();

  await shell.logout();
  await login.login(DEMO_CLINIC.username, DEMO_CLINIC.password, DEMO_CLINIC.ownerName);
  await audit.open();
  const rows = audit.rows();
  for (const expected of ['初始设置', '登录失败', '修改密码', '退出登录']) {
    await expect(rows.filter({ hasText: expected }).first()).toBeVisible();
  }
  const created = rows.filter({ hasText: '王芳 (wangfang)' }).filter({ hasText: '新建' });
  await expect(created).toHaveCount(1);
  await expect(created).toContainText('角色：— → 前台');

  await expect(await audit.verifyChain()).toContainText('审计链完整');

  const tampered = await audit.tamperWithEvent('王芳 (wangfang)', '无事发生');
  const result = await audit.verifyChain();
  await expect(result).toContainText(String(tampered.seq));
  await expect(result).toContainText(tampered.id);
  await expect(result).toContainText('内容被修改');
});
