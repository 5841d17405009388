import { expect, type Page } from '@playwright/test';

/** `role`: the one role ticked when the person is added, as the dialog names it (前台). */
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
    await dialog.getByRole('checkbox', { name: person.role, exact: true }).check();
    await dialog.getByLabel('临时密码').fill(person.password);
    await dialog.getByLabel('再次输入密码').fill(person.password);
    await dialog.getByTestId('staff-add-submit').click();
  }

  async add(person: NewStaff) {
    await this.fillNew(person);
    await expect(this.row(person.username)).toBeVisible();
  }

  /** The edit dialog of a person's row, open. */
  async edit(username: string) {
    await this.page.getByTestId(`staff-edit-${username}`).click();
    const dialog = this.page.getByRole('dialog');
    await expect(dialog.getByTestId('staff-edit-submit')).toBeVisible();
    return dialog;
  }

  /** Ticks exactly `roles` (as the dialog names them: 前台, 药师) in an open edit dialog. */
  async tickRoles(roles: readonly string[]) {
    const dialog = this.page.getByRole('dialog');
    const boxes = dialog.getByRole('checkbox');
    for (let i = 0; i < (await boxes.count()); i++) {
      const box = boxes.nth(i);
      const name = (await box.evaluate((el) => el.closest('label')?.textContent ?? '')).trim();
      await box.setChecked(roles.includes(name));
    }
  }

  async saveEdit() {
    const dialog = this.page.getByRole('dialog');
    await dialog.getByTestId('staff-edit-submit').click();
    await expect(dialog).toBeHidden();
  }

  /** The role tags on a person's row, in the order shown. */
  roleTags(username: string) {
    return this.row(username).getByTestId('staff-roles').locator('.ant-tag');
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
