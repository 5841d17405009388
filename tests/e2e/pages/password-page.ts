import { expect, type Page } from '@playwright/test';

/**
 * The two places a person sets their own password: "修改我的密码" in Settings, and the screen
 * that a new account or a reset password meets at first login.
 */
export class PasswordPage {
  constructor(readonly page: Page) {}

  /** Waits until the field (found by its label) shows this one error and no other. */
  async expectFieldError(label: string, text: string) {
    const errors = this.page
      .locator('.ant-form-item')
      .filter({ has: this.page.getByLabel(label, { exact: true }) })
      .locator('.ant-form-item-explain-error');
    // An error being replaced fades out for a moment: wait for the list to settle on this one.
    await expect(errors).toHaveText([text]);
  }

  async changeInSettings(current: string, next: string) {
    await this.page.goto('/#/settings');
    await this.page.getByLabel('当前密码', { exact: true }).fill(current);
    await this.page.getByLabel('新密码', { exact: true }).fill(next);
    await this.page.getByLabel('再次输入密码', { exact: true }).fill(next);
    await this.page.getByTestId('change-password-submit').click();
  }

  forcedScreen() {
    return this.page.getByRole('heading', { name: '请设置新密码' });
  }

  async chooseFirst(next: string) {
    await expect(this.forcedScreen()).toBeVisible();
    await this.page.getByLabel('新密码', { exact: true }).fill(next);
    await this.page.getByLabel('再次输入密码', { exact: true }).fill(next);
    await this.page.getByRole('button', { name: '保存' }).click();
  }
}
