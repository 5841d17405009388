import { expect, type Page } from '@playwright/test';
import { setUpClinic, test } from './fixtures';
import { logInAsNew } from './pages/consent-chair-page';
import {
  clickNotice,
  ComplaintsCard,
  ComplaintsPage,
  shownNotices,
  stubNotifications,
} from './pages/complaints-page';
import { shoot } from './screenshots';

const DESK = {
  displayName: '王芳',
  username: 'wangfang',
  role: '前台',
  password: 'Front#Desk1',
  ownPassword: 'Wang#Fang2026',
};

/** Long jumps of the clock lock the idle PC: the owner unlocks it as at the desk. */
const unlock = async (page: Page, password: string) => {
  const box = page.getByRole('dialog').locator('input[type=password]');
  await expect(box).toBeVisible();
  await box.fill(password);
  await page.keyboard.press('Enter');
  await expect(box).toBeHidden();
};

test('a complaint becoming due soon, then overdue, shows on Today and is notified once each, for those who handle complaints only', async ({
  page,
}) => {
  test.slow(); // a clinic set up, two clock jumps with unlocking, a second login
  await page.context().grantPermissions(['notifications']);
  await stubNotifications(page);
  const owner = await setUpClinic(page); // Wednesday 2026-11-25 10:00 in Beijing
  const complaints = new ComplaintsPage(page);
  const card = new ComplaintsCard(page);
  await complaints.open();
  await complaints.fill({
    category: '医保结算/收费',
    name: '张先生',
    phone: '13800138000',
    description: '医保结算多收了一项检查费，要求退还。',
  });
  await complaints.save();
  await expect(complaints.rows()).toHaveCount(1);

  // On time: Today shows no card, and nothing was notified.
  await page.goto('/#/today');
  await expect(page.getByTestId('today-date')).toBeVisible();
  await expect(card.card()).toHaveCount(0);
  expect(await shownNotices(page)).toEqual([]);

  // Thursday 06:30: the first contact is due at 10:00, less than 4 hours away.
  await page.clock.fastForward('20:30:00');
  await unlock(page, owner.password);
  await expect(card.card()).toBeVisible();
  await expect(card.card()).toContainText('待处理投诉（1）');
  await expect(card.rows()).toHaveCount(1);
  await expect(card.rows().first()).toContainText('即将到期 · 首次联系');
  await expect(card.rows().first()).toContainText('2026-11-25 10:00');
  await expect(card.rows().first()).toContainText('医保结算/收费');
  await expect(card.rows().first()).toContainText('张先生');
  await expect(card.rows().first()).toContainText('时限 2026-11-26 10:00');
  await expect
    .poll(() => shownNotices(page))
    .toEqual([
      { title: '投诉即将超时', body: '医保结算/收费 · 首次联系时限 2026-11-26 10:00（北京时间）' },
    ]);
  // The browser already allows notifications: nothing to ask.
  await expect(page.getByTestId('complaint-notify-permission')).toHaveCount(0);
  await shoot(page, 'zh-CN', '130-today-complaints-card');
  await page.getByText('EN', { exact: true }).click();
  await expect(card.card()).toContainText('Complaint needing attention (1)');
  await shoot(page, 'en', '131-today-complaints-card');
  await page.getByText('中文', { exact: true }).click();
  await expect(card.card()).toContainText('待处理投诉（1）');

  // Another hour on: no second notice for the same state.
  await page.clock.fastForward('01:00:00');
  await unlock(page, owner.password);
  await expect(card.rows().first()).toContainText('即将到期');
  expect(await shownNotices(page)).toHaveLength(1);

  // 10:01: overdue, told once more; a click on the notice opens the complaint.
  await page.clock.fastForward('02:31:00');
  await unlock(page, owner.password);
  await expect(card.rows().first()).toContainText('已超期 · 首次联系');
  await expect.poll(() => shownNotices(page)).toHaveLength(2);
  expect((await shownNotices(page))[1]).toEqual({
    title: '投诉已超时',
    body: '医保结算/收费 · 首次联系时限 2026-11-26 10:00（北京时间）',
  });
  await page.clock.fastForward('00:02:00');
  expect(await shownNotices(page)).toHaveLength(2);
  await clickNotice(page, 1);
  await expect(page.getByTestId('complaint-facts')).toBeVisible();
  await expect(page).toHaveURL(/#\/complaints\/[^/]+$/);
  // The card's line opens the same complaint.
  await page.goto('/#/today');
  await card.card().getByTestId('complaints-card-open').click();
  await expect(page.getByTestId('complaint-facts')).toContainText('张先生');

  // The front desk records complaints but does not handle them: no card, no notice.
  await logInAsNew(page, DESK);
  await page.goto('/#/today');
  await expect(page.getByTestId('today-date')).toBeVisible();
  const before = (await shownNotices(page)).length;
  await page.clock.fastForward('00:01:00');
  await expect(card.card()).toHaveCount(0);
  expect(await shownNotices(page)).toHaveLength(before);
});

test('in browser mode the complaints list offers to turn notifications on, and the offer goes once allowed', async ({
  page,
}) => {
  await stubNotifications(page);
  await setUpClinic(page);
  const complaints = new ComplaintsPage(page);
  await complaints.open();
  const offer = page.getByTestId('complaint-notify-permission');
  await expect(offer).toHaveText('开启桌面通知');
  // The person says yes to the browser's question.
  await page.context().grantPermissions(['notifications']);
  await offer.click();
  await expect(offer).toHaveCount(0);
});
