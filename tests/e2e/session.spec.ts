import { expect } from '@playwright/test';
import { setUpClinic, test } from './fixtures';
import { AuditPage } from './pages/audit-page';
import { LoginPage } from './pages/login-page';
import { ShellPage } from './pages/shell-page';

test('after ten idle minutes the screen locks, and the password returns to the same screen with nothing lost', async ({
  page,
}) => {
  await page.clock.install();
  const owner = await setUpClinic(page);

  await page.goto('/#/settings');
  const clinicName = page.getByLabel('诊所名称');
  await clinicName.fill('康宁口腔诊所（未保存的修改）');

  await page.clock.fastForward('09:30');
  await expect(page.getByText('屏幕已锁定')).toHaveCount(0);
  await page.clock.fastForward('00:31');
  await expect(page.getByRole('dialog', { name: '屏幕已锁定' })).toBeVisible();
  await expect(clinicName).toBeHidden();

  const lock = page.getByRole('dialog', { name: '屏幕已锁定' });
  await lock.getByLabel('密码').fill('not-my-password');
  await lock.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByTestId('login-failure')).toHaveText('用户名或密码不正确。');
  await lock.getByLabel('密码').fill(owner.password);
  await lock.getByRole('button', { name: '解锁' }).click();

  await expect(lock).toBeHidden();
  await expect(page).toHaveURL(/#\/settings$/);
  await expect(clinicName).toHaveValue('康宁口腔诊所（未保存的修改）');

  const audit = new AuditPage(page);
  await audit.open();
  await expect(audit.rowsWithAction('lock')).toHaveCount(1);
  await expect(audit.rowsWithAction('unlock')).toHaveCount(1);
  await expect(audit.rowsWithAction('login-failed')).toHaveCount(1);
});

test('the owner shortens the idle time, and Ctrl+L locks at once', async ({ page }) => {
  await page.clock.install();
  await setUpClinic(page);
  await page.goto('/#/settings');
  await page.getByTestId('lock-minutes').fill('2');
  await page.getByTestId('save-security').click();
  await expect(page.getByText('已保存。')).toBeVisible();
  // The new idle time applies once the saved setting reaches the idle timer; step the fake clock
  // in 15-second strides until the screen locks, which must happen well before the old 10 minutes.
  const locked = page.getByRole('dialog', { name: '屏幕已锁定' });
  let idleSeconds = 0;
  await expect(async () => {
    await page.clock.fastForward(15_000);
    idleSeconds += 15;
    await expect(locked).toBeVisible({ timeout: 200 });
  }).toPass({ timeout: 15_000 });
  expect(idleSeconds).toBeLessThan(5 * 60);

  await page.getByRole('button', { name: '切换用户' }).click();
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
  await page.getByLabel('用户名').fill('lina');
  await page.getByLabel('密码').fill('Owner#2026');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  await page.keyboard.press('Control+l');
  await expect(page.getByRole('dialog', { name: '屏幕已锁定' })).toBeVisible();
});

test('the app speaks English when asked, down to the date pickers', async ({ page }) => {
  await setUpClinic(page);
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByRole('menuitem', { name: 'Audit log' })).toBeVisible();
  await page.goto('/#/audit');
  await expect(page.getByRole('button', { name: 'Verify chain' })).toBeVisible();
  await page.getByTestId('logout').click();
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  await new ShellPage(page).reload();
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible({ timeout: 30_000 });
});

test('F5 keeps the person on the same screen within the idle period, and never opens a locked screen', async ({
  page,
}) => {
  test.slow(); // four reloads
  await page.clock.install();
  const owner = await setUpClinic(page);
  const shell = new ShellPage(page);
  const login = new LoginPage(page);
  await shell.goto('patients');
  await expect(page.getByTestId('patient-search')).toBeVisible();

  await page.clock.fastForward('05:00');
  await shell.reload();
  // A reload starts the whole app again: slower than a click on a busy machine.
  await expect(page.getByTestId('signed-in-as')).toHaveText('李娜（负责人）', { timeout: 30_000 });
  await expect(page).toHaveURL(/#\/patients$/);
  await expect(page.getByTestId('patient-search')).toBeVisible();

  // Locked by the idle timer: a reload asks for the password, it does not unlock.
  await page.clock.fastForward('10:01');
  await expect(page.getByRole('dialog', { name: '屏幕已锁定' })).toBeVisible();
  await shell.reload();
  await login.expectShown();

  // A PC that slept past the idle period (no timer ran): the reload asks for the password too.
  await login.login(owner.username, owner.password, owner.ownerName);
  const pageNow = await page.evaluate(() => Date.now());
  await page.clock.setSystemTime(pageNow + 11 * 60_000);
  await shell.reload();
  await login.expectShown();

  // Logged out: the reload stays logged out.
  await login.login(owner.username, owner.password, owner.ownerName);
  await shell.logout();
  await shell.reload();
  await login.expectShown();
});
