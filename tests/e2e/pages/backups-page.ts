import { expect, type Download, type Page } from '@playwright/test';

/** The owner's Backups screen and its restore dialog, driven by labels and buttons in Chinese. */
export class BackupsPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/#/backups');
    await expect(this.page.getByTestId('backup-now')).toBeVisible();
  }

  banner() {
    return this.page.getByTestId('backup-overdue');
  }

  problemOf(label: string) {
    return this.page
      .locator('.ant-form-item')
      .filter({ has: this.page.getByText(label, { exact: true }) })
      .locator('.ant-form-item-explain');
  }

  async typePassphrase(passphrase: string, again = passphrase) {
    await this.page.getByLabel('备份密码', { exact: true }).fill(passphrase);
    await this.page.getByLabel('再次输入备份密码').fill(again);
    await this.page.getByTestId('backup-passphrase-save').click();
  }

  async setPassphrase(passphrase: string) {
    await this.typePassphrase(passphrase);
    await expect(this.page.getByTestId('backup-passphrase-set')).toBeVisible();
  }

  /** "Back up now" in a browser with no folder chosen: the verified file downloads. */
  async backUpNow(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('backup-now').click();
    const file = await download;
    await expect(this.page.getByTestId('backup-outcome')).toContainText('备份已校验并下载');
    return file;
  }

  verifiedRows() {
    return this.page.getByTestId('backup-row-verified');
  }

  async openRestore() {
    await this.page.getByTestId('restore-open').click();
    await expect(this.page.getByRole('dialog')).toBeVisible();
  }

  /** Chooses a file and its passphrase, then reads and verifies it. */
  async check(path: string, passphrase: string) {
    const dialog = this.page.getByRole('dialog');
    await dialog.locator('input[type=file]').setInputFiles(path);
    await dialog.getByLabel('这份备份的备份密码').fill(passphrase);
    await dialog.getByRole('button', { name: '读取并校验' }).click();
  }

  problem() {
    return this.page.getByTestId('restore-problem');
  }

  preview() {
    return this.page.getByTestId('restore-preview');
  }

  countOf(table: string) {
    return this.page.getByTestId(`restore-count-${table}`);
  }

  /** Confirms: the safety backup downloads first, then the app reopens on the restored data. */
  async confirmRestore() {
    const safety = this.page.waitForEvent('download');
    await this.page.getByTestId('restore-confirm').click();
    const file = await safety;
    expect(file.suggestedFilename()).toMatch(/-before-restore\.cdbackup$/);
    await expect(this.page.getByRole('button', { name: '登录' })).toBeVisible();
  }
}
