import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The card number the fake 医保电子凭证 carries; the camera spec registers a patient under it. */
export const QR_CARD_NUMBER = 'G44030012345678';

/**
 * A 医保电子凭证-like payload with the card number in clear, as regional cards and test codes carry
 * it (the national platform's one-time tokens cannot be resolved offline; see insurance-qr.ts).
 */
export const QR_PAYLOAD = JSON.stringify({
  type: '医保电子凭证',
  cardNo: QR_CARD_NUMBER,
  issuer: '测试医保',
});

/** Where Chromium reads its fake camera from (--use-file-for-fake-video-capture). */
export const FAKE_VIDEO_PATH = join(tmpdir(), 'clinicdesk-e2e', 'insurance-qr.y4m');
