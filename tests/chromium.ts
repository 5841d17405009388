/**
 * How our tests and benches start Chromium: Debian's binary (Playwright cannot download its own
 * browsers on our machines), and no background traffic, which this network refuses anyway.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
