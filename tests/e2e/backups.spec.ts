import { expect, type Page } from '@playwright/test';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { residentCheckCharacter } from '../../shared/identity/id-number';
import { cliDemoBackup } from './cli-backup';
import { setUpClinic, test } from './fixtures';
import { AuditPage } from './pages/audit-page';
import { BackupsPage } from './pages/backups-page';
import { LoginPage } from './pages/login-page';
import { PatientsPage, type NewPatient } from './pages/patients-page';
import { shoot } from './screenshots';
import { tamperBackup } from './tamper-backup';

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
  test.slow(); // setup, two registrations, a backup, a restore and its checks
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
  // Minutes after 09:00: setup and the first backup take a minute or more on a loaded machine.
  await expect(page.getByTestId('backup-last-good')).toContainText(/2026-11-22 09:\d\d/);
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

  // Whoever holds the file and its passphrase can reseal it: the rows themselves are checked.
  const planted = join(dir, 'planted-owner.cdbackup');
  await tamperBackup(
    file,
    PASSPHRASE,
    ({ table, row }) =>
      table === 'staff'
        ? { table, row: { ...row, password: { ...(row.password as object), iterations: 1 } } }
        : { table, row },
    planted,
  );
  await backups.check(planted, PASSPHRASE);
  await expect(backups.problem()).toContainText(
    /备份第 \d+ 行（员工账号）不符合要求：字段“password.iterations”的值超出允许范围。没有恢复任何数据。/,
  );
  const rewritten = join(dir, 'rewritten-history.cdbackup');
  await tamperBackup(
    file,
    PASSPHRASE,
    ({ table, row }) =>
      table === 'auditEvents' && row.seq === 2
        ? { table, row: { ...row, summary: '无事发生' } }
        : { table, row },
    rewritten,
  );
  await backups.check(rewritten, PASSPHRASE);
  await expect(backups.evidence()).toHaveAttribute('data-testid', 'restore-evidence-broken');
  await expect(backups.evidence()).toContainText(/设备 …\S+：审计链异常，第 2 条事件内容被修改/);
  await expect(backups.evidence()).toContainText('这份备份中的记录有被改动的迹象');
  // Made with this clinic's own key: no red warning about the key.
  await expect(backups.foreignKeyWarning()).toHaveCount(0);
  await shoot(page, 'zh-CN', '61-restore-preview-broken-chain');
  await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();

  await backups.openRestore();
  await backups.check(file, PASSPHRASE);
  await expect(backups.preview()).toContainText('康宁口腔诊所');
  await expect(backups.foreignKeyWarning()).toHaveCount(0);
  await expect(backups.evidence()).toContainText('审计链与知情同意书均完整');
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
    /最近一次成功备份在 2026-11-22 09:\d\d，已超过一天。请立即备份。/,
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

test("a demo clinic written by the command line, sealed with another key than this clinic's, is restored only with the owner's password", async ({
  page,
}) => {
  test.slow(); // the command line writes a clinic, then the page reads, verifies and restores it
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
  // The same words, another salt: another key, as every file made elsewhere would have.
  await expect(backups.foreignKeyWarning()).toContainText(
    "This backup was not made with this clinic's current backup passphrase",
  );
  await expect(backups.foreignKeyWarning()).toHaveClass(/ant-alert-error/);
  // The command line bypasses the audit log: no chain to break, and it says so.
  await expect(backups.evidence()).toContainText('The backup holds no audit log entries.');
  await shoot(page, 'en', '65-restore-preview');
  // The restored app opens in Chinese, as the login page object reads it.
  await page.evaluate(() => localStorage.setItem('clinicdesk.language', 'zh-CN'));
  await backups.askToRestoreForeignFile();
  await expect(backups.passwordDialog()).toContainText(
    "Restore a backup not made with this clinic's current backup passphrase",
  );
  await shoot(page, 'en', '65-restore-foreign-key-password');
  await backups.confirmForeignRestore('Owner#2026', 'Wrong password: nothing was restored.');
  await shoot(page, 'zh-CN', '65-restored-after-owner-password');

  await new LoginPage(page).attempt(owner, 'Demo#2026');
  await expect(page.getByRole('heading', { name: '请设置新密码' })).toBeVisible();
  await page.getByLabel('新密码').fill('Demo#Owner2027');
  await page.getByLabel('再次输入密码').fill('Demo#Owner2027');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  await expect(page.locator('.app-clinic')).toHaveText('演示口腔诊所');
  const audit = new AuditPage(page);
  await audit.open();
  await expect(audit.rowsWithAction('restore')).toContainText('负责人已输入密码确认');
});

