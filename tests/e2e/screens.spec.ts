import { setUpClinic, test } from './fixtures';
import { shoot } from './screenshots';
import { SetupWizardPage } from './pages/setup-wizard-page';
import { StaffPage } from './pages/staff-page';

/**
 * Every screen in both languages, saved for people to look at (tests/e2e/screenshots/), and
 * checked for untranslated keys: i18next shows a key such as "staff.add" when a text is missing.
 */
for (const language of ['zh-CN', 'en'] as const) {
  test(`every screen renders translated in ${language}`, async ({ page }) => {
    const wizard = new SetupWizardPage(page);
    await wizard.open();
    if (language === 'en') await page.getByText('English', { exact: true }).click();
    await shoot(page, language, '01-wizard-language');
    await page.locator('button[type=submit]').click();
    await page.locator('button[type=submit]').click();
    await shoot(page, language, '02-wizard-clinic-errors');

    // The rest of the walk in Chinese-labelled steps is done by the fixture; switch language after.
    await page.evaluate(() => localStorage.setItem('clinicdesk.language', 'zh-CN'));
    await page.reload();
    await setUpClinic(page);
    if (language === 'en') await page.getByText('EN', { exact: true }).click();

    for (const screen of [
      'today',
      'patients',
      'consents',
      'records',
      'complaints',
      'backups',
      'sync',
      'audit',
      'settings',
    ]) {
      await page.goto(`/#/${screen}`);
      await shoot(page, language, `10-${screen}`);
    }
    const staff = new StaffPage(page);
    await staff.open();
    await shoot(page, language, '20-staff');
    await page.getByTestId('staff-add').click();
    await page.getByRole('dialog').locator('button[type=submit]').click();
    await shoot(page, language, '21-staff-add-errors');
    await page.keyboard.press('Escape');

    await page.getByTestId('lock-now').click();
    await shoot(page, language, '30-lock');
    await page.getByRole('dialog').locator('input[type=password]').fill('Owner#2026');
    await page.keyboard.press('Enter');
    await page.getByTestId('logout').click();
    await page.locator('button[type=submit]').click();
    await shoot(page, language, '31-login-errors');
  });
}
