import type { Page } from '@playwright/test';
import { DEMO_CLINIC, SetupWizardPage } from './pages/setup-wizard-page';

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
