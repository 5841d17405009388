import { expect } from '@playwright/test';
import { setUpClinic, test } from './fixtures';
import { StaffPage } from './pages/staff-page';
import { givePhoto, patchPatient, seedPatients, TodayPage } from './pages/today-page';

const OFFICER = {
  displayName: '赵敏',
  username: 'zhaomin',
  role: '医保专员',
  password: 'Officer#2026',
};

test('the desk verifies from the keyboard; a borrowed card raises its flags and fails to self-pay with a reason', async ({
  page,
}) => {
  test.slow(); // three patients through the panel, on a 2-core machine
  await setUpClinic(page);
  const [clean, borrower, cardOwner] = await seedPatients(page);
  if (!clean || !borrower || !cardOwner) throw new Error('seed gave too few patients');
  await givePhoto(page, clean.id);

  const today = new TodayPage(page);
  const { panel } = today;
  await today.open();

  // All three check out: ID swiped, card read by a wedge reader, person confirmed.
  await today.checkIn(clean);
  await expect(panel.root().getByTestId('eligibility')).toContainText('未联网核查，待复核');
  await expect(panel.root().getByTestId('stored-photo').locator('img')).toBeVisible();
  await expect(panel.flags()).toHaveCount(0);
  await panel.swipeDocument(clean.idNumber);
  await expect(page.getByTestId('document-match')).toHaveAttribute('data-match', 'yes');
  await panel.swipeCard(clean.cardNumber);
  await expect(page.getByTestId('card-method')).toHaveAttribute('data-method', 'reader');
  await expect(page.getByTestId('card-match')).toHaveAttribute('data-match', 'yes');
  await expect(page.getByTestId('person-confirmed')).toBeFocused();
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
  await expect(panel.verifyButton()).toBeFocused();
  await page.keyboard.press('Enter');
  await panel.expectClosed();
  await expect(today.row(clean).getByTestId('visit-status')).toHaveText('已核验');

  // A card that belongs to another patient: two flags, no "verified"; failing needs a reason.
  await today.checkIn(borrower);
  await expect(panel.flag('no-photo')).toBeVisible();
  await panel.swipeDocument(borrower.idNumber);
  await page.getByTestId('card-number').fill(cardOwner.cardNumber);
  await expect(panel.flag('card-number-shared')).toContainText('借卡');
  await expect(panel.flag('card-mismatch')).toBeVisible();
  await expect(page.getByTestId('card-match')).toHaveAttribute('data-match', 'no');
  await expect(page.getByTestId('card-method')).toHaveAttribute('data-method', 'typed');
  await panel.confirmPerson();
  await expect(panel.verifyButton()).toBeDisabled();
  await expect(page.getByTestId('blockers')).toContainText('医保卡号与登记不一致');
  await panel.fail('');
  await expect(panel.fieldError()).toHaveText('请填写原因：核验未通过或放行时必须说明原因。');
  await page.getByTestId('outcome-reason').fill('出示的医保卡属于他人');
  await page.getByTestId('outcome-confirm').click();
  await panel.expectClosed();
  const borrowed = today.row(borrower);
  await expect(borrowed.getByTestId('visit-status')).toHaveText('未通过·自费');
  await expect(borrowed.getByTestId('self-pay-reason')).toHaveText(
    '自费原因：出示的医保卡属于他人',
  );
  await expect(borrowed.locator('[data-flag="card-number-shared"]')).toBeVisible();
});

test('an insurance officer overrides with their own login; the daily review lists failures, overrides and flags and marks them reviewed', async ({
  page,
}) => {
  test.slow(); // two logins checked with PBKDF2 on top of a morning at the desk
  const clinic = await setUpClinic(page);
  await new StaffPage(page).open();
  await new StaffPage(page).add(OFFICER);
  const [clean, borrower, forgetful] = await seedPatients(page);
  if (!clean || !borrower || !forgetful) throw new Error('seed gave too few patients');
  await givePhoto(page, clean.id);
  const today = new TodayPage(page);
  const { panel } = today;
  await today.open();

  await today.checkIn(clean);
  await panel.swipeDocument(clean.idNumber);
  await panel.swipeCard(clean.cardNumber);
  await panel.confirmPerson();
  await panel.verifyButton().click();
  await panel.expectClosed();
  await today.checkIn(borrower);
  await panel.fail('人证不符');
  await panel.expectClosed();

  // No card today: the insurance officer releases the visit with their own login.
  await today.checkIn(forgetful);
  await panel.swipeDocument(forgetful.idNumber);
  await panel.confirmPerson();
  await expect(page.getByTestId('blockers')).toContainText('未出示医保卡或电子凭证');
  await panel.override('zhaomin', 'wrong-password', '老患者，卡在家属处');
  await expect(panel.fieldError()).toContainText('用户名或密码不正确');
  await page.getByTestId('override-password').fill(OFFICER.password);
  await page.getByTestId('outcome-confirm').click();
  await panel.expectClosed();
  await expect(today.row(forgetful).getByTestId('visit-status')).toHaveText('已放行');

  // The owner re-confirms before treatment, with a note, in one action.
  await today.row(clean).getByTestId('reconfirm-clinician').click();
  await page.getByTestId('reconfirm-note').fill('已当面核对');
  await page.keyboard.press('Enter');
  await expect(today.row(clean).getByTestId('clinician-done')).toContainText(clinic.ownerName);

  // The daily review: the failure and the override (both flagged: no photo), not the clean one.
  await today.openReview();
  await expect(today.reviewItems()).toHaveCount(2);
  await expect(today.reviewItems().filter({ hasText: borrower.name })).toHaveAttribute(
    'data-outcome',
    'failed',
  );
  const released = today.reviewItems().filter({ hasText: forgetful.name });
  await expect(released).toContainText('放行人：赵敏');
  await released.getByTestId('mark-reviewed').click();
  await expect(released.getByTestId('reviewed-by')).toContainText(clinic.ownerName);
  await expect(page.getByRole('tab', { name: /每日复核/ })).toContainText('1 条待复核');
});

test('an ID number registered twice is flagged at check-in', async ({ page }) => {
  await setUpClinic(page);
  const [patient, other] = await seedPatients(page);
  if (!patient || !other) throw new Error('seed gave too few patients');
  await patchPatient(page, other.id, { idNumber: patient.idNumber });
  const today = new TodayPage(page);
  await today.open();
  await today.checkIn(patient);
  await expect(today.panel.flag('id-number-shared')).toContainText('另有患者登记了相同的证件号码');
});
