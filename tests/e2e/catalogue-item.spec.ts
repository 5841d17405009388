import { expect, type Page } from '@playwright/test';
import { catalogueFileRows } from '../../shared/demo/catalogue-file';
import { generateCatalogue } from '../../shared/demo/generate-catalogue';
import { fen, formatYuan } from '../../shared/money';
import { writeCsv } from './catalogue-files';
import { setUpClinic, test } from './fixtures';
import { AuditPage } from './pages/audit-page';
import { CataloguePage } from './pages/catalogue-page';
import { pageToday } from './pages/today-page';
import { shoot } from './screenshots';

const LIST = generateCatalogue('e2e', 40);
const AMOXICILLIN = LIST.find((e) => e.name === '阿莫西林胶囊')!;
const IMPLANT = { code: 'C1309ZZ001', name: '种植体（士卓曼 BLT）', unit: '颗', price: '6800' };

/** What each language says where this spec checks words; everything else goes by test id. */
const WORDS = {
  'zh-CN': {
    material: '医用耗材',
    required: '请填写名称。',
    taken: `编码 ${AMOXICILLIN.code} 在这个版本中已经有了（阿莫西林胶囊）`,
    decimals: '“12.345”有三位或更多小数，价格只能精确到分。',
    ratioRequired: '乙类项目必须填写自付比例',
    total: '共 41 项',
    later: '2027-01-01 起将换用另一个版本',
    added: `新增：${IMPLANT.code} ${IMPLANT.name}`,
    selfPay: '自费',
    unchanged: '还没有改动。',
    priceChange: `单价：¥${formatYuan(fen(AMOXICILLIN.priceFen))} → ¥11.80`,
    coverageChange: '医保类别：甲类 → 乙类 自付 10%',
    edited: `修改：${AMOXICILLIN.code} 阿莫西林胶囊`,
    classB: '乙类 自付 10%',
    auditPrice: `单价：¥${formatYuan(fen(AMOXICILLIN.priceFen))} → ¥11.80`,
    auditCoverage: '医保类别：甲类 → 乙类',
    auditRatio: '自付比例：0% → 10%',
  },
  en: {
    material: 'Medical material',
    required: 'Enter the name.',
    taken: `Code ${AMOXICILLIN.code} is already in this version (阿莫西林胶囊)`,
    decimals: '"12.345" has three or more decimals; prices are exact to the fen.',
    ratioRequired: 'A class B item needs a self-pay ratio',
    total: '41 in all',
    later: 'from 2027-01-01 another version',
    added: `Added: ${IMPLANT.code} ${IMPLANT.name}`,
    selfPay: 'Self-pay',
    unchanged: 'Nothing changed yet.',
    priceChange: `Price: ¥${formatYuan(fen(AMOXICILLIN.priceFen))} → ¥11.80`,
    coverageChange: 'Coverage: Class A → Class B, self-pay 10%',
    edited: `Changed: ${AMOXICILLIN.code} 阿莫西林胶囊`,
    classB: 'Class B, self-pay 10%',
    auditPrice: `Price: ¥${formatYuan(fen(AMOXICILLIN.priceFen))} → ¥11.80`,
    auditCoverage: 'Coverage: Class A → Class B',
    auditRatio: 'Self-pay share: 0% → 10%',
  },
} as const;

/** A dialog's opening animation must end before the picture is taken. */
const settled = (page: Page) => page.waitForFunction(() => document.getAnimations().length === 0);

