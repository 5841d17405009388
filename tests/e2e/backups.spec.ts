import { expect, type Page } from '@playwright/test';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { residentCheckCharacter } from '../../shared/identity/id-number';
import { cliDemoBackup } from './cli-backup';
import { setUpClinic, test } from './fixtures';
import { BackupsPage } from './pages/backups-page';
import { LoginPage } from './pages/login-page';
import { PatientsPage, type NewPatient } from './pages/patients-page';
import { shoot } from './screenshots';

const PASSPHRASE = '康宁诊所的备份 2026';
const START = new Date('2026-11-22T09:00:00+08:00');
const withCheck = (first17: string) => first17 + residentCheckCharacter(first17);

const BEFORE_BACKUP: NewPatient = { name: '张三', idNumber: withCheck('11010219900307123') };
const AFTER_BACKUP: NewPatient = { name: '李四', idNumber: withCheck('11010219850612456') };

const tempDir = () => mkdtemp(join(tmpdir(), 'clinicdesk-backups-e2e-'));

const unlock = async (page: Page) => {
  const password = page.getByRole('dialog').locator('input[type=password]');
  await password.fill('Owner#2026');
  await password.press('Enter');
  await expect(password).toHaveCount(0);
};

const expectNoPatient = async (page: Page, name: string) => {
  const patients = new PatientsPage(page);
  await patients.searchBox().fill(name);
  await expect(page.getByText('没有找到')).toBeVisible();
};

test('the owner backs up, and a restore brings back exactly what was backed up', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const dir = await tempDir();
  await page.clock.install({ time: START });
  await setUpClinic(page);
  const backups = new BackupsPage(page);
  await expect(backups.banner()).toContainText('还没有成功的备份。请立即备份。');
  const patients = new PatientsPage(page);
  await patients.register(BEFORE_BACKUP);

  await backups.open();
  await expect(page.getByTestId('backup-no-passphrase')).toBeVisible();
  await expect(page.getByTestId('backup-now')).toBeDisabled();
  await backups.typePassphrase('short one');
  await expect(backups.problemOf('备份密码')).toHaveText(
    '备份密码至少需要 10 个字符，请输入更长的密码。',
  );
  await backups.typePassphrase(PASSPHRASE, `${PASSPHRASE}!`);
  await expect(backups.problemOf('再次输入备份密码')).toHaveText(
    '两次输入的备份密码不一致，请重新输入。',
  );
  await backups.setPassphrase(PASSPHRASE);
  await expect(page.getByTestId('backup-persisted')).toBeVisible();

  const download = await backups.backUpNow();
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  // The clock runs on from 09:00 while the owner works.
  expect(download.suggestedFilename()).toMatch(/^clinicdesk-2026-11-22-09\d{4}\.cdbackup$/);
  await expect(backups.banner()).toHaveCount(0);
  await expect(backups.verifiedRows()).toHaveCount(1);
  await expect(backups.verifiedRows()).toContainText('已校验');
  await expect(page.getByTestId('backup-last-good')).toContainText('2026-11-22 09:00');
  await shoot(page, 'zh-CN', '60-backups-after-backup');

  await patients.register(AFTER_BACKUP);
  await backups.open();
  await backups.openRestore();
  await backups.check(file, 'not the passphrase');
  await expect(backups.problem()).toContainText('备份密码不对，无法打开这份备份');
  const bytes = await readFile(file);
  const cut = join(dir, 'copied-halfway.cdbackup');
  await writeFile(cut, bytes.subarray(0, bytes.length - 300));
  await backups.check(cut, PASSPHRASE);
  await expect(backups.problem()).toContainText('备份文件不完整，在第');
  await backups.check(file, PASSPHRASE);
  await expect(backups.preview()).toContainText('康宁口腔诊所');
  await expect(backups.countOf('patients')).toContainText('1');
  await expect(backups.countOf('staff')).toContainText('1');
  // The app's own words: 医保目录 and 审计日志, not 收费目录 or a queue of unsent changes.
  await expect(backups.countOf('auditEvents')).toContainText('审计日志条目');
  await expect(backups.preview()).not.toContainText(/收费目录|待同步/);
  await shoot(page, 'zh-CN', '61-restore-preview');

  await backups.confirmRestore();
  await new LoginPage(page).login('lina', 'Owner#2026', '李娜');
  await patients.open();
  await patients.find('张三', '张三');
  await expectNoPatient(page, '李四');
  await backups.open();
  await expect(page.getByTestId('backup-row-verified')).toHaveCount(2);
});

