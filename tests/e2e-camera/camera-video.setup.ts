import { test as setup } from '@playwright/test';
import { writeQrVideo } from './fake-camera';

/** Runs before the camera project: Chromium opens the file when it starts its fake camera. */
setup('write the fake camera video showing a 医保电子凭证 QR code', () => {
  writeQrVideo();
});