for (const language of ['zh-CN', 'en'] as const) {
  test(`the officer adds an implant and changes a price, each a new version (${language})`, async ({
    page,
  }, testInfo) => {
    // Setup, two imports, two changes and the audit log: longer than most specs on a busy PC.
    test.slow();
    const words = WORDS[language];
    const csv = writeCsv(testInfo.outputPath('目录.csv'), catalogueFileRows(LIST));
    await setUpClinic(page);
    if (language === 'en') await page.getByText('EN', { exact: true }).click();
    const catalogue = new CataloguePage(page);
    await page.goto('/#/catalogue');
    await catalogue.import(csv, '2026-01-01');
    // The bureau's next list is already in: a change now is lost when it takes over.
    await catalogue.import(csv, '2027-01-01');
    await catalogue.version('2026-01-01').click();
    const day = await pageToday(page);

    // Add: every box says what is wrong with it, and nothing is saved.
    await catalogue.openItemDialog();
    await catalogue.dialog().getByTestId('item-submit').click();
    await expect(catalogue.itemError('name')).toHaveText(words.required);
    await catalogue.fillItem({
      code: AMOXICILLIN.code.toLowerCase(),
      price: '12.345',
      coverage: 'class-b',
    });
    await catalogue.itemField('ratio').fill('');
    await catalogue.dialog().getByTestId('item-submit').click();
    await expect(catalogue.itemError('code')).toContainText(words.taken);
    await expect(catalogue.itemError('price')).toHaveText(words.decimals);
    await expect(catalogue.itemError('ratio')).toContainText(words.ratioRequired);
    await settled(page);
    await shoot(page, language, 'catalogue-item-1-add-errors');

    await catalogue.fillItem({ ...IMPLANT, categoryLabel: words.material, coverage: 'self-pay' });
    await expect(catalogue.itemError('code')).toHaveCount(0);
    await expect(catalogue.dialog().getByTestId('item-effect')).toContainText(day);
    await expect(catalogue.dialog().getByTestId('item-effect')).toContainText(words.total);
    await expect(catalogue.dialog().getByTestId('item-later-version')).toContainText(words.later);
    await shoot(page, language, 'catalogue-item-2-add-filled');
    await catalogue.saveItem();

    // The new version is in force from today and the list shows the new item at once.
    const added = catalogue.version(day);
    await expect(added).toContainText(words.added);
    await expect(catalogue.searchBox()).toHaveValue(IMPLANT.code);
    await expect(catalogue.item(IMPLANT.code)).toContainText('¥6800.00');
    await expect(catalogue.item(IMPLANT.code)).toContainText(words.selfPay);
    await shoot(page, language, 'catalogue-item-3-added');

    // Edit: the dialog shows before → after as the officer types.
    await catalogue.searchBox().fill('amxl');
    await catalogue.openItemDialog(AMOXICILLIN.code);
    await expect(catalogue.itemField('code')).toBeDisabled();
    await expect(catalogue.dialog().getByTestId('item-changes')).toContainText(words.unchanged);
    await catalogue.fillItem({ price: '11.80', coverage: 'class-b', ratio: '10' });
    await expect(catalogue.dialog().getByTestId('item-change')).toHaveText([
      words.priceChange,
      words.coverageChange,
    ]);
    await settled(page);
    await shoot(page, language, 'catalogue-item-4-edit');
    await catalogue.saveItem();

    await expect(catalogue.version(day).first()).toContainText(words.edited);
    await expect(catalogue.item(AMOXICILLIN.code)).toContainText('¥11.80');
    await expect(catalogue.item(AMOXICILLIN.code)).toContainText(words.classB);
    await shoot(page, language, 'catalogue-item-5-edited');

    // What was saved: two new versions, each the whole list plus its one change, each queued for
    // the other PCs with its audit event and items; the versions before stay as they were.
    const [edited, withImplant, next, january] = await catalogue.stored();
    expect([edited, withImplant, next, january].map((v) => v!.items.length)).toEqual([
      41, 41, 40, 40,
    ]);
    expect(edited).toMatchObject({ effectiveFrom: day, change: { kind: 'edit' } });
    expect(withImplant).toMatchObject({ effectiveFrom: day, change: { kind: 'add' } });
    const amoxicillin = (v: typeof edited) => v!.items.find((i) => i.code === AMOXICILLIN.code);
    expect(amoxicillin(edited)).toMatchObject({ priceFen: 1180, selfPayRatioBp: 1000 });
    expect(amoxicillin(withImplant)).toMatchObject({ priceFen: AMOXICILLIN.priceFen });
    expect(amoxicillin(january)).toMatchObject({ priceFen: AMOXICILLIN.priceFen });
    expect(withImplant!.items.find((i) => i.code === IMPLANT.code)).toMatchObject({
      priceFen: 680_000,
      coverage: 'self-pay',
      category: 'material',
    });
    for (const version of [edited, withImplant])
      expect(version!.outbox.sort()).toEqual([
        'auditEvents',
        'catalogueItems',
        'catalogueVersions',
      ]);

    // The audit log names the item and what changed in it.
    const audit = new AuditPage(page);
    await audit.open();
    const changed = audit.rowsWithAction('update').filter({ hasText: AMOXICILLIN.code });
    // In the owner's words: money in yuan, the class and the share as the catalogue says them.
    await expect(changed).toContainText(words.auditPrice);
    await expect(changed).toContainText(words.auditCoverage);
    await expect(changed).toContainText(words.auditRatio);
    await expect(audit.rowsWithAction('create').filter({ hasText: IMPLANT.code })).toHaveCount(1);
    await shoot(page, language, 'catalogue-item-6-audit');
    // The stored values one switch away, for the insurance inspector.
    await page.getByTestId('audit-raw').click();
    await expect(changed).toContainText(
      new RegExp(`priceFen[:：] ?${AMOXICILLIN.priceFen} → 1180`),
    );
    await expect(changed).toContainText(/coverage[:：] ?class-a → class-b/);
    await shoot(page, language, 'catalogue-item-7-audit-raw');
  });
}
