import type { Page, TestInfo } from '@playwright/test';

/**
 * What a page said went wrong while a test drove it: uncaught errors and console errors. Printed
 * when the test fails, so that a failure on the CI machine, where no one can open the trace,
 * says more than "element not found".
 */
export const watchPageErrors = (page: Page, testInfo: TestInfo, name = 'page') => {
  const lines: string[] = [];
  page.on('pageerror', (error) => lines.push(`uncaught: ${error.stack ?? error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') lines.push(`console.error: ${message.text()}`);
  });
  page.on('crash', () => lines.push('the page crashed'));
  return () => {
    if (testInfo.status === testInfo.expectedStatus || lines.length === 0) return;
    console.error(`--- what ${name} reported (${lines.length}) ---\n${lines.join('\n')}`);
  };
};
