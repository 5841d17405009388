import { expect } from '@playwright/test';
import { residentCheckCharacter } from '../../shared/identity/id-number';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import { setUpClinic, test } from './fixtures';
import { PatientsPage } from './pages/patients-page';

// Chromium's own fake camera (a moving test pattern), and no permission prompt. Top level: a
// browser launched differently needs a worker of its own, for this file only.
test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  },
});

test('a snapshot from the webcam is registered with the patient and shown large', async ({
  page,
}) => {
  await setUpClinic(page);
  const patients = new PatientsPage(page);
  await patients.openRegistration();
  const first17 = '11010219900307123';
  await patients.fill({
    name: '张三',
    idNumber: first17 + residentCheckCharacter(first17),
    scheme: '自费',
  });
  await page.getByTestId('photo-camera').click();
  const video = page.locator('.patient-photo-video');
  await expect(video).toBeVisible();
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  await page.getByTestId('photo-take').click();
  await expect(page.getByTestId('photo-preview')).toBeVisible();
  // The camera is switched off once the picture is taken.
  await expect(video).toHaveCount(0);
  await patients.submit();

  const photo = page.getByTestId('patient-photo');
  await expect(photo).toBeVisible();
  await expect
    .poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);
  await expect(page.getByText('没有照片：就诊核对“人”时无法比对')).toHaveCount(0);
});