test('the owner sets when backups run and how many are kept, four boxes on one line, confirmed with her password, saved and audited', async ({
  page,
}) => {
  test.slow(); // two wrong passwords and two right ones: PBKDF2 each time
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
  // Fewer copies than the minimum: refused in the form, with the minimum named.
  await boxes.time.fill('19:45');
  await boxes.daily.fill('1');
  await boxes.weekly.fill('0');
  await form.getByRole('button', { name: '保存设置' }).click();
  await expect(backups.problemOf('保留每日备份（份）')).toHaveText('至少保留 7 份。');
  await expect(backups.problemOf('保留每周备份（份）')).toHaveText('至少保留 4 份。');
  await expect(backups.passwordDialog()).toHaveCount(0);

  await boxes.daily.fill('10');
  await boxes.weekly.fill('4');
  await boxes.monthly.fill('24');
  await form.getByRole('button', { name: '保存设置' }).click();
  await expect(backups.passwordDialog()).toContainText('更改备份时间与保留份数');
  await backups.typeOwnerPassword('Owner#2025');
  await expect(backups.passwordDialog()).toContainText('密码不正确，备份设置没有更改。');
  await shoot(page, 'zh-CN', '66-backup-settings-wrong-password');
  await backups.confirmWithPassword('Owner#2026');
  await expect(page.getByText('备份设置已保存。')).toBeVisible();

  await page.getByText('EN', { exact: true }).click();
  await shoot(page, 'en', '62-backup-settings');
  // The passphrase is guarded the same way: a wrong password sets nothing.
  await page.getByLabel('Backup passphrase', { exact: true }).fill('康宁诊所的备份 2026');
  await page.getByLabel('Backup passphrase again').fill('康宁诊所的备份 2026');
  await page.getByTestId('backup-passphrase-save').click();
  await expect(backups.passwordDialog()).toContainText('Set or change the backup passphrase');
  await backups.typeOwnerPassword('not my password');
  await expect(backups.passwordDialog()).toContainText(
    'Wrong password: the backup settings were not changed.',
  );
  await shoot(page, 'en', '66-backup-passphrase-wrong-password');
  await backups.confirmWithPassword('Owner#2026');
  await expect(page.getByTestId('backup-passphrase-set')).toBeVisible();

  await page.goto('/#/today');
  await backups.open();
  await expect(form.getByLabel('Daily backup time')).toHaveValue('19:45');
  await expect(form.getByLabel('Daily backups kept')).toHaveValue('10');
  await expect(form.getByLabel('Weekly backups kept')).toHaveValue('4');
  await expect(form.getByLabel('Monthly backups kept')).toHaveValue('24');

  // The audit log says who changed what, and never the passphrase.
  const audit = new AuditPage(page);
  await audit.open();
  const settingsRow = audit.rows().filter({ hasText: 'backup time and rotation' });
  await expect(settingsRow).toHaveCount(1);
  await expect(settingsRow).toContainText('Daily backup time: 18:30 → 19:45');
  await expect(settingsRow).toContainText('Daily backups kept: 7 → 10');
  await expect(settingsRow).toContainText('Monthly backups kept: 12 → 24');
  const passphraseRow = audit.rows().filter({ hasText: 'backup passphrase' });
  await expect(passphraseRow).toHaveCount(1);
  await expect(passphraseRow).toContainText('Backup passphrase');
  await expect(page.locator('body')).not.toContainText('康宁诊所的备份');
  await expect(audit.rowsWithAction('login-failed')).toHaveCount(2);
  await shoot(page, 'en', '67-audit-backup-settings');
  // The summary was stored in both languages; each language shows its own side only.
  await expect(settingsRow).not.toContainText('备份时间与保留份数');
  await page.getByText('中文', { exact: true }).click();
  const settingsRowZh = audit.rows().filter({ hasText: '备份时间与保留份数' });
  await expect(settingsRowZh).toContainText('每天备份时间：18:30 → 19:45');
  await expect(settingsRowZh).not.toContainText('backup time and rotation');
  await shoot(page, 'zh-CN', '67-audit-backup-settings');
});
