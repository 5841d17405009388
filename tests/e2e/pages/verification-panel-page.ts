import { expect, type Page } from '@playwright/test';

/** The 证、卡、人 panel, driven from the keyboard where the desk would use it. */
export class VerificationPanelPage {
  constructor(readonly page: Page) {}

  root() {
    return this.page.locator('.ant-drawer');
  }

  async expectOpenFor(name: string) {
    await expect(this.root().getByTestId('panel-patient')).toContainText(name);
    await expect(this.page.getByTestId('document-number')).toBeFocused();
  }

  /** Swiping the ID card: its number arrives as keys, then Enter moves on to the card field. */
  async swipeDocument(idNumber: string) {
    await this.page.keyboard.type(idNumber);
    await this.page.keyboard.press('Enter');
    await expect(this.page.getByTestId('card-number')).toBeFocused();
  }

  /**
   * A keyboard-wedge card reader: key events back to back, the number, then Enter. Played inside
   * the page: Playwright's own keystrokes take 30–80 ms each on a busy machine (a fast person's
   * pace), and so would a re-render between synthetic keys, whose time stamps, unlike a real
   * device's, are taken when they are dispatched. So the keys go first and the value once.
   */
  async swipeCard(cardNumber: string) {
    await expect(this.page.getByTestId('card-number')).toBeFocused();
    await this.page.evaluate((text) => {
      const input = document.activeElement as HTMLInputElement;
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      const key = (type: string, key: string) =>
        input.dispatchEvent(new KeyboardEvent(type, { key, bubbles: true, cancelable: true }));
      for (const character of text) {
        key('keydown', character);
        key('keyup', character);
      }
      setValue.call(input, text);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      key('keydown', 'Enter');
      key('keyup', 'Enter');
    }, cardNumber);
  }

  async confirmPerson() {
    await this.page.getByTestId('person-confirmed').check();
  }

  flags() {
    return this.root().getByTestId('flag');
  }

  flag(code: string) {
    return this.root().locator(`[data-testid="flag"][data-flag="${code}"]`);
  }

  verifyButton() {
    return this.page.getByTestId('outcome-verified');
  }

  async fail(reason: string) {
    await this.page.getByTestId('outcome-failed').click();
    await this.page.getByTestId('outcome-reason').fill(reason);
    await this.page.getByTestId('outcome-confirm').click();
  }

  async override(username: string, password: string, reason: string) {
    await this.page.getByTestId('outcome-overridden').click();
    await this.page.getByTestId('override-username').fill(username);
    await this.page.getByTestId('override-password').fill(password);
    await this.page.getByTestId('outcome-reason').fill(reason);
    await this.page.getByTestId('outcome-confirm').click();
  }

  fieldError() {
    return this.root().locator('.ant-form-item-explain-error');
  }

  async expectClosed() {
    await expect(this.page.getByTestId('panel-patient')).toHaveCount(0);
  }
}
