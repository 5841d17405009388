import { expect } from '@playwright/test';
import type { CatalogueEntry } from '../../shared/catalogue/catalogue';
import { catalogueFileRows } from '../../shared/demo/catalogue-file';
import { generateCatalogue } from '../../shared/demo/generate-catalogue';
import { writeCsv, writeXlsx } from './catalogue-files';
import { setUpClinic, test } from './fixtures';
import { CataloguePage } from './pages/catalogue-page';
import { pageToday } from './pages/today-page';

// The demo list starts with the plain dental and general items: 阿莫西林胶囊 is the first.
const CLINIC_LIST = generateCatalogue('e2e', 150);
const byName = (name: string) => CLINIC_LIST.find((e) => e.name === name)!;
const AMOXICILLIN = byName('阿莫西林胶囊');
const ROOT_CANAL = byName('根管治疗术（单根管）');
const SCALING = byName('龈上洁治术（洗牙）');
const HEADER = ['编码', '名称', '类别', '单位', '单价(元)', '医保类别', '自付比例', '限定支付'];

test('the owner imports a UTF-8 CSV and finds items by code, 汉字 and pinyin initials', async ({
  page,
}, testInfo) => {
  const csv = writeCsv(testInfo.outputPath('目录-utf8.csv'), catalogueFileRows(CLINIC_LIST));
  await setUpClinic(page);
  const catalogue = new CataloguePage(page);
  await catalogue.open();
  await expect(page.getByTestId('catalogue-empty')).toBeVisible();

  await catalogue.choose(csv);
  await expect(catalogue.summary()).toContainText('150 行数据，150 行可导入');
  await expect(catalogue.dialog().getByTestId('import-preview')).toContainText('阿莫西林胶囊');
  await catalogue.submit().click();
  await expect(catalogue.dialog()).toBeHidden();

  // The date picker starts on the clinic's today.
  const day = await pageToday(page);
  await expect(catalogue.version(day)).toContainText('生效中');
  await expect(catalogue.version(day)).toContainText('150');
  await catalogue.find(ROOT_CANAL.code.slice(0, 6), ROOT_CANAL.code);
  await catalogue.find('阿莫西林', AMOXICILLIN.code);
  await expect(catalogue.item(AMOXICILLIN.code)).toContainText('甲类');
  await catalogue.find('根管', ROOT_CANAL.code);
  await expect(catalogue.item(ROOT_CANAL.code)).toContainText(/乙类 自付 \d+%/);
  await catalogue.find('amxl', AMOXICILLIN.code);
  // A word in the middle of a name, in 汉字 or pinyin: 洗牙 is what the patient calls 洁治.
  await catalogue.find('洗牙', SCALING.code);
  await catalogue.find('洁治', SCALING.code);
  await catalogue.find('jiezhi', SCALING.code);
  // Best first: the item whose name starts with 牙 before those holding it further in.
  await catalogue.searchBox().fill('牙');
  await expect(catalogue.itemRows().first()).toContainText('牙片（根尖片）');
  await expect(catalogue.itemRows()).toContainText(['牙片（根尖片）', '牙周塞治剂']);
  await catalogue.searchBox().fill('zzzz');
  await expect(page.getByText('没有找到与“zzzz”匹配的项目。')).toBeVisible();
});

