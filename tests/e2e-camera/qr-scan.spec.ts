import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { setUpClinic } from '../e2e/fixtures';
import { patchPatient, seedPatients, TodayPage } from '../e2e/pages/today-page';
import { QR_CARD_NUMBER, QR_PAYLOAD } from './camera-video';

test("the desk scans a patient's 医保电子凭证 QR code with the webcam; the raw text is kept and the card matches", async ({
  page,
}) => {
  await setUpClinic(page);
  const [patient] = await seedPatients(page);
  if (!patient) throw new Error('seed gave no patient');
  // The fake camera shows a code for this card number: make it the patient's card on file.
  await patchPatient(page, patient.id, { cardNumber: QR_CARD_NUMBER });

  const today = new TodayPage(page);
  const { panel } = today;
  await today.open();
  await today.checkIn(patient);
  await expect(page.getByTestId('live-camera')).toHaveAttribute('data-state', 'on');
  await panel.swipeDocument(patient.idNumber);

  await page.getByTestId('scan-qr').click();
  await expect(page.getByTestId('card-method')).toHaveAttribute('data-method', 'qr');
  await expect(page.getByTestId('card-number')).toHaveValue(QR_CARD_NUMBER);
  await expect(page.getByTestId('raw-scan')).toHaveText(QR_PAYLOAD);
  await expect(page.getByTestId('card-match')).toHaveAttribute('data-match', 'yes');
  await expect(page.getByTestId('person-confirmed')).toBeFocused();

  await panel.confirmPerson();
  await expect(panel.verifyButton()).toBeEnabled();
  mkdirSync('tests/e2e/screenshots/zh-CN', { recursive: true });
  await page.screenshot({
    path: 'tests/e2e/screenshots/zh-CN/57-verification-qr-scanned.png',
    animations: 'disabled',
  });
  await panel.verifyButton().click();
  await panel.expectClosed();
  await expect(today.row(patient).getByTestId('visit-status')).toHaveText('已核验');
});
