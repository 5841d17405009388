import { expect, type Page } from '@playwright/test';
import { RecoveryCodePage } from './recovery-page';

export type ClinicSetup = {
  clinicName: string;
  province: string;
  city: string;
  ownerName: string;
  username: string;
  password: string;
};

export const DEMO_CLINIC: ClinicSetup = {
  clinicName: '康宁口腔诊所',
  province: '广东省',
  city: '深圳市',
  ownerName: '李娜',
  username: 'lina',
  password: 'Owner#2026',
};

/** The first-run wizard, driven the way a new owner would: labels and buttons, in Chinese. */
export class SetupWizardPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { name: '欢迎使用 ClinicDesk' })).toBeVisible();
  }

  /** "从备份恢复…" on the first step: the restore dialog, on a PC with no clinic yet. */
  async openRestore() {
    await this.page.getByTestId('setup-restore').click();
    await expect(this.page.getByRole('dialog')).toBeVisible();
  }

  next() {
    return this.page.getByRole('button', { name: '下一步' }).click();
  }

  async fillClinic(setup: ClinicSetup) {
    await this.page.getByLabel('诊所名称').fill(setup.clinicName);
    await this.page.getByLabel('参保地（省/直辖市）').click();
    await this.page.getByLabel('参保地（省/直辖市）').fill(setup.province.slice(0, 2));
    await this.page.getByTitle(setup.province).click();
    await this.page.getByLabel('参保地（市/区）').fill(setup.city);
  }

  async fillOwner(setup: ClinicSetup) {
    await this.page.getByLabel('姓名').fill(setup.ownerName);
    await this.page.getByLabel('用户名（登录用）').fill(setup.username);
    await this.page.getByLabel('密码', { exact: true }).fill(setup.password);
    await this.page.getByLabel('再次输入密码').fill(setup.password);
  }

  async complete(setup: ClinicSetup = DEMO_CLINIC) {
    await this.open();
    await this.next();
    await this.fillClinic(setup);
    await this.next();
    await this.fillOwner(setup);
    await this.next();
    await expect(this.page.getByText('请确认以下信息，然后创建诊所。')).toBeVisible();
    const code = await this.create();
    await expect(this.page.getByTestId('signed-in-as')).toContainText(setup.ownerName);
    return code;
  }

  /**
   * "创建诊所并登录" on the confirm step, then the owner's recovery code, shown once: read off
   * the screen, ticked as written down, and on into the app. Returns the code as shown.
   */
  async create(): Promise<string> {
    await this.page.getByRole('button', { name: '创建诊所并登录' }).click();
    const code = await new RecoveryCodePage(this.page).read();
    await new RecoveryCodePage(this.page).confirm();
    return code;
  }
}
