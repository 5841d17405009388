import { expect, type Page } from '@playwright/test';
import { setUpClinic, test } from './fixtures';
import { ComplaintSettingsPage } from './pages/complaint-settings-page';
import { ComplaintsPage } from './pages/complaints-page';
import { shoot } from './screenshots';

type DevHook = {
  db: {
    settings: { get(key: string): Promise<{ value: unknown } | undefined> };
    complaints: { toArray(): Promise<Record<string, unknown>[]> };
  };
};

/** What the store holds, read behind the UI. */
const stored = (page: Page) =>
  page.evaluate(async () => {
    const { db } = (globalThis as unknown as { __clinicdeskDev: DevHook }).__clinicdeskDev;
    return {
      complaints: (await db.settings.get('complaints'))?.value,
      holidays: (await db.settings.get('holidays'))?.value,
      received: await db.complaints.toArray(),
    };
  });

test("a clinic's own deadline policy and a holiday override decide a new complaint's due date", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await setUpClinic(page); // Wednesday 2026-11-25 10:00 in Beijing
  const settings = new ComplaintSettingsPage(page);
  await settings.open();

  // Zero working days is refused with a sentence, and nothing is saved.
  await settings.fillCustom('本院 4 / 10', '0', '10');
  await settings.saveDeadlines();
  await expect(settings.deadlines()).toContainText('处理期限须为 1 到 30 之间的整数个工作日');
  // A date twice in the override table names the row, and nothing is saved.
  await settings.addOverride({ date: '2026-11-27', holiday: true, name: '院庆停诊' });
  await settings.addOverride({ date: '2026-11-27', holiday: false });
  await settings.saveOverrides();
  await expect(settings.holidays()).toContainText('第 2 行：2026-11-27 与前面的行重复');
  expect(await stored(page)).toMatchObject({ complaints: undefined, holidays: undefined });

  await settings.fillCustom('本院 4 / 10', '4', '10');
  await settings.saveDeadlines();
  await expect(settings.deadlines().getByText('处理期限须为')).toHaveCount(0);
  await settings.overrideRows().last().getByTestId('override-remove').click();
  await settings.saveOverrides();
  await expect(settings.holidays().getByTestId('override-problems')).toHaveCount(0);
  await expect(page.getByText('已保存。').first()).toBeVisible();
  // That sentence may be the deadlines' own: the reload waits for the overrides to be stored.
  await expect
    .poll(async () => (await stored(page)).holidays)
    .toEqual({ overrides: [{ date: '2026-11-27', kind: 'holiday', name: '院庆停诊' }] });

  // After a reload the screen and the store say the same.
  await page.reload();
  await expect(settings.deadlines().getByTestId('custom-ordinary-days')).toHaveValue('4');
  await expect(settings.overrideRows()).toHaveCount(1);
  await expect(settings.overrideRows().getByTestId('override-date')).toHaveValue('2026-11-27');
  expect(await stored(page)).toMatchObject({
    complaints: {
      defaultPolicy: '本院 4 / 10',
      custom: { name: '本院 4 / 10', ordinaryDays: 4, majorDays: 10 },
    },
    holidays: { overrides: [{ date: '2026-11-27', kind: 'holiday', name: '院庆停诊' }] },
  });
  await shoot(page, 'zh-CN', '128-complaint-settings');

  // The form offers the clinic's own policy and preselects it. Received Wednesday 25 November,
  // 4 working days with Friday 27 closed: 26, 30 November, 1 and 2 December.
  const complaints = new ComplaintsPage(page);
  await complaints.open();
  await complaints.fill({ category: '候诊时间', description: '候诊超过两个小时。' });
  await expect(complaints.dialog().getByTestId('complaint-policy')).toContainText('本院 4 / 10');
  await complaints.save();
  await expect(complaints.dialog()).toBeHidden();
  expect((await stored(page)).received).toMatchObject([
    {
      policy: { name: '本院 4 / 10', ordinaryDays: 4, majorDays: 10 },
      resolutionDue: '2026-12-02',
    },
  ]);

  // The card in English, with its sentences.
  await page.getByText('EN', { exact: true }).click();
  await settings.open();
  await settings.fillCustom('Clinic 4 / 10', 'four', '10', false);
  await settings.addOverride({ date: '2026-11-27', holiday: false });
  await settings.saveDeadlines();
  await settings.saveOverrides();
  await expect(settings.deadlines()).toContainText('A deadline is a whole number of working days');
  await expect(settings.holidays()).toContainText('Row 2: 2026-11-27 is already in an earlier row');
  await shoot(page, 'en', '129-complaint-settings');
});
