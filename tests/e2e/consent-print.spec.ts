import { expect } from '@playwright/test';
import { setUpClinic, test } from './fixtures';
import {
  ConsentPage,
  looksPrinted,
  signDemoConsent,
  tamperWithAmount,
  voidDemoConsent,
} from './pages/consent-page';
import { shoot } from './screenshots';

test.describe.configure({ timeout: 120_000 });

test('a signed 30-item notice prints on A4 and A5 in Chinese, with the header on every page', async ({
  page,
}) => {
  await setUpClinic(page);
  const notice = await signDemoConsent(page, { items: 30, patientName: '林晓燕' });
  const view = new ConsentPage(page);
  await view.open(notice.consentId);

  const doc = view.document();
  await expect(doc.locator('.notice-title')).toHaveText('自费项目知情同意书');
  await expect(doc.locator('tbody.notice-item')).toHaveCount(30);
  await expect(doc).toContainText('林晓燕');
  await expect(doc).toContainText(notice.selfPayTotal);
  await expect(doc.locator('.notice-ink')).toHaveCount(2);
  await expect(view.tamperWarning()).toHaveCount(0);
  await shoot(page, 'zh-CN', '40-consent-notice');

  const a4 = await view.printToPdf('A4', 'notice-30-a4');
  expect(a4.pages).toBeGreaterThanOrEqual(2);
  expect(a4.pngs).toHaveLength(a4.pages);
  for (const png of a4.pngs) expect(looksPrinted(png), png).toBe(true);
  for (const text of ['自费项目知情同意书', '林晓燕', notice.selfPayTotal, '接诊医生签字'])
    expect(a4.text).toContain(text);
  // The items table's header is repeated at the top of each page the table runs over.
  expect(a4.text.match(/项目名称/g)?.length).toBeGreaterThanOrEqual(2);
  // No app chrome on paper.
  expect(a4.text).not.toContain('退出登录');

  const a5 = await view.printToPdf('A5', 'notice-30-a5');
  expect(a5.pages).toBeGreaterThan(a4.pages);
  expect(a5.pngs).toHaveLength(a5.pages);
  expect(a5.text).toContain(notice.selfPayTotal);
});

test('a one-item notice fits on one A4 page', async ({ page }) => {
  await setUpClinic(page);
  const notice = await signDemoConsent(page, { items: 1, patientName: '周一' });
  const view = new ConsentPage(page);
  await view.open(notice.consentId);
  const a4 = await view.printToPdf('A4', 'notice-1-a4');
  expect(a4.pages).toBe(1);
  expect(looksPrinted(a4.pngs[0]!)).toBe(true);
  expect(a4.text).toContain(notice.selfPayTotal);
});

test('a notice changed after signing opens with a red warning and cannot be printed', async ({
  page,
}) => {
  await setUpClinic(page);
  const notice = await signDemoConsent(page, { items: 3 });
  const view = new ConsentPage(page);
  await view.open(notice.consentId);
  await expect(view.tamperWarning()).toHaveCount(0);

  await tamperWithAmount(page, notice.consentId);
  await page.goto('/#/consents');
  await view.open(notice.consentId);
  await expect(view.tamperWarning()).toContainText('此告知书在签字后被改动过');
  await expect(view.tamperWarning()).toContainText('请勿打印');
  await expect(page.getByRole('button', { name: /打印/ })).toBeDisabled();
  await shoot(page, 'zh-CN', '41-consent-tampered');
  await page.getByText('EN', { exact: true }).click();
  await expect(view.tamperWarning()).toContainText('changed after it was signed');
  await shoot(page, 'en', '41-consent-tampered');
});

test('the lists filter by patient and state and total the signed self-pay; the daily review shows unsigned items', async ({
  page,
}) => {
  await setUpClinic(page);
  const first = await signDemoConsent(page, { items: 2, patientName: '吴桂芳' });
  const second = await signDemoConsent(page, { items: 4, patientName: '郑国强' });
  const refused = await signDemoConsent(page, {
    items: 1,
    patientName: '冯丽',
    decision: 'refused',
  });
  await voidDemoConsent(page, second.consentId, '数量写错，重新签署');
  await signDemoConsent(page, { items: 3, patientName: '何晨', plannedOnly: true });

  await page.goto('/#/consents');
  const rows = page.getByTestId('consent-row');
  await expect(rows).toHaveCount(3);
  const totals = page.getByTestId('consent-totals');
  await expect(totals).toContainText('共 3 份：已签署 1，已拒绝 1，已作废 1');
  await expect(totals).toContainText(`¥${first.selfPayTotal}`);
  await shoot(page, 'zh-CN', '42-consent-list');

  await page.getByTestId('consent-filter-state').click();
  await page.getByTitle('已作废', { exact: true }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('郑国强');
  await page.getByTestId('consent-filter-today').click();
  await expect(rows).toHaveCount(3);

  await page.getByTestId('consent-filter-patient').click();
  await page.keyboard.type('冯');
  await page.getByTitle(/冯丽/).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-state', 'refused');
  await expect(totals).toContainText('共 1 份');
  expect(refused.consentId).toBeTruthy();

  // The voided notice says who, when and why; no corrected version exists yet.
  await page.goto(`/#/consents/${second.consentId}`);
  const view = new ConsentPage(page);
  await expect(view.voidedBanner()).toContainText('数量写错，重新签署');
  await expect(view.voidedBanner()).toContainText('尚未签署更正后的新版本');

  await page.goto('/#/consents');
  await page.getByRole('tab', { name: /今日未签字/ }).click();
  // 何晨's 3 planned items, and the items of the voided and the refused notices: a voided notice
  // covers nothing, and a patient who refused may change their mind.
  await expect(page.getByTestId('unsigned-item')).toHaveCount(3 + 4 + 1);

  await page.goto('/#/today/review');
  const card = page.getByTestId('unsigned-self-pay-card');
  await expect(card.getByTestId('unsigned-item')).toHaveCount(8);
  await expect(card).toContainText('何晨');
  await shoot(page, 'zh-CN', '43-today-unsigned');
  await page.getByText('EN', { exact: true }).click();
  await expect(card).toContainText('Unsigned self-pay items (8)');
  await shoot(page, 'en', '43-today-unsigned');
  await page.goto('/#/consents');
  await shoot(page, 'en', '42-consent-list');
  await page.goto(`/#/consents/${first.consentId}`);
  await shoot(page, 'en', '40-consent-notice');

  await page.goto('/#/today/review');
  const visitId = await card.getByTestId('unsigned-item').first().getAttribute('data-visit');
  await card.getByTestId('open-plan').first().click();
  await expect(page).toHaveURL(new RegExp(`#/consents/visit/${visitId}$`));
});
