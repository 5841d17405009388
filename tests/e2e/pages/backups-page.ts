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
    await this.confirmWithPassword('Owner#2026');
    await expect(this.page.getByTestId('backup-passphrase-set')).toBeVisible();
  }

  /** The dialog that asks for the owner's own password before a backup setting changes. */
  passwordDialog() {
    return this.page.getByRole('dialog').filter({ has: this.page.getByTestId('owner-password') });
  }

  /** Types a password into that dialog and confirms; it stays open when the password is wrong. */
  async typeOwnerPassword(password: string) {
    const dialog = this.passwordDialog();
    const confirm = dialog.getByTestId('owner-password-confirm');
    // A button still spinning from the previous (wrong) attempt ignores a click.
    await expect(confirm).not.toHaveClass(/ant-btn-loading/);
    await dialog.getByTestId('owner-password').fill(password);
    await confirm.click();
  }

  async confirmWithPassword(password: string) {
    await this.typeOwnerPassword(password);
    // PBKDF2 (600,000 rounds) on a loaded 2-core machine can take a while.
    await expect(this.passwordDialog()).toHaveCount(0, { timeout: 60_000 });
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

  /** The red warning of a file sealed with another key than this clinic's. */
  foreignKeyWarning() {
    return this.page.getByTestId('restore-foreign-key');
  }

  /** The file's audit chains and signed notices, as the preview found them. */
  evidence() {
    return this.page.getByTestId(/^restore-evidence-(intact|broken)$/);
  }

  /** Restoring a file sealed with another key asks for the owner's password first. */
  async askToRestoreForeignFile() {
    await this.page.getByTestId('restore-confirm').click();
    await expect(this.passwordDialog()).toBeVisible();
  }

  /**
   * Answers that question: a wrong password keeps the dialog open, with `wrongText` under the
   * box; then the right one, and the restore goes on as `confirmRestore`.
   */
  async confirmForeignRestore(password: string, wrongText: string) {
    await this.typeOwnerPassword('not my password');
    await expect(this.passwordDialog()).toContainText(wrongText, { timeout: 60_000 });
    const safety = this.page.waitForEvent('download');
    await this.confirmWithPassword(password);
    const file = await safety;
    expect(file.suggestedFilename()).toMatch(/-before-restore\.cdbackup$/);
    await expect(this.page.getByRole('button', { name: '登录' })).toBeVisible();
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
