import { expect, type Page } from '@playwright/test';
import { setUpClinic, test } from './fixtures';
import { shoot } from './screenshots';
import { seedPatients } from './pages/today-page';

type DevDb = {
  __clinicdeskDev: {
    db: Record<
      string,
      {
        get(id: string): Promise<Record<string, unknown> | undefined>;
        put(row: object): Promise<unknown>;
        toArray(): Promise<Record<string, unknown>[]>;
      }
    >;
  };
};

/**
 * Makes `copyId` a second record of `originalId`'s person, as two PCs registering one patient
 * offline leave it: the same identity and search keys, another phone number.
 */
const registerTwice = (page: Page, originalId: string, copyId: string) =>
  page.evaluate(
    async ([originalId, copyId]) => {
      const { db } = (globalThis as unknown as DevDb).__clinicdeskDev;
      const original = (await db.patients!.get(originalId))!;
      const copy = (await db.patients!.get(copyId))!;
      const identity = ['name', 'sex', 'birthDate', 'idType', 'idNumber', 'searchKeys', 'find'];
      await db.patients!.put({
        ...copy,
        ...Object.fromEntries(identity.map((field) => [field, original[field]])),
        phone: '13900001111',
      });
    },
    [originalId, copyId] as const,
  );

/** The two records, their visits and the merge's audit events, read behind the UI. */
const saved = (page: Page, ids: readonly string[]) =>
  page.evaluate(async (ids) => {
    const { db } = (globalThis as unknown as DevDb).__clinicdeskDev;
    const patients = await Promise.all(ids.map((id) => db.patients!.get(id)));
    const visits = (await db.visits!.toArray()).filter((v) => ids.includes(v.patientId as string));
    const merges = (await db.auditEvents!.toArray()).filter((e) => e.action === 'merge');
    return { patients, visits, merges };
  }, ids);

const TEXT = {
  'zh-CN': {
    reasonMissing: '合并档案必须写明理由',
    reason: '同一人在前台和诊室各登记了一次',
    mergedFrom: '已并入的档案',
    mergedAway: '这份档案已合并到另一份档案',
  },
  en: {
    reasonMissing: 'Give the reason for the merge',
    reason: 'Registered once at the desk and once at the chair',
    mergedFrom: 'Merged into this record',
    mergedAway: 'This record was merged into another record',
  },
};

for (const language of ['zh-CN', 'en'] as const) {
  test(`two records of one person are merged by the owner, and every screen then shows one (${language})`, async ({
    page,
  }) => {
    test.slow(); // setup, seeding and a merge on a 2-core machine
    const text = TEXT[language];
    await setUpClinic(page);
    const [kept, copy] = await seedPatients(page);
    if (!kept || !copy) throw new Error('seed gave too few patients');
    await registerTwice(page, kept.id, copy.id);
    if (language === 'en') await page.getByText('EN', { exact: true }).click();
    const before = await saved(page, [kept.id, copy.id]);

    // Today's box lists both records for the ID number's tail.
    await page.goto('/#/today');
    const box = page.getByTestId('quick-check-in').locator('input');
    await box.click();
    await box.fill(kept.idNumber.slice(-6).toLowerCase());
    await expect(page.locator('.ant-select-item-option')).toHaveCount(2);
    await page.keyboard.press('Escape');

    // The record shows the other one as possibly the same person, with the merge at hand.
    await page.goto(`/#/patients/${kept.id}`);
    const duplicates = page.getByTestId('possible-duplicates');
    await expect(duplicates.getByTestId('duplicate-row')).toHaveCount(1);
    await expect(duplicates).toContainText('1111');
    await shoot(page, language, '110-patient-possible-duplicate');
    await duplicates.getByTestId('merge-open').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('merge-reason')).toBeFocused();
    await dialog.getByTestId(`merge-keep-${kept.id}`).click();
    await dialog.getByTestId('merge-confirm').click();
    await expect(dialog).toContainText(text.reasonMissing);
    await dialog.getByTestId('merge-reason').fill(text.reason);
    await shoot(page, language, '111-patient-merge-dialog');
    await dialog.getByTestId('merge-confirm').click();
    await expect(dialog).toHaveCount(0);

    // The record kept lists the other, and its history now holds the other's visits too.
    await expect(duplicates).toHaveCount(0);
    await expect(page.getByTestId('merged-from')).toContainText(text.mergedFrom);
    const visits = before.visits.filter((v) => !v.cancelledAt).length;
    if (visits > 0)
      await expect(page.getByTestId('visit-timeline').locator('.ant-timeline-item')).toHaveCount(
        visits,
      );
    await shoot(page, language, '112-patient-merged-from');
    const after = await saved(page, [kept.id, copy.id]);
    expect(after.patients[0]).not.toHaveProperty('mergedInto');
    expect(after.patients[1]).toMatchObject({
      mergedInto: kept.id,
      mergeReason: text.reason,
      mergedAt: expect.any(String),
    });
    expect(after.merges).toMatchObject([
      { entity: 'patient', entityId: copy.id, reason: text.reason, actorName: '李娜' },
    ]);

    // The merged-away record says where the person's record is now, and offers no check-in.
    await page.goto(`/#/patients/${copy.id}`);
    await expect(page.getByTestId('merged-away')).toContainText(text.mergedAway);
    await expect(page.getByTestId('merged-away')).toContainText(text.reason);
    await expect(page.getByTestId('patient-edit')).toHaveCount(0);
    await expect(page.getByTestId('check-in')).toHaveCount(0);
    await shoot(page, language, '113-patient-merged-away');
    await page.getByTestId('open-survivor').click();
    await expect(page).toHaveURL(new RegExp(`/patients/${kept.id}$`));

    // Today's box and the patient search find the person once.
    await page.goto('/#/today');
    await box.click();
    await box.fill(kept.idNumber.slice(-6).toLowerCase());
    await expect(page.locator('.ant-select-item-option')).toHaveCount(1);
    await expect(page.locator('.ant-select-item-option')).toContainText(kept.name);
  });
}
