import { expect, type Page } from '@playwright/test';

export class ShellPage {
  constructor(readonly page: Page) {}

  /** Opens a screen by its address, as a person typing a bookmark would. */
  goto(screen: string) {
    return this.page.goto(`/#/${screen}`);
  }

  /**
   * F5. Waits only for the new page to start: the app itself then decides what shows, and a
   * reload racing the old page's last hash change must not fail the test.
   */
  reload() {
    return this.page.reload({ waitUntil: 'commit' });
  }

  nav(label: string) {
    return this.page.getByRole('menuitem', { name: label });
  }

  async logout() {
    await this.page.getByTestId('logout').click();
    await expect(this.page.getByRole('button', { name: '登录' })).toBeVisible();
  }
}
