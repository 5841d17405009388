import { expect, type Page } from '@playwright/test';
import { adults, ConsentChairPage, seedCatalogue } from './pages/consent-chair-page';
import { setUpClinic, test } from './fixtures';
import { shoot } from './screenshots';
import { seedPatients, TodayPage } from './pages/today-page';

type DevDb = {
  __clinicdeskDev: {
    db: Record<string, { toArray(): Promise<Record<string, unknown>[]> }>;
  };
};

/** What the store holds for the visit and its plan, read behind the UI. */
const saved = (page: Page, patientId: string) =>
  page.evaluate(async (patientId) => {
    const { db } = (globalThis as unknown as DevDb).__clinicdeskDev;
    const date = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const mine = (row: Record<string, unknown>) => row.patientId === patientId && row.date === date;
    return {
      visits: (await db.visits!.toArray()).filter(mine),
      items: (await db.plannedItems!.toArray()).filter(mine),
    };
  }, patientId);

for (const language of ['zh-CN', 'en'] as const) {
  test(`a visit gone to self-pay after a failed check charges a 甲类 item in full (${language})`, async ({
    page,
  }) => {
    test.slow(); // setup, a check-in and a plan
    await setUpClinic(page);
    await seedCatalogue(page);
    const patient = adults(await seedPatients(page))[0]!;
    if (language === 'en') await page.getByText('EN', { exact: true }).click();
    const today = new TodayPage(page);
    await today.open();
    await today.checkIn(patient);
    await today.panel.fail(language === 'en' ? 'No ID card today' : '未带身份证');
    await today.panel.expectClosed();

    // The owner plans at the chair: a 甲类 filling, which the insurance would pay.
    await today.row(patient).getByTestId('plan-visit').click();
    const chair = new ConsentChairPage(page);
    await chair.expectOpenFor(patient.name);
    const alert = page.getByTestId('self-pay-settlement');
    await expect(alert).toContainText(
      language === 'en' ? 'This visit is settled as self-pay' : '本次就诊按自费结算',
    );
    await expect(alert).toContainText(
      language === 'en' ? 'verification failed (No ID card today)' : '核验未通过（未带身份证）',
    );
    await chair.search('qccts', '龋齿充填术');
    await chair.fillLine({ quantity: 2 });
    await expect(chair.dialog().getByTestId('line-self-pay')).toHaveText(
      language === 'en' ? 'Patient pays ¥160.00' : '患者自付 ¥160.00',
    );
    await shoot(page, language, '90-self-pay-visit-line');
    await chair.dialog().getByTestId('plan-line-submit').click();
    await expect(chair.line('龋齿充填术').getByTestId('line-self-pay')).toHaveText('160.00');
    await expect(page.getByTestId('total-self-pay')).toHaveText('160.00');
    await shoot(page, language, '91-self-pay-visit-plan');

    const { visits, items } = await saved(page, patient.id);
    expect(visits).toMatchObject([
      {
        settlement: 'self-pay',
        selfPayCause: 'verification-failed',
        selfPayReason: language === 'en' ? 'No ID card today' : '未带身份证',
      },
    ]);
    expect(items).toMatchObject([
      { name: '龋齿充填术', coverage: 'class-a', quantity: 2, priceFen: 8_000 },
    ]);
  });
}