test('a GBK CSV from Excel and an .xlsx with its own effective date make two versions', async ({
  page,
}, testInfo) => {
  const january = CLINIC_LIST.slice(0, 40);
  const july: CatalogueEntry[] = january.map((e) =>
    e.code === AMOXICILLIN.code ? { ...e, priceFen: 990 } : e,
  );
  const gbk = writeCsv(testInfo.outputPath('目录-gbk.csv'), catalogueFileRows(january), 'gbk');
  const xlsx = await writeXlsx(
    testInfo.outputPath('目录-2026年7月.xlsx'),
    catalogueFileRows(july, { effectiveFrom: '2026-07-01' }),
  );
  await setUpClinic(page);
  const catalogue = new CataloguePage(page);
  await catalogue.open();

  await catalogue.choose(gbk);
  await expect(catalogue.summary()).toContainText('（GBK）：40 行数据');
  await catalogue.setEffectiveFrom('2026-01-01');
  await catalogue.submit().click();
  await expect(catalogue.dialog()).toBeHidden();

  await catalogue.choose(xlsx);
  await expect(catalogue.summary()).toContainText('（Excel）：40 行数据');
  // The file gives the date: the picker shows it and cannot change it.
  await expect(catalogue.dialog().getByTestId('import-effective-from')).toBeDisabled();
  await expect(catalogue.dialog().getByTestId('import-effective-from')).toHaveValue('2026-07-01');
  await catalogue.submit().click();
  await expect(catalogue.dialog()).toBeHidden();

  await expect(catalogue.version('2026-07-01')).toContainText('生效中');
  await expect(catalogue.version('2026-01-01')).toContainText('已被取代');
  await catalogue.find('阿莫西林', AMOXICILLIN.code);
  await expect(catalogue.item(AMOXICILLIN.code)).toContainText('¥9.90');

  await catalogue.version('2026-01-01').click();
  await expect(page.getByTestId('catalogue-browsing')).toContainText('2026-01-01');
  await catalogue.find('amxl', AMOXICILLIN.code);
  await expect(catalogue.item(AMOXICILLIN.code)).not.toContainText('¥9.90');

  // The same file again is allowed, with a warning: a corrected import is a new version.
  await catalogue.choose(gbk);
  await expect(catalogue.dialog().getByTestId('import-same-file')).toContainText('已经导入过');
  await expect(catalogue.submit()).toBeEnabled();
});

test('a bad file shows every problem by line and column, and imports nothing', async ({
  page,
}, testInfo) => {
  const rows = catalogueFileRows(CLINIC_LIST.slice(0, 6));
  rows[2]![4] = '12.345';
  rows[3]![0] = rows[1]![0]!;
  rows[4]![5] = '丁类';
  rows[5]![6] = '150%';
  const bad = writeCsv(testInfo.outputPath('有错的目录.csv'), rows, 'gbk');
  const noCategory = writeCsv(
    testInfo.outputPath('缺列.csv'),
    rows.map((row) => row.filter((_, i) => i !== 2)),
  );
  const xls = testInfo.outputPath('旧目录.xls');
  writeCsv(xls, [HEADER]);
  await setUpClinic(page);
  const catalogue = new CataloguePage(page);
  await catalogue.open();

  await catalogue.choose(bad);
  await expect(catalogue.errors()).toHaveText([
    '第 3 行，第 5 列（单价(元)）：“12.345”有三位或更多小数，价格只能精确到分。',
    `第 4 行，第 1 列（编码）：编码“${rows[1]![0]}”与第 2 行重复。`,
    '第 5 行，第 6 列（医保类别）：“丁类”不是已知的医保类别（甲类、乙类、自费）。',
    '第 6 行，第 7 列（自付比例）：“150%”超出 0–100% 的范围。',
  ]);
  await expect(catalogue.submit()).toBeDisabled();

  await catalogue.dialog().getByTestId('import-another').click();
  await catalogue.dialog().locator('input[type=file]').setInputFiles(noCategory);
  await expect(catalogue.errors()).toHaveText(['第 1 行：缺少“类别”列。请检查表头是否写错。']);

  await catalogue.dialog().getByTestId('import-another').click();
  await catalogue.dialog().locator('input[type=file]').setInputFiles(xls);
  await expect(catalogue.dialog().getByTestId('import-file-failed')).toContainText('旧版 Excel');

  await page.keyboard.press('Escape');
  await expect(catalogue.dialog()).toBeHidden();
  await expect(page.getByTestId('catalogue-empty')).toBeVisible();
});
