import { expect, type Page } from '@playwright/test';

/** The insurance catalogue screen and its import dialog, as the insurance officer uses them. */
export class CataloguePage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/#/catalogue');
    await expect(this.page.getByRole('heading', { name: '医保目录', exact: true })).toBeVisible();
  }

  dialog() {
    return this.page.getByRole('dialog');
  }

  /** Opens the import dialog and chooses a file; the preview or the file's problem follows. */
  async choose(path: string) {
    await this.page.getByTestId('catalogue-import').click();
    await this.dialog().locator('input[type=file]').setInputFiles(path);
  }

  summary() {
    return this.dialog().getByTestId('import-summary');
  }

  errors() {
    return this.dialog().getByTestId('import-error');
  }

  submit() {
    return this.dialog().getByTestId('import-submit');
  }

  async setEffectiveFrom(date: string) {
    const picker = this.dialog().getByTestId('import-effective-from');
    await picker.click();
    await picker.fill(date);
    await picker.press('Enter');
  }

  /** Chooses a clean file, sets the date when the file has none, imports, waits for the version. */
  async import(path: string, effectiveFrom?: string) {
    await this.choose(path);
    await expect(this.summary()).toBeVisible();
    if (effectiveFrom) await this.setEffectiveFrom(effectiveFrom);
    await this.submit().click();
    await expect(this.dialog()).toBeHidden({ timeout: 20_000 });
  }

  version(effectiveFrom: string) {
    return this.page.getByTestId(`catalogue-version-${effectiveFrom}`);
  }

  searchBox() {
    return this.page.getByTestId('catalogue-search');
  }

  item(code: string) {
    return this.page.getByTestId(`catalogue-item-${code}`);
  }

  itemRows() {
    return this.page.locator('[data-testid^="catalogue-item-"]');
  }

  /** Types a query and waits until the list shows the item with `code`. */
  async find(query: string, code: string) {
    await this.searchBox().fill(query);
    await expect(this.item(code)).toBeVisible();
  }
}
