import { expect, type Page } from '@playwright/test';

export class ShellPage {
  constructor(readonly page: Page) {}

  /** Opens a screen by its address, as a person typing a bookmark would. */
  goto(screen: string) {
    return this.page.goto(`/#/${screen}`);
  }

  nav(label: string) {
    return this.page.getByRole('menuitem', { name: label });
  }

  async logout() {
    await this.page.getByTestId('logout').click();
    await expect(this.page.getByRole('button', { name: '登录' })).toBeVisible();
  }
}
