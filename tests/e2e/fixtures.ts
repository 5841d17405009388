import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { leaksIn, watchConsole } from './log-privacy';
import { watchPageErrors } from './page-errors';
import { DEMO_CLINIC, SetupWizardPage } from './pages/setup-wizard-page';

type Workstation = { context: BrowserContext; page: Page };

/**
 * When the pages think it is: a Wednesday morning in the clinic (Asia/Shanghai), whatever the
 * wall clock says, so that a run crossing the clinic's midnight cannot split a test's "today" in
 * two. Time flows from there as usual. A test can install its own time over it
 * (`page.clock.install`); `test.use({ pageTime: null })` keeps the real clock, for pages that
 * talk to a process with a real clock (the sync hub, which warns about a PC's wrong clock).
 */
export const PAGE_TIME = '2026-11-25T10:00:00+08:00';

/** The test's own time: `pageTime` when the test starts, flowing as the wall clock does. */
export type Timeline = { now(): number };

/**
 * Playwright's test, whose pages report their errors when the test fails (page-errors.ts) and
 * run at `pageTime`, with `newWorkstation`: a second PC (its own browser context, so its own
 * IndexedDB) in the same language, time zone, window size and time as the first, closed when the
 * test ends.
 */
export const test = base.extend<{
  pageTime: string | null;
  /**
   * One time for everything in the test: every workstation's pages (a PC opened a minute later
   * must not be a minute behind, or its later edits would lose) and an in-process hub.
   */
  timeline: Timeline;
  newWorkstation: (name: string) => Promise<Workstation>;
}>({
  pageTime: [PAGE_TIME, { option: true }],
  timeline: async ({ pageTime }, use) => {
    const offset = pageTime ? Date.parse(pageTime) - Date.now() : 0;
    await use({ now: () => Date.now() + offset });
  },
  page: async ({ page, pageTime, timeline }, use, testInfo) => {
    if (pageTime) await page.clock.install({ time: timeline.now() });
    const report = watchPageErrors(page, testInfo);
    const consoleLines = watchConsole(page);
    await use(page);
    report();
    await expectNoPatientData(page, consoleLines, 'page');
  },
  newWorkstation: async ({ browser, pageTime, timeline }, use, testInfo) => {
    const opened: {
      name: string;
      context: BrowserContext;
      page: Page;
      consoleLines: string[];
      report: () => void;
    }[] = [];
    await use(async (name) => {
      const { baseURL, viewport } = testInfo.project.use;
      const context = await browser.newContext({
        baseURL,
        viewport,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      if (pageTime) await context.clock.install({ time: timeline.now() });
      const page = await context.newPage();
      const consoleLines = watchConsole(page);
      opened.push({
        name,
        context,
        page,
        consoleLines,
        report: watchPageErrors(page, testInfo, name),
      });
      return { context, page };
    });
    for (const { name, context, page, consoleLines, report } of opened) {
      report();
      await expectNoPatientData(page, consoleLines, name);
      await context.close();
    }
  },
});

/** Fails the test when a page's console carried patient data (issue 10.13: none in logs). */
const expectNoPatientData = async (page: Page, lines: readonly string[], name: string) => {
  const leaks = await leaksIn(page, lines);
  if (leaks.length > 0)
    throw new Error(`patient data in the console of ${name}:\n${leaks.join('\n')}`);
};

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
