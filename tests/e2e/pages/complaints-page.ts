import { expect, type Page } from '@playwright/test';

export type NewComplaint = {
  /** The category's label as the form shows it (医保结算/收费). */
  category: string;
  /** Left out for an anonymous complaint. */
  name?: string;
  phone?: string;
  channel?: string;
  description: string;
  /** 重大 / Major: the management group leads it. */
  major?: boolean;
};

/** The complaints screen: the urgency list, the intake form, one complaint's timeline. */
export class ComplaintsPage {
  constructor(readonly page: Page) {}

  open() {
    return this.page.goto('/#/complaints');
  }

  badge() {
    return this.page.getByTestId('complaint-badge');
  }

  rows() {
    return this.page.getByTestId('complaint-table').locator('tbody tr[data-testid]');
  }

  dialog() {
    return this.page.getByRole('dialog');
  }

  /** Opens 登记投诉 and types the complaint, mostly from the keyboard; does not save. */
  async fill(complaint: NewComplaint) {
    await this.page.getByTestId('complaint-new').click();
    const dialog = this.dialog();
    await expect(dialog.getByTestId('complaint-received-at')).toBeFocused();
    if (complaint.major)
      await dialog.getByTestId('complaint-severity').locator('label').nth(1).click();
    await dialog.getByTestId('complaint-category').getByText(complaint.category).click();
    if (complaint.channel) {
      await dialog.getByTestId('complaint-channel').click();
      await this.page.getByTitle(complaint.channel, { exact: true }).click();
    }
    if (complaint.name) {
      await dialog.getByTestId('complaint-name').fill(complaint.name);
      await this.page.keyboard.press('Tab');
      await this.page.keyboard.type(complaint.phone ?? '');
    } else await dialog.getByTestId('complaint-anonymous').check();
    await dialog.getByTestId('complaint-description').fill(complaint.description);
  }

  save() {
    return this.dialog().getByTestId('complaint-submit').click();
  }

  row(text: string) {
    return this.rows().filter({ hasText: text });
  }

  async openRow(text: string) {
    await this.row(text).getByTestId('complaint-open').click();
    await expect(this.page.getByTestId('complaint-facts')).toBeVisible();
  }

  state() {
    return this.page.getByTestId('complaint-state');
  }

  /** Opens a next-step form on the detail page. */
  async step(kind: string) {
    await this.page.getByTestId(`step-${kind}`).click();
    await expect(this.dialog()).toBeVisible();
  }

  async text(field: string, value: string) {
    await this.dialog().getByTestId(`event-${field}`).fill(value);
  }

  /** Picks the first option of a select in the step form, from the keyboard. */
  async pickFirst(field: string) {
    await this.dialog().getByTestId(`event-${field}`).click();
    await this.page.keyboard.press('Enter');
  }

  async submitStep() {
    await this.dialog().getByTestId('event-submit').click();
    await expect(this.dialog()).toBeHidden();
  }

  timeline() {
    return this.page.getByTestId('complaint-timeline');
  }
}

/** What the page's Notification constructor was asked to show (see `stubNotifications`). */
export type ShownNotice = { title: string; body: string };

/**
 * Replaces the browser's Notification with a recorder before the app loads: it answers the
 * permission the context was granted, and keeps each notice shown (its click callable by a test).
 */
export const stubNotifications = (page: Page) =>
  page.addInitScript(() => {
    const Real = globalThis.Notification;
    const shown: Array<{ title: string; body: string; onclick?: () => void }> = [];
    class Recorder {
      static get permission() {
        return Real?.permission ?? 'denied';
      }
      static requestPermission() {
        return Real ? Real.requestPermission() : Promise.resolve('denied');
      }
      onclick?: () => void;
      constructor(title: string, options?: { body?: string }) {
        const entry = { title, body: options?.body ?? '' };
        shown.push(entry);
        Object.defineProperty(entry, 'onclick', { get: () => this.onclick, enumerable: false });
      }
      close() {}
    }
    Object.assign(globalThis, { Notification: Recorder, __notices: shown });
  });

/** The notices the app showed so far. */
export const shownNotices = (page: Page) =>
  page.evaluate(() =>
    (globalThis as unknown as { __notices: ShownNotice[] }).__notices.map(({ title, body }) => ({
      title,
      body,
    })),
  );

/** Clicks the n-th notice shown, as a person would in the OS's notification centre. */
export const clickNotice = (page: Page, n: number) =>
  page.evaluate(
    (n) =>
      (globalThis as unknown as { __notices: { onclick?: () => void }[] }).__notices[
        n
      ]?.onclick?.(),
    n,
  );

/** The Today screen's card of complaints overdue or due soon. */
export class ComplaintsCard {
  constructor(readonly page: Page) {}

  card() {
    return this.page.getByTestId('complaints-card');
  }

  rows() {
    return this.card().locator('[data-testid^="complaints-card-row-"]');
  }
}