test('the red banner comes back once the last good backup is more than 26 hours old', async ({
  page,
}) => {
  test.slow(); // a day and a half of the clinic: setup, a backup, two unlocks, both languages
  await page.clock.install({ time: START });
  await setUpClinic(page);
  const backups = new BackupsPage(page);
  await backups.open();
  await shoot(page, 'zh-CN', '62-backups-first-visit');
  await backups.setPassphrase(PASSPHRASE);
  await backups.backUpNow();
  await expect(backups.banner()).toHaveCount(0);

  // Hours later the idle lock has closed the screen: unlock, then look.
  await page.clock.fastForward('25:00:00');
  await unlock(page);
  await expect(backups.banner()).toHaveCount(0);
  await page.clock.fastForward('01:01:00');
  await unlock(page);
  await expect(backups.banner()).toContainText(
    '最近一次成功备份在 2026-11-22 09:00，已超过一天。请立即备份。',
  );
  await shoot(page, 'zh-CN', '63-overdue-banner');
  await page.getByText('EN', { exact: true }).click();
  await expect(backups.banner()).toContainText('more than a day ago');
  await shoot(page, 'en', '63-overdue-banner');
  await page.getByRole('link', { name: 'Go to Backups' }).click();
  await expect(page.getByTestId('backup-now')).toBeVisible();
  await shoot(page, 'en', '60-backups');
  await page.getByTestId('restore-open').click();
  await shoot(page, 'en', '61-restore-dialog');
});

test('a demo clinic written by the command line restores on a fresh PC', async ({ page }) => {
  test.setTimeout(120_000);
  const { file, owner } = await cliDemoBackup(25, PASSPHRASE);

  await setUpClinic(page);
  const backups = new BackupsPage(page);
  await backups.open();
  await backups.setPassphrase(PASSPHRASE);
  await page.getByText('EN', { exact: true }).click();
  await backups.openRestore();
  await page.getByRole('dialog').locator('input[type=file]').setInputFiles(file);
  await page.getByRole('dialog').getByLabel("This backup's passphrase").fill('wrong passphrase');
  await page.getByRole('button', { name: 'Read and verify' }).click();
  await expect(backups.problem()).toContainText('Wrong passphrase');
  await shoot(page, 'en', '64-restore-wrong-passphrase');
  await page.getByRole('dialog').getByLabel("This backup's passphrase").fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Read and verify' }).click();
  await expect(backups.preview()).toContainText('演示口腔诊所');
  await expect(backups.countOf('patients')).toContainText('25');
  await shoot(page, 'en', '65-restore-preview');
  // The restored app opens in Chinese, as the login page object reads it.
  await page.evaluate(() => localStorage.setItem('clinicdesk.language', 'zh-CN'));
  await backups.confirmRestore();

  await new LoginPage(page).attempt(owner, 'Demo#2026');
  await expect(page.getByRole('heading', { name: '请设置新密码' })).toBeVisible();
  await page.getByLabel('新密码').fill('Demo#Owner2027');
  await page.getByLabel('再次输入密码').fill('Demo#Owner2027');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  await expect(page.locator('.app-clinic')).toHaveText('演示口腔诊所');
});

test('the owner sets when backups run and how many are kept, four boxes on one line, and they are saved', async ({
  page,
}) => {
  await setUpClinic(page);
  const backups = new BackupsPage(page);
  await backups.open();
  const form = page.locator('#backup-settings');
  const boxes = {
    time: form.getByLabel('每天备份时间'),
    daily: form.getByLabel('保留每日备份（份）'),
    weekly: form.getByLabel('保留每周备份（份）'),
    monthly: form.getByLabel('保留每月备份（份）'),
  };
  const tops = await Promise.all(
    Object.values(boxes).map(async (box) => (await box.boundingBox())!.y),
  );
  expect(Math.max(...tops) - Math.min(...tops), 'all four on one line').toBeLessThan(12);
  for (const box of Object.values(boxes))
    expect((await box.boundingBox())!.width).toBeGreaterThanOrEqual(80);
  await shoot(page, 'zh-CN', '62-backup-settings');

  await boxes.time.fill('25:00');
  await form.getByRole('button', { name: '保存设置' }).click();
  await expect(form.getByText('请按“时:分”输入，例如 18:30。')).toBeVisible();
  await boxes.time.fill('19:45');
  await boxes.daily.fill('10');
  await boxes.weekly.fill('4');
  await boxes.monthly.fill('24');
  await form.getByRole('button', { name: '保存设置' }).click();
  await expect(page.getByText('备份设置已保存。')).toBeVisible();

  await page.getByText('EN', { exact: true }).click();
  await shoot(page, 'en', '62-backup-settings');
  await page.goto('/#/today');
  await backups.open();
  await expect(form.getByLabel('Daily backup time')).toHaveValue('19:45');
  await expect(form.getByLabel('Daily backups kept')).toHaveValue('10');
  await expect(form.getByLabel('Weekly backups kept')).toHaveValue('4');
  await expect(form.getByLabel('Monthly backups kept')).toHaveValue('24');
});
