import { expect } from '@playwright/test';
import { setUpClinic, test } from './fixtures';
import { LoginPage } from './pages/login-page';
import { ShellPage } from './pages/shell-page';

type Seen = { name: string; top: number }[];

test('the sidebar stands still while the clinic name arrives, so a quick click lands where aimed', async ({
  page,
}) => {
  // Where the menu's first item is, on every change of the page, from its first drawing on.
  await page.addInitScript(() => {
    const seen: { name: string; top: number }[] = [];
    Object.assign(globalThis, { __sidebarSeen: seen });
    new MutationObserver(() => {
      const item = document.querySelector('.app-sider .ant-menu-item');
      const name = document.querySelector('.app-sider .app-clinic');
      if (item && name)
        seen.push({ name: name.textContent ?? '', top: item.getBoundingClientRect().top });
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  const clinic = await setUpClinic(page);
  await new ShellPage(page).logout();
  await page.evaluate(
    () => ((globalThis as unknown as { __sidebarSeen: Seen }).__sidebarSeen.length = 0),
  );
  await new LoginPage(page).login(clinic.username, clinic.password, clinic.ownerName);
  await expect(page.locator('.app-sider .app-clinic')).toHaveText(clinic.clinicName);

  const seen = await page.evaluate(
    () => (globalThis as unknown as { __sidebarSeen: Seen }).__sidebarSeen,
  );
  expect(
    seen.some((s) => s.name === ''),
    'the menu was drawn before the name arrived',
  ).toBe(true);
  expect(seen.some((s) => s.name === clinic.clinicName)).toBe(true);
  expect(new Set(seen.map((s) => s.top)).size, JSON.stringify(seen)).toBe(1);
});

test('the header names the person and role once, and the PC in the chosen language', async ({
  page,
}) => {
  await setUpClinic(page);
  const header = page.locator('.app-header');
  await expect(page.getByTestId('signed-in-as')).toHaveText('李娜（负责人）');
  await expect(header.getByText('负责人')).toHaveCount(1);
  await expect(page.locator('.app-device')).toContainText('本机：浏览器模式');
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText('李娜 (Owner)');
  await expect(header.getByText('Owner')).toHaveCount(1);
  await expect(page.locator('.app-device')).toContainText('This PC: browser mode');
  await expect(page.locator('.app-device')).not.toContainText('Browser');
});

test('the app asks for nothing it lacks: no request of its own fails', async ({
  page,
  baseURL,
}) => {
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400 && response.url().startsWith(baseURL!))
      failed.push(`${response.status()} ${response.url()}`);
  });
  page.on('console', (message) => {
    if (message.text().includes('Failed to load resource')) failed.push(message.text());
  });
  const clinic = await setUpClinic(page);
  await new ShellPage(page).logout();
  await new LoginPage(page).login(clinic.username, clinic.password, clinic.ownerName);
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  expect(failed).toEqual([]);
});
