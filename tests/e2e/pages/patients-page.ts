import { expect, type Page } from '@playwright/test';

export type NewPatient = {
  name: string;
  idNumber: string;
  /** Chinese label of the document type; the form starts on 居民身份证. */
  idType?: string;
  sex?: '男' | '女';
  birthDate?: string;
  phone?: string;
  scheme?: '职工医保' | '居民医保' | '自费' | '其他';
  province?: string;
  city?: string;
  cardNumber?: string;
};

/** Search, registration and the patient page, driven by their Chinese labels as the desk sees them. */
export class PatientsPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/#/patients');
    await expect(this.searchBox()).toBeFocused();
  }

  searchBox() {
    return this.page.getByTestId('patient-search');
  }

  rows() {
    return this.page.getByTestId('patient-row');
  }

  /** Types a query and waits until the list shows a row containing `expected`. */
  async find(query: string, expected: string) {
    await this.searchBox().fill(query);
    await expect(this.rows().filter({ hasText: expected }).first()).toBeVisible();
  }

  field(label: string) {
    return this.page.getByLabel(label, { exact: true });
  }

  /** The problem shown under a box, found from its label. */
  problemOf(label: string) {
    return this.page
      .locator('.ant-form-item')
      .filter({ has: this.page.getByText(label, { exact: true }) })
      .locator('.ant-form-item-explain');
  }

  async openRegistration() {
    await this.open();
    await this.page.keyboard.press('Alt+N');
    await expect(this.field('姓名')).toBeFocused();
  }

  async chooseIdType(label: string) {
    await this.field('证件类型').click();
    await this.page.getByTitle(label, { exact: true }).click();
  }

  /** A radio option, clicked by its text as a person would (antd hides the real input). */
  choose(option: string) {
    return this.page
      .locator('.ant-radio-wrapper, .ant-radio-button-wrapper')
      .getByText(option, { exact: true })
      .click();
  }

  async fill(patient: NewPatient) {
    await this.field('姓名').fill(patient.name);
    if (patient.idType) await this.chooseIdType(patient.idType);
    await this.field('证件号码').fill(patient.idNumber);
    if (patient.sex) await this.choose(patient.sex);
    if (patient.birthDate) await this.field('出生日期').fill(patient.birthDate);
    if (patient.phone) await this.field('手机号').fill(patient.phone);
    await this.choose(patient.scheme ?? '自费');
    if (patient.province) {
      await this.field('参保地（省/直辖市）').fill(patient.province.slice(0, 2));
      await this.page.getByTitle(patient.province, { exact: true }).click();
    }
    if (patient.city) await this.field('参保地（市/区）').fill(patient.city);
    if (patient.cardNumber) await this.field('医保卡号').fill(patient.cardNumber);
  }

  submit() {
    return this.page.getByTestId('patient-submit').click();
  }

  async register(patient: NewPatient) {
    await this.openRegistration();
    await this.fill(patient);
    await this.submit();
    await expect(this.page.getByTestId('patient-name')).toHaveText(patient.name);
  }

  duplicateWarning() {
    return this.page.getByTestId('duplicate-warning');
  }

  idNumberShown() {
    return this.page.getByTestId('patient-id-number');
  }
}
