import { expect } from '@playwright/test';
import { test } from './fixtures';
import { cliDemoBackup } from './cli-backup';
import { AuditPage } from './pages/audit-page';
import { BackupsPage } from './pages/backups-page';
import { LoginPage } from './pages/login-page';
import { SetupWizardPage } from './pages/setup-wizard-page';
import { shoot } from './screenshots';

const PASSPHRASE = '演示诊所的备份 2026';

test('a backup restores on a new PC from the first screen, with nothing but its passphrase', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const { file, owner } = await cliDemoBackup(50, PASSPHRASE);
  // The test's page is a new browser profile: no store, no backup key, no clinic.
  const wizard = new SetupWizardPage(page);
  await wizard.open();
  await expect(page.getByTestId('setup-start-restore')).toContainText('从备份恢复');
  await shoot(page, 'zh-CN', '66-setup-start-choice');
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByTestId('setup-start-restore')).toContainText('Restore from a backup');
  await shoot(page, 'en', '66-setup-start-choice');
  await page.getByText('简体中文', { exact: true }).click();

  await wizard.openRestore();
  const backups = new BackupsPage(page);
  await backups.check(file, 'not the passphrase');
  await expect(backups.problem()).toContainText(
    '备份密码不对，无法打开这份备份。请输入做这份备份时设置的备份密码',
  );
  await backups.check(file, PASSPHRASE);
  await expect(backups.preview()).toContainText('演示口腔诊所');
  await expect(backups.countOf('patients')).toContainText('50');
  // Nothing here to lose: no safety backup, and the words say so.
  await expect(backups.preview()).toContainText('本机还没有任何数据，恢复不会替换任何内容');
  // No clinic here, so no backup key of its own: nothing to compare the file's key with.
  await expect(backups.foreignKeyWarning()).toHaveCount(0);
  await shoot(page, 'zh-CN', '67-setup-restore-preview');
  let downloads = 0;
  page.on('download', () => (downloads += 1));
  await page.getByRole('button', { name: '恢复到本机' }).click();

  const login = new LoginPage(page);
  await login.expectShown();
  await login.attempt(owner, 'Demo#2026');
  await expect(page.getByRole('heading', { name: '请设置新密码' })).toBeVisible();
  await page.getByLabel('新密码').fill('Demo#Owner2027');
  await page.getByLabel('再次输入密码').fill('Demo#Owner2027');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  await expect(page.locator('.app-clinic')).toHaveText('演示口腔诊所');
  expect(downloads).toBe(0);

  const audit = new AuditPage(page);
  await audit.open();
  const restored = audit.rowsWithAction('restore');
  await expect(restored).toHaveCount(1);
  await expect(restored).toContainText('初始设置（本机尚无账号）');
  await expect(restored).toContainText('clinic-old-pc.cdbackup · 演示口腔诊所');
  await expect(restored).toContainText('本机');
  await expect(await audit.verifyChain()).toContainText('审计链完整');
  await shoot(page, 'zh-CN', '68-audit-restore-event');
});
