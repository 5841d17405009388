import { expect, type Page } from '@playwright/test';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { residentCheckCharacter } from '../../shared/identity/id-number';
import { setUpClinic, test } from './fixtures';
import { AuditPage } from './pages/audit-page';
import { BackupsPage } from './pages/backups-page';
import { LoginPage } from './pages/login-page';
import { PatientsPage } from './pages/patients-page';
import { pageToday } from './pages/today-page';
import { shoot } from './screenshots';

const PASSPHRASE = '康宁诊所的备份 2026';
const WANG_WU_ID = '11010219900307123' + residentCheckCharacter('11010219900307123');

/** The store's own write gate, through the dev hook: a backup that takes as long as the test says. */
type DevGate = {
  __clinicdeskDev: {
    db: {
      writeGate: { hold(run: () => Promise<void>): Promise<void> };
      patients: { count(): Promise<number> };
      auditEvents: {
        filter(keep: (event: { entity: string }) => boolean): { count(): Promise<number> };
      };
    };
  };
  __endBackup?: () => void;
};

const databases = (page: Page) =>
  page.evaluate(async () => (await indexedDB.databases()).map((found) => found.name ?? ''));

test('a restore leaves the data it replaced on the Backups screen, and the owner deletes them', async ({
  page,
}) => {
  test.slow(); // setup, a backup, a restore with its safety backup, two PBKDF2 confirmations
  const dir = await mkdtemp(join(tmpdir(), 'clinicdesk-old-stores-e2e-'));
  await setUpClinic(page);
  const backups = new BackupsPage(page);
  await backups.open();
  const card = page.getByTestId('old-stores');
  await expect(card).toContainText('这台电脑上没有恢复前留下的旧数据。');
  await backups.setPassphrase(PASSPHRASE);
  const download = await backups.backUpNow();
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);

  await backups.openRestore();
  await backups.check(file, PASSPHRASE);
  await expect(backups.preview()).toBeVisible();
  await backups.confirmRestore();
  await new LoginPage(page).login('lina', 'Owner#2026', '李娜');
  await backups.open();
  const rows = page.getByTestId('old-store-row');
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText(`${await pageToday(page)} 10:`);
  await expect(rows).toContainText('clinicdesk');
  await card.scrollIntoViewIfNeeded();
  await shoot(page, 'zh-CN', '69-old-stores');

  await rows.getByTestId('old-store-delete').click();
  await expect(backups.passwordDialog()).toContainText('删除恢复前的旧数据');
  await backups.typeOwnerPassword('not my password');
  await expect(backups.passwordDialog()).toContainText('密码不正确，没有删除任何数据。');
  await expect(rows).toHaveCount(1);
  await backups.confirmWithPassword('Owner#2026');
  await expect(page.getByText('旧数据已删除。')).toBeVisible();
  await expect(rows).toHaveCount(0);
  await expect(card).toContainText('这台电脑上没有恢复前留下的旧数据。');
  // The replaced store is gone from IndexedDB; the restored one, in use, stays.
  const left = (await databases(page)).filter((name) => /^clinicdesk(-restored-|$)/.test(name));
  expect(left).toHaveLength(1);
  expect(left[0]).toMatch(/^clinicdesk-restored-/);

  const audit = new AuditPage(page);
  await audit.open();
  const deleted = audit.rowsWithAction('delete');
  await expect(deleted).toHaveCount(1);
  // Stored in both languages; the Chinese screen shows the Chinese side.
  await expect(deleted).toContainText('恢复前的旧数据');
  await expect(deleted).not.toContainText('data from before a restore');
  await expect(deleted).toContainText('李娜');

  await page.getByText('EN', { exact: true }).click();
  await backups.open();
  await expect(card).toContainText('There are no data left from before a restore on this PC.');
  await card.scrollIntoViewIfNeeded();
  await shoot(page, 'en', '69-old-stores-empty');
});

test('while a backup reads the store, a registration waits under "备份中" and is saved after', async ({
  page,
}) => {
  await setUpClinic(page);
  await page.evaluate(() => {
    const dev = globalThis as unknown as DevGate;
    void dev.__clinicdeskDev.db.writeGate.hold(
      () => new Promise<void>((resolve) => (dev.__endBackup = resolve)),
    );
  });
  const holding = page.getByTestId('backup-holding');
  await expect(holding).toContainText('备份中：这段时间保存的内容会在备份完成后写入');

  const patients = new PatientsPage(page);
  await patients.openRegistration();
  await patients.fill({ name: '王五', idNumber: WANG_WU_ID });
  await patients.submit();
  await expect(page.getByTestId('patient-submit')).toHaveClass(/ant-btn-loading/);
  const saved = () =>
    page.evaluate(() => (globalThis as unknown as DevGate).__clinicdeskDev.db.patients.count());
  expect(await saved()).toBe(0);
  await shoot(page, 'zh-CN', '70-backup-holding');

  await page.evaluate(() => (globalThis as unknown as DevGate).__endBackup!());
  await expect(page.getByTestId('patient-name')).toHaveText('王五');
  await expect(holding).toHaveCount(0);
  expect(await saved()).toBe(1);
  const audited = await page.evaluate(() =>
    (globalThis as unknown as DevGate).__clinicdeskDev.db.auditEvents
      .filter((event) => event.entity === 'patient')
      .count(),
  );
  expect(audited).toBeGreaterThan(0);
});
