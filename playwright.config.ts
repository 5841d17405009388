import { defineConfig } from '@playwright/test';
import { FAKE_VIDEO_PATH } from './tests/e2e-camera/camera-video';

/** Debian's chromium: Playwright cannot download its own browsers on our machines. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const PORT = 4173;

const chromium = {
  browserName: 'chromium',
  viewport: { width: 1366, height: 800 },
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
} as const;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
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
