import { expect, type Page } from '@playwright/test';

/** A recovery code shown once: after setup, after a password set with the old one, or renewed. */
export class RecoveryCodePage {
  constructor(readonly page: Page) {}

  code() {
    return this.page.getByTestId('recovery-code');
  }

  /** The code as shown, in groups of four. */
  async read(): Promise<string> {
    await expect(this.code()).toHaveText(/^([2-9A-HJKMNP-Z]{4}-){4}[2-9A-HJKMNP-Z]{4}$/);
    return (await this.code().textContent())!;
  }

  /** "我已抄下或打印", then on: the button waits for the tick. */
  async confirm() {
    await expect(this.page.getByTestId('recovery-continue')).toBeDisabled();
    await this.page.getByTestId('recovery-written').check();
    await this.page.getByTestId('recovery-continue').click();
    await expect(this.code()).toBeHidden();
  }
}

/** "忘记密码？使用恢复码" on the login screen: the code and a new password, in either language. */
export class RecoverPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByTestId('login-forgot').click();
    await expect(this.page.getByTestId('recover-submit')).toBeVisible();
  }

  async submit(code: string, password: string) {
    await this.page.locator('#recover_code').fill(code);
    await this.page.locator('#recover_password').fill(password);
    await this.page.locator('#recover_passwordConfirm').fill(password);
    await this.page.getByTestId('recover-submit').click();
  }

  /** The sentence under the code box. */
  codeError() {
    return this.page
      .locator('.ant-form-item')
      .filter({ has: this.page.locator('#recover_code') })
      .locator('.ant-form-item-explain-error');
  }
}
