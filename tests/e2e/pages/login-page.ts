import { expect, type Page } from '@playwright/test';

export class LoginPage {
  constructor(readonly page: Page) {}

  /** After a reload too, which starts the whole app again: hence the longer wait. */
  async expectShown() {
    await expect(this.page.getByRole('button', { name: '登录' })).toBeVisible({ timeout: 30_000 });
  }

  async attempt(username: string, password: string) {
    await this.page.getByLabel('用户名').fill(username);
    await this.page.getByLabel('密码').fill(password);
    await this.page.getByRole('button', { name: '登录' }).click();
  }

  async login(username: string, password: string, displayName: string) {
    await this.attempt(username, password);
    await expect(this.page.getByTestId('signed-in-as')).toContainText(displayName);
  }

  failure() {
    return this.page.getByTestId('login-failure');
  }
}
