import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const launcher = fileURLToPath(new URL('./start.mjs', import.meta.url));

/** A checkout whose `electron` package is there but whose binary was never downloaded. */
const checkoutWithoutBinary = (electron: 'package-only' | 'absent') => {
  const dir = mkdtempSync(join(tmpdir(), 'clinicdesk-start-'));
  mkdirSync(join(dir, 'electron'));
  copyFileSync(launcher, join(dir, 'electron', 'start.mjs'));
  writeFileSync(join(dir, 'package.json'), '{ "name": "checkout", "type": "module" }');
  if (electron === 'package-only') {
    const pkg = join(dir, 'node_modules', 'electron');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), '{ "name": "electron", "main": "index.js" }');
    // As Electron's own files behave without path.txt, and when GitHub cannot be reached.
    writeFileSync(
      join(pkg, 'index.js'),
      "throw new Error('Electron failed to install correctly, please delete node_modules/electron and try installing again');",
    );
    writeFileSync(
      join(pkg, 'install.js'),
      "console.error('RequestError: connect ETIMEDOUT 20.205.243.166:443\\n    at ClientRequest.<anonymous> (got/index.js:1:1)'); process.exit(1);",
    );
  }
  return dir;
};

const start = (script: string, env: NodeJS.ProcessEnv = {}) => {
  const run = spawnSync(process.execPath, [script], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: undefined, ...env },
    timeout: 60_000,
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
};

const binaryInstalled = (() => {
  try {
    return spawnSync(process.execPath, ['-e', "require('electron')"]).status === 0;
  } catch {
    return false;
  }
})();

describe('npm start without Electron’s binary', () => {
  it('says in Chinese and English how to get it from a mirror, offers browser mode, and exits 1 without a stack trace', () => {
    const dir = checkoutWithoutBinary('package-only');
    try {
      const { status, output } = start(join(dir, 'electron', 'start.mjs'));
      expect(status).toBe(1);
      expect(output).toContain('无法打开桌面版：Electron 程序没有下载成功');
      expect(output).toContain("The desktop app cannot open: Electron's binary was not downloaded");
      expect(output).toContain('ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npm start');
      expect(output).toContain('npm run web');
      expect(output).toContain('Download error: RequestError: connect ETIMEDOUT');
      expect(output).not.toMatch(/^\s+at /m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says to install again through the mirror when npm dropped the electron package', () => {
    const dir = checkoutWithoutBinary('absent');
    try {
      const { status, output } = start(join(dir, 'electron', 'start.mjs'));
      expect(status).toBe(1);
      expect(output).toContain('Electron 没有安装');
      expect(output).toContain(
        'ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npm install && npm start',
      );
      expect(output).not.toMatch(/^\s+at /m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(binaryInstalled)(
    'with this checkout’s real Electron package and an unreachable mirror, the download fails and is explained',
    () => {
      const cache = mkdtempSync(join(tmpdir(), 'clinicdesk-electron-cache-'));
      try {
        const { status, output } = start(launcher, {
          ELECTRON_MIRROR: 'http://127.0.0.1:9/',
          electron_config_cache: cache,
        });
        expect(status).toBe(1);
        expect(output).toContain(
          'ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npm start',
        );
        expect(output).toMatch(/Download error: .*(ECONNREFUSED|127\.0\.0\.1)/);
        expect(output).not.toMatch(/^\s+at /m);
      } finally {
        rmSync(cache, { recursive: true, force: true });
      }
    },
  );
});
