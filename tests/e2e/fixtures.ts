import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { watchPageErrors } from './page-errors';
import { DEMO_CLINIC, SetupWizardPage } from './pages/setup-wizard-page';

type Workstation = { context: BrowserContext; page: Page };

/**
 * Playwright's test, whose pages report their errors when the test fails (page-errors.ts), with
 * `newWorkstation`: a second PC (its own browser context, so its own IndexedDB) in the same
 * language, time zone and window size as the first, closed when the test ends.
 */
export const test = base.extend<{ newWorkstation: (name: string) => Promise<Workstation> }>({
  page: async ({ page }, use, testInfo) => {
    const report = watchPageErrors(page, testInfo);
    await use(page);
    report();
  },
  newWorkstation: async ({ browser }, use, testInfo) => {
    const opened: { context: BrowserContext; report: () => void }[] = [];
    await use(async (name) => {
      const { baseURL, viewport } = testInfo.project.use;
      const context = await browser.newContext({
        baseURL,
        viewport,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      const page = await context.newPage();
      opened.push({ context, report: watchPageErrors(page, testInfo, name) });
      return { context, page };
    });
    for (const { context, report } of opened) {
      report();
      await context.close();
    }
  },
});

/** A clinic set up through the wizard, with its owner logged in. */
export const setUpClinic = async (page: Page) => {
  await new SetupWizardPage(page).complete(DEMO_CLINIC);
  return DEMO_CLINIC;
};

/** Fails the test if the page ever opens an alert(): markup typed into a field must stay text. */
export const failOnDialogs = (page: Page) => {
  page.on('dialog', (dialog) => {
    throw new Error(`unexpected dialog: ${dialog.message()}`);
  });
};
