import zxing from '@zxing/library';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { FAKE_VIDEO_PATH, QR_PAYLOAD } from './camera-video';

// The package is CommonJS: Node's ESM loader sees only its default export.
const { BarcodeFormat, EncodeHintType, QRCodeWriter } = zxing;

const WIDTH = 640;
const HEIGHT = 480;
const QR_SIDE = 360;
const FRAMES = 5;

/**
 * Writes the QR code as a YUV4MPEG2 video (4:2:0): black modules on white, grey-free chroma.
 * The QR matrix comes from @zxing/library's encoder, the same library that decodes it in the app.
 */
export const writeQrVideo = (payload = QR_PAYLOAD, path = FAKE_VIDEO_PATH): string => {
  const hints = new Map<(typeof EncodeHintType)[keyof typeof EncodeHintType], unknown>([
    [EncodeHintType.CHARACTER_SET, 'UTF-8'],
    [EncodeHintType.MARGIN, 4],
  ]);
  const matrix = new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, QR_SIDE, QR_SIDE, hints);
  const luma = Buffer.alloc(WIDTH * HEIGHT, 235);
  const left = (WIDTH - matrix.getWidth()) / 2;
  const top = (HEIGHT - matrix.getHeight()) / 2;
  for (let y = 0; y < matrix.getHeight(); y++)
    for (let x = 0; x < matrix.getWidth(); x++)
      if (matrix.get(x, y)) luma[(top + y) * WIDTH + left + x] = 16;
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F30:1 Ip A1:1 C420jpeg\n`, 'ascii');
  const frame = Buffer.concat([Buffer.from('FRAME\n', 'ascii'), luma, chroma]);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: FRAMES }, () => frame)]));
  return path;
};
