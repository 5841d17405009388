import { expect, type Page } from '@playwright/test';
import { residentCheckCharacter } from '../../shared/identity/id-number';
import { setUpClinic, test } from './fixtures';
import { shoot } from './screenshots';

/**
 * The patients screens in both languages, saved for people to look at (tests/e2e/screenshots/)
 * and checked for untranslated keys. Boxes are found by id here: their labels change language.
 */
const ID_NUMBER = (() => {
  const first17 = '44030519880615241';
  return first17 + residentCheckCharacter(first17);
})();

/** A portrait drawn in the page, as a PNG file the "choose an image" button can take. */
const portraitPng = async (page: Page): Promise<Buffer> => {
  const base64 = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 300;
    canvas.height = 400;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#dbeafe';
    g.fillRect(0, 0, 300, 400);
    g.fillStyle = '#f5d0a9';
    g.beginPath();
    g.ellipse(150, 170, 80, 100, 0, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#1f2937';
    g.fillRect(70, 330, 160, 70);
    return canvas.toDataURL('image/png').split(',')[1]!;
  });
  return Buffer.from(base64, 'base64');
};

const fillPatient = async (page: Page, name: string, language: string) => {
  await page.locator('#patient-name').fill(name);
  await page.locator('#patient-idNumber').fill(ID_NUMBER);
  await page.locator('#patient-phone').fill('13912348888');
  await page.locator('#patient-scheme label').first().click();
  await page.locator('#patient-insuredRegion-province').fill(language === 'en' ? 'Guang' : '广东');
  await page.getByTitle(/^(广东省|Guangdong)$/).click();
  await page.locator('#patient-insuredRegion-city').fill('深圳市');
  await page.locator('#patient-cardNumber').fill('C30000003');
};

for (const language of ['zh-CN', 'en'] as const) {
  test(`the patients screens render translated in ${language}`, async ({ page }) => {
    test.setTimeout(120_000);
    await setUpClinic(page);
    await page.evaluate(() =>
      (
        globalThis as unknown as {
          __clinicdeskDev: { seed: (n: number, d: string) => Promise<unknown> };
        }
      ).__clinicdeskDev.seed(400, '2026-11-22'),
    );
    if (language === 'en') await page.getByText('EN', { exact: true }).click();

    await page.goto('/#/patients');
    await shoot(page, language, '40-patients-search-hints');
    await page.getByTestId('patient-search').fill('z');
    await expect(page.getByTestId('patient-row').first()).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await shoot(page, language, '41-patients-search-results');

    await page.keyboard.press('Alt+N');
    await page.getByTestId('patient-submit').click();
    await page
      .locator('#patient-idNumber')
      .fill(`${ID_NUMBER.slice(0, 17)}0`.replace(ID_NUMBER, '1'));
    await page.locator('#patient-phone').fill('12345');
    await page.locator('#patient-phone').blur();
    await shoot(page, language, '42-patient-register-errors');

    await fillPatient(page, '陈静', language);
    await page.getByTestId('photo-file').setInputFiles({
      name: 'portrait.png',
      mimeType: 'image/png',
      buffer: await portraitPng(page),
    });
    await expect(page.getByTestId('photo-preview')).toBeVisible();
    await shoot(page, language, '43-patient-register-filled');
    await page.getByTestId('patient-submit').click();
    await expect(page.getByTestId('patient-name')).toHaveText('陈静');
    await expect(page.getByTestId('patient-photo')).toBeVisible();
    await shoot(page, language, '44-patient-page');

    await page.goto('/#/patients/new');
    await fillPatient(page, '陈晶', language);
    await page.getByTestId('patient-submit').click();
    await expect(page.getByTestId('duplicate-warning')).toBeVisible();
    await shoot(page, language, '45-patient-duplicate-warning');

    await page.goto('/#/patients?q=chenjing');
    // Exactly 陈静: the demo clinic may hold a 陈静晓 too.
    await page
      .getByTestId('patient-row')
      .filter({ has: page.getByText('陈静', { exact: true }) })
      .click();
    await page.getByTestId('patient-edit').click();
    await page.locator('#patient-name').fill('陈菁');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('patient-reason')).toBeVisible();
    await shoot(page, language, '46-patient-edit-reason');
  });
}
