import { expect, type Page } from '@playwright/test';

export type NewStaff = { displayName: string; username: string; role: string; password: string };

export class StaffPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/#/staff');
    await expect(this.page.getByTestId('staff-add')).toBeVisible();
  }

  row(username: string) {
    return this.page.getByTestId(`staff-row-${username}`);
  }

  async fillNew(person: NewStaff) {
    await this.page.getByTestId('staff-add').click();
    const dialog = this.page.getByRole('dialog');
    // The first field takes the focus once the dialog has opened: typing starts there.
    await expect(dialog.getByLabel('姓名')).toBeFocused();
    await dialog.getByLabel('姓名').fill(person.displayName);
    await dialog.getByLabel('用户名（登录用）').fill(person.username);
    await dialog.getByTestId('staff-role-select').click();
    await this.page.getByTitle(person.role, { exact: true }).click();
    await dialog.getByLabel('临时密码').fill(person.password);
    await dialog.getByLabel('再次输入密码').fill(person.password);
    await dialog.getByTestId('staff-add-submit').click();
  }

  async add(person: NewStaff) {
    await this.fillNew(person);
    await expect(this.row(person.username)).toBeVisible();
  }

  /** "重置密码" on a person's row: the owner gives them a temporary password. */
  async resetPassword(username: string, temporary: string) {
    await this.page.getByTestId(`staff-reset-${username}`).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByLabel('临时密码').fill(temporary);
    await dialog.getByLabel('再次输入密码').fill(temporary);
    await dialog.getByTestId('staff-reset-submit').click();
    await expect(dialog).toBeHidden();
  }
}
