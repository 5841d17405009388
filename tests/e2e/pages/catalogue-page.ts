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

  /** Opens the item dialog: a new item, or the 修改 button on the row of `code`. */
  async openItemDialog(code?: string) {
    if (code) await this.item(code).getByTestId('item-edit').click();
    else await this.page.getByTestId('item-add').click();
    await expect(this.dialog().getByTestId('item-effect')).toBeVisible();
  }

  itemField(name: ItemBox) {
    return this.dialog().getByTestId(`item-${name}`);
  }

  /** Types into the dialog's boxes; category by its label, coverage by its value. */
  async fillItem(values: ItemInput) {
    for (const box of ['code', 'name', 'unit', 'price', 'restriction'] as const) {
      const value = values[box];
      if (value !== undefined) await this.itemField(box).fill(value);
    }
    if (values.categoryLabel) {
      // A pick made while the list is still zooming open can leave it open over the form (a CI
      // run waited 6 minutes behind it): pick until the box shows it and the list is gone.
      const label = values.categoryLabel;
      const list = this.page.locator('.ant-select-dropdown:visible');
      await expect(async () => {
        if ((await list.count()) === 0) await this.itemField('category').click();
        await list.locator('.ant-select-item-option').filter({ hasText: label }).click({
          timeout: 2_000,
        });
        await expect(this.itemField('category')).toContainText(label, { timeout: 1_000 });
        await expect(list).toHaveCount(0, { timeout: 2_000 });
      }).toPass({ timeout: 30_000 });
    }
    if (values.coverage)
      await this.itemField('coverage')
        .locator(`label:has(input[value="${values.coverage}"])`)
        .click();
    if (values.ratio !== undefined) await this.itemField('ratio').fill(values.ratio);
  }

  /** The message shown under one box of the item dialog. */
  itemError(box: ItemBox) {
    return (
      this.dialog()
        .locator('.ant-form-item')
        // `has` looks inside each form item, so the box is named from the page, not the dialog.
        .filter({ has: this.page.getByTestId(`item-${box}`) })
        // While one message replaces another, the old one is still there, fading out.
        .locator('.ant-form-item-explain-error:not(.ant-form-show-help-item-leave)')
    );
  }

  async saveItem() {
    await this.dialog().getByTestId('item-submit').click();
    await expect(this.dialog()).toBeHidden({ timeout: 20_000 });
  }

  /** What the store holds, read in the page: the versions newest first, with their items. */
  stored() {
    return this.page.evaluate(async () => {
      type Table = { toArray(): Promise<Record<string, unknown>[]> };
      const dev = (globalThis as unknown as { __clinicdeskDev: { db: Record<string, Table> } })
        .__clinicdeskDev;
      const versions = await dev.db.catalogueVersions!.toArray();
      const items = await dev.db.catalogueItems!.toArray();
      const outbox = await dev.db.outbox!.toArray();
      return versions
        .sort((a, b) => String(b.hlc).localeCompare(String(a.hlc)))
        .map((version) => ({
          ...version,
          items: items.filter((item) => item.versionId === version.id),
          outbox: outbox.filter((entry) => entry.hlc === version.hlc).map((e) => e.table),
        }));
    });
  }
}

type ItemBox =
  'code' | 'name' | 'category' | 'unit' | 'price' | 'coverage' | 'ratio' | 'restriction';

export type ItemInput = Partial<
  Record<'code' | 'name' | 'unit' | 'price' | 'ratio' | 'restriction', string>
> & {
  categoryLabel?: string;
  coverage?: 'class-a' | 'class-b' | 'self-pay';
};
