import { expect, type Page } from '@playwright/test';

export type Override = { date: string; holiday: boolean; name?: string };

/** Settings → 投诉时限 and 节假日调整. */
export class ComplaintSettingsPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/#/settings');
    await expect(this.deadlines()).toBeVisible();
  }

  deadlines() {
    return this.page.getByTestId('complaint-settings');
  }

  holidays() {
    return this.page.getByTestId('holiday-settings');
  }

  /** Types the clinic's own policy and makes it the default (or not); does not save. */
  async fillCustom(name: string, ordinary: string, major: string, makeDefault = true) {
    const card = this.deadlines();
    if (makeDefault) await card.getByTestId('default-policy').locator('label').last().click();
    await card.getByTestId('custom-policy-name').fill(name);
    await card.getByTestId('custom-ordinary-days').fill(ordinary);
    await card.getByTestId('custom-major-days').fill(major);
  }

  saveDeadlines() {
    return this.deadlines().getByTestId('save-complaints').click();
  }

  overrideRows() {
    return this.holidays().getByTestId('override-row');
  }

  /** Adds a row at the end of the table and types it; does not save. */
  async addOverride(override: Override) {
    await this.holidays().getByTestId('override-add').click();
    const row = this.overrideRows().last();
    await row.getByTestId('override-date').fill(override.date);
    if (!override.holiday) {
      await row.getByTestId('override-kind').click();
      await this.page
        .locator('.ant-select-dropdown:visible .ant-select-item-option')
        .last()
        .click();
    }
    if (override.name) await row.getByTestId('override-name').fill(override.name);
  }

  saveOverrides() {
    return this.holidays().getByTestId('save-holidays').click();
  }
}
