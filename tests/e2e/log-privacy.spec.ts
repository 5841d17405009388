import { expect } from '@playwright/test';
import { residentCheckCharacter } from '../../shared/identity/id-number';
import { setUpClinic, test } from './fixtures';
import { leaksIn, watchConsole } from './log-privacy';
import { PatientsPage } from './pages/patients-page';

/**
 * Every test's pages have their console checked for patient data when the test ends
 * (fixtures.ts). This is the check itself, on a page of its own (the test's page would fail it).
 */
test('the console check finds a patient name, ID number or phone number written to the console', async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  const lines = watchConsole(page);
  await setUpClinic(page);
  const idNumber = '44030519850607123' + residentCheckCharacter('44030519850607123');
  await new PatientsPage(page).register({
    name: '慕容秋水',
    idNumber,
    sex: '男',
    phone: '13812345678',
  });
  expect(await leaksIn(page, lines)).toEqual([]);

  await page.evaluate((id) => {
    console.warn('saved the record of 慕容秋水');
    console.warn(`lookup failed for ${id.slice(0, 6)} ${id.slice(6)}`); // split: only its parts
    console.error(new Error(`bad id ${id}`).message);
    console.warn('call back 13900001111'); // any mobile number, held or not
    console.warn('saved 3 records in 12 ms at 1764000000000'); // a timestamp is no phone
  }, idNumber);
  await expect
    .poll(async () => leaksIn(page, lines))
    .toEqual([
      'console.warning: saved the record of 慕容秋水',
      `console.error: bad id ${idNumber}`,
      'console.warning: call back 13900001111',
    ]);
  await context.close();
});
