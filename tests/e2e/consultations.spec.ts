import { expect, type Page } from '@playwright/test';
import { setUpClinic, test } from './fixtures';
import { ComplaintsPage } from './pages/complaints-page';
import { shoot } from './screenshots';

type DevHook = {
  db: {
    consultations: { toArray(): Promise<Record<string, unknown>[]> };
    complaints: { toArray(): Promise<Record<string, unknown>[]> };
  };
};

/** What the store holds, read behind the UI. */
const stored = (page: Page) =>
  page.evaluate(async () => {
    const { db } = (globalThis as unknown as { __clinicdeskDev: DevHook }).__clinicdeskDev;
    return {
      consultations: await db.consultations.toArray(),
      complaints: await db.complaints.toArray(),
    };
  });

const QUESTION = '门诊慢特病的自付比例是多少？';

test('a consultation logged from the keyboard, then turned into a complaint once', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const owner = await setUpClinic(page); // Wednesday 2026-11-25 10:00 in Beijing
  const complaints = new ComplaintsPage(page);
  await complaints.open();
  await page.getByTestId('tab-consultations').click();
  await expect(page).toHaveURL(/#\/complaints\/consultations$/);
  const form = page.getByTestId('consultation-form');
  const question = page.getByTestId('consultation-question');
  await expect(question).toBeFocused();
  await expect(page.getByTestId('consultation-at')).toHaveValue('2026-11-25 10:00');

  // Enter with no question and no topic, then a time in the future: each says what is wrong, in
  // Chinese. The topic starts empty: an untouched default would skew the monthly counts.
  await expect(page.getByTestId('consultation-topic')).toContainText('请选择');
  await page.keyboard.press('Enter');
  await expect(form).toContainText('请填写咨询的问题，例如“门诊慢特病怎么报销？”。');
  await expect(form).toContainText('请选择咨询的主题：月度报告按主题统计。');
  await shoot(page, 'zh-CN', '166-consultation-topic-required');
  await page.getByTestId('consultation-topic').click();
  await page.getByTitle('收费/费用', { exact: true }).click();
  await page.getByTestId('consultation-at').fill('2026-11-25 12:00');
  await question.fill(QUESTION);
  await page.keyboard.press('Enter');
  await expect(form).toContainText('咨询时间不能晚于现在。');
  await shoot(page, 'zh-CN', '150-consultation-errors');
  expect((await stored(page)).consultations).toEqual([]);

  // A phone question about fees at 09:40, with its answer.
  await page.getByTestId('consultation-at').fill('2026-11-25 09:40');
  await page.getByTestId('consultation-channel').getByText('电话').click();
  // The topic chosen above stays chosen after the refusal.
  await expect(page.getByTestId('consultation-topic')).toContainText('收费/费用');
  await question.fill(QUESTION);
  await page.keyboard.press('Tab');
  await page.keyboard.type('一般为 10%，具体以结算单为准');
  await page.keyboard.press('Enter');
  const rows = page.getByTestId('consultation-table').locator('tbody tr[data-testid]');
  await expect(rows).toHaveCount(1);
  // The next one: the question box has the focus again, the time is now again; type and Enter.
  await expect(question).toBeFocused();
  await expect(question).toHaveValue('');
  await expect(page.getByTestId('consultation-at')).toHaveValue('2026-11-25 10:00');
  await page.keyboard.type('病历复印需要带什么？');
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('病历复印需要带什么？');
  await expect(rows.nth(1)).toContainText('2026-11-25 09:40');
  // 答复人 names who answered; with no answer written nobody did.
  await expect(rows.nth(1)).toContainText(owner.ownerName);
  await expect(rows.first()).not.toContainText(owner.ownerName);

  const { consultations } = await stored(page);
  const asked = consultations.find((c) => c.question === QUESTION)!;
  expect(asked).toMatchObject({
    at: '2026-11-25T09:40:00+08:00',
    topic: 'fees',
    channel: 'phone',
    question: QUESTION,
    answer: '一般为 10%，具体以结算单为准',
  });
  expect(asked.by).toEqual(expect.any(String));
  expect(consultations.find((c) => c !== asked)).toMatchObject({
    at: '2026-11-25T10:00:00+08:00',
    topic: 'fees',
    channel: 'phone',
    question: '病历复印需要带什么？',
  });

  // 转为投诉: the complaint form opens with the consultation's time, channel and question.
  const row = rows.filter({ hasText: QUESTION });
  await row.getByTestId('consultation-turn').click();
  const dialog = complaints.dialog();
  await expect(dialog.getByTestId('complaint-received-at')).toHaveValue('2026-11-25 09:40');
  await expect(dialog.getByTestId('complaint-channel')).toContainText('电话');
  await expect(dialog.getByTestId('complaint-description')).toHaveValue(QUESTION);
  await dialog.getByTestId('complaint-name').fill('李女士');
  await complaints.save();
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId('consultation-complaint')).toHaveText('已转为投诉');
  await expect(row.getByTestId('consultation-turn')).toHaveCount(0);
  await expect(rows.filter({ hasText: '病历复印' }).getByTestId('consultation-turn')).toBeVisible();
  await shoot(page, 'zh-CN', '151-consultation-log');

  const after = await stored(page);
  expect(after.complaints).toHaveLength(1);
  expect(after.complaints[0]).toMatchObject({
    fromConsultationId: asked.id,
    receivedAt: '2026-11-25T09:40:00+08:00',
    channel: 'phone',
    category: 'insurance-billing',
    description: QUESTION,
    complainant: { kind: 'named', name: '李女士', relation: 'self' },
  });

  // The link goes to the complaint, which links back to the consultation.
  await row.getByTestId('consultation-complaint').click();
  await expect(page.getByTestId('complaint-from-consultation')).toHaveText(
    '由 2026-11-25 09:40 的咨询转来 · 收费/费用',
  );
  await shoot(page, 'zh-CN', '152-complaint-from-consultation');

  // The same screens in English.
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByTestId('complaint-from-consultation')).toHaveText(
    'From the consultation of 2026-11-25 09:40 · Fees',
  );
  await shoot(page, 'en', '153-complaint-from-consultation');
  await page.getByTestId('complaint-from-consultation').click();
  await expect(row.getByTestId('consultation-complaint')).toHaveText('Turned into a complaint');
  await page.keyboard.press('Enter');
  await expect(form).toContainText('Please write the question that was asked');
  await shoot(page, 'en', '154-consultation-log');
  // A fresh screen starts with no topic again; in English too.
  await page.reload();
  await expect(question).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(form).toContainText('Please choose the topic');
  await shoot(page, 'en', '166-consultation-topic-required');
});
