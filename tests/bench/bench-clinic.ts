import type { Page } from '@playwright/test';
import { LoginPage } from '../e2e/pages/login-page';
import { DEMO_CLINIC, SetupWizardPage } from '../e2e/pages/setup-wizard-page';

/**
 * The clinic a Chromium bench works in, set up through the wizard as an owner would. The harness
 * has opened the page already: the wizard's steps without its page.goto('/').
 */
export const setUpClinic = async (page: Page) => {
  const wizard = new SetupWizardPage(page);
  await wizard.next();
  await wizard.fillClinic(DEMO_CLINIC);
  await wizard.next();
  await wizard.fillOwner(DEMO_CLINIC);
  await wizard.next();
  await wizard.create();
  await page.getByTestId('signed-in-as').waitFor();
};

/** The login form filled in, not yet sent: the timed step clicks 登录 itself. */
export const fillLogin = async (page: Page) => {
  await new LoginPage(page).expectShown();
  await page.getByLabel('用户名').fill(DEMO_CLINIC.username);
  await page.getByLabel('密码').fill(DEMO_CLINIC.password);
};

export const logOut = async (page: Page) => {
  await page.getByTestId('logout').click();
  await new LoginPage(page).expectShown();
};

/** tsx (esbuild, keepNames) wraps named helpers in __name(), which a page lacks. */
export const allowNamedHelpers = (page: Page) => page.evaluate('globalThis.__name = (fn) => fn');
