// Draws build/icon.png (512×512): a teal rounded square with a white cross. Run with
// `node build/make-icon.mjs`; the PNG is committed, so packaging never depends on this script.
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const SIZE = 512;
const MARGIN = 32;
const RADIUS = 96;
const ARM_LENGTH = 288;
const ARM_WIDTH = 96;
const TEAL = [13, 148, 136];
const WHITE = [255, 255, 255];
const SAMPLES = 4; // per axis: 16 samples a pixel smooth the rounded corners

const insideRoundedSquare = (x, y) => {
  const min = MARGIN;
  const max = SIZE - MARGIN;
  if (x < min || x > max || y < min || y > max) return false;
  const cx = Math.min(Math.max(x, min + RADIUS), max - RADIUS);
  const cy = Math.min(Math.max(y, min + RADIUS), max - RADIUS);
  return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS ** 2;
};

const insideCross = (x, y) => {
  const dx = Math.abs(x - SIZE / 2);
  const dy = Math.abs(y - SIZE / 2);
  return (
    (dx <= ARM_WIDTH / 2 && dy <= ARM_LENGTH / 2) || (dy <= ARM_WIDTH / 2 && dx <= ARM_LENGTH / 2)
  );
};

const pixel = (px, py) => {
  let square = 0;
  let cross = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = px + (sx + 0.5) / SAMPLES;
      const y = py + (sy + 0.5) / SAMPLES;
      if (insideRoundedSquare(x, y)) {
        square++;
        if (insideCross(x, y)) cross++;
      }
    }
  }
  const total = SAMPLES * SAMPLES;
  if (square === 0) return [0, 0, 0, 0];
  const white = cross / square;
  const [r, g, b] = TEAL.map((teal, i) => Math.round(teal + (WHITE[i] - teal) * white));
  return [r, g, b, Math.round((255 * square) / total)];
};

const raw = Buffer.alloc(SIZE * (1 + SIZE * 4));
for (let y = 0; y < SIZE; y++) {
  const row = y * (1 + SIZE * 4);
  raw[row] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) raw.set(pixel(x, y), row + 1 + x * 4);
}

const chunk = (type, data) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no interlace

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);

writeFileSync(new URL('./icon.png', import.meta.url), png);
process.stdout.write(`wrote build/icon.png (${png.length} bytes)\n`);
