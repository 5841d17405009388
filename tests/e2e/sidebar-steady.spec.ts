import { expect } from '@playwright/test';
import { setUpClinic, test } from './fixtures';
import { LoginPage } from './pages/login-page';
import { ShellPage } from './pages/shell-page';
import { seedBusyDay } from './pages/today-page';

type Drawn = { x: number; y: number; width: number; height: number; clinicName: string };
type Seen = { __patientsItem: Drawn[] };

test('on a busy day the sidebar keeps its place while the clinic name arrives: a quick click on 患者 after login opens 患者', async ({
  page,
}) => {
  test.slow(); // 1,500 patients written into the store first
  // Where 患者 is in the menu, and the clinic name above it, on every change of the page.
  await page.addInitScript(() => {
    const drawn: Drawn[] = [];
    Object.assign(globalThis, { __patientsItem: drawn });
    new MutationObserver(() => {
      const item = [...document.querySelectorAll('.app-sider [role="menuitem"]')].find(
        (el) => el.textContent.trim() === '患者',
      );
      const name = document.querySelector('[data-testid="clinic-name"]');
      if (!item || !name) return;
      const { x, y, width, height } = item.getBoundingClientRect();
      drawn.push({ x, y, width, height, clinicName: name.textContent });
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  const clinic = await setUpClinic(page);
  // The trial run's day: the store busy with the day's visits while the shell draws.
  await seedBusyDay(page, { patients: 1500, visits: 1200 });
  await new ShellPage(page).logout();
  await page.evaluate(() => ((globalThis as unknown as Seen).__patientsItem.length = 0));

  await new LoginPage(page).attempt(clinic.username, clinic.password);
  const first = await page.waitForFunction(() => (globalThis as unknown as Seen).__patientsItem[0]);
  const before = (await first.jsonValue())!;
  expect(before.clinicName, 'the menu was drawn before the clinic name was read').toBe('');
  // A person's quick click, aimed where 患者 was first drawn.
  await page.mouse.click(before.x + before.width / 2, before.y + before.height / 2);
  await expect(page).toHaveURL(/#\/patients$/);

  await expect(page.getByTestId('clinic-name')).toHaveText(clinic.clinicName);
  const after = await page.getByRole('menuitem', { name: '患者' }).boundingBox();
  const { clinicName: _, ...box } = before;
  expect(after).toEqual(box);
});
