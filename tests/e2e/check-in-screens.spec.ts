import { expect } from '@playwright/test';
import { setUpClinic, test } from './fixtures';
import { shoot } from './screenshots';
import { givePhoto, patchPatient, seedPatients, TodayPage } from './pages/today-page';

/**
 * The check-in screens in both languages, saved for people to look at (tests/e2e/screenshots/),
 * and checked for untranslated keys (i18next shows "visits.panel.title" when a text is missing).
 */
for (const language of ['zh-CN', 'en'] as const) {
  test(`the check-in screens render translated in ${language}`, async ({ page }) => {
    test.slow(); // a whole morning at the desk: four checks, an override, a review
    await setUpClinic(page);
    const [clean, flagged, failed] = await seedPatients(page);
    if (!clean || !flagged || !failed) throw new Error('seed gave too few patients');
    await givePhoto(page, clean.id);
    // The sex on file contradicts the one the ID number encodes (odd 17th digit: male).
    await patchPatient(page, flagged.id, {
      sex: Number(flagged.idNumber.at(-2)) % 2 === 1 ? 'female' : 'male',
    });
    if (language === 'en') await page.getByText('EN', { exact: true }).click();

    const today = new TodayPage(page);
    const { panel } = today;
    await today.open();
    await today.checkIn(clean);
    await panel.swipeDocument(clean.idNumber);
    await panel.swipeCard(clean.cardNumber);
    await panel.confirmPerson();
    await shoot(page, language, '50-verification-ready');
    await panel.verifyButton().click();
    await panel.expectClosed();

    await today.checkIn(flagged);
    await panel.swipeDocument(flagged.idNumber);
    await page.getByTestId('card-number').fill(failed.cardNumber);
    await shoot(page, language, '51-verification-flags');
    await page.getByTestId('outcome-failed').click();
    await page.getByTestId('outcome-confirm').click();
    await expect(panel.fieldError()).toBeVisible();
    await shoot(page, language, '52-verification-fail-reason');
    await page
      .getByTestId('outcome-reason')
      .fill(language === 'en' ? 'Card belongs to someone else' : '出示的医保卡属于他人');
    await page.getByTestId('outcome-confirm').click();
    await panel.expectClosed();

    await today.checkIn(failed);
    await page.getByTestId('outcome-overridden').click();
    await page.getByTestId('override-username').fill('lina');
    await page.getByTestId('override-password').fill('not-the-password');
    await page
      .getByTestId('outcome-reason')
      .fill(language === 'en' ? 'Known patient' : '老患者，已电话核实');
    await page.getByTestId('outcome-confirm').click();
    await expect(panel.fieldError()).toBeVisible();
    await shoot(page, language, '53-verification-override-refused');
    await page.getByTestId('override-password').fill('Owner#2026');
    await page.getByTestId('outcome-confirm').click();
    await panel.expectClosed();

    await today.row(clean).getByTestId('reconfirm-pharmacist').click();
    await expect(page.getByTestId('reconfirm-note')).toBeFocused();
    await shoot(page, language, '54-today-reconfirm');
    await page.keyboard.press('Enter');
    await expect(today.row(clean).getByTestId('pharmacist-done')).toBeVisible();
    await shoot(page, language, '55-today');
    // Each column's header on one line, even in the desktop window's narrowest size (1024 px):
    // 医生复核 and 取药核对 used to break in two.
    await page.setViewportSize({ width: 1024, height: 768 });
    const headerLines = await page
      .locator('.ant-table')
      .filter({ has: today.row(clean) })
      .locator('thead th')
      .evaluateAll((cells) =>
        cells.map((cell) => {
          const tops = new Set<number>();
          const texts = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
          for (let node = texts.nextNode(); node; node = texts.nextNode()) {
            const range = document.createRange();
            range.selectNodeContents(node);
            for (const rect of range.getClientRects()) tops.add(Math.round(rect.top));
          }
          return tops.size;
        }),
      );
    expect(headerLines.length).toBeGreaterThan(5);
    expect(Math.max(...headerLines)).toBeLessThanOrEqual(1);
    await shoot(page, language, '55-today-narrow');
    await page.setViewportSize({ width: 1366, height: 800 });

    await page.getByRole('tab').nth(1).click();
    await expect(today.reviewItems()).toHaveCount(2);
    await today.reviewItems().first().getByTestId('mark-reviewed').click();
    await expect(today.reviewItems().first().getByTestId('reviewed-by')).toBeVisible();
    await shoot(page, language, '56-daily-review');
  });
}
