import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/chromium';
import { FAKE_VIDEO_PATH } from './tests/e2e-camera/camera-video';

// E2E_PORT lets two checkouts on one machine run their end-to-end tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);

const chromium = {
  browserName: 'chromium',
  viewport: { width: 1366, height: 800 },
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
} as const;

export default defineConfig({
  // One worker: on the 2-core machine two Chromiums (rasterising in software) fight for the
  // cores, each test runs 2.5–3× slower and the whole run takes longer, not shorter (4 tests:
  // 98 s with one worker, 118 s with two). The generous limits are for the slowest CI machine.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: true,
  workers: 1,
  forbidOnly: !!process.env.CI,
  // On CI a test that fails is run once more and, if it then passes, reported as "flaky" in the
  // list and the HTML report: a busy shared machine can starve one Chromium frame past a limit,
  // and one such stall should not refuse a whole change. A real failure fails twice. Locally,
  // every failure counts at once.
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testDir: 'tests/e2e',
      use: { ...chromium, launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } },
    },
    // A webcam that shows a 医保电子凭证 QR code (written by the setup project before launch).
    { name: 'camera-video', testDir: 'tests/e2e-camera', testMatch: /\.setup\.ts$/ },
    {
      name: 'chromium-camera',
      testDir: 'tests/e2e-camera',
      dependencies: ['camera-video'],
      use: {
        ...chromium,
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: [
            ...CHROMIUM_ARGS,
            '--use-fake-ui-for-media-stream',
            '--use-fake-device-for-media-stream',
            `--use-file-for-fake-video-capture=${FAKE_VIDEO_PATH}`,
          ],
        },
      },
    },
    { name: 'electron', testDir: 'tests/electron' },
  ],
  // The built renderer (npm run test:e2e builds it first), served on loopback only.
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
