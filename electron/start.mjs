// `npm start`: builds and opens the desktop app once Electron's own binary is on this PC.
//
// The binary is not fetched by `npm install` everywhere: npm 11 skips dependency install scripts
// until approved, and many machines in mainland China cannot reach GitHub, where it comes from. So
// it is fetched here on first start (Electron's own install.js, which honours ELECTRON_MIRROR), and
// where that fails the person reads what to do, in Chinese and English, instead of a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(join(root, 'package.json'));
const onWindows = process.platform === 'win32';
const MIRROR = 'https://npmmirror.com/mirrors/electron/';

const electronPackage = () => {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
};

/** The binary's path, or undefined: the `electron` package throws when it was never downloaded. */
const electronBinary = () => {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
};

/** Runs Electron's own download; on failure, the first line of its error (never the stack). */
const download = (packageDir) => {
  console.error('正在下载 Electron（约 100 MB）… / Downloading Electron (about 100 MB) …');
  const run = spawnSync(process.execPath, [join(packageDir, 'install.js')], {
    cwd: packageDir,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const firstLine = (run.stderr ?? '').split('\n').find((line) => line.trim() !== '');
  return run.status === 0 ? undefined : (firstLine?.trim() ?? `exit code ${run.status}`);
};

const mirrorCommand = (then) =>
  onWindows
    ? `$env:ELECTRON_MIRROR="${MIRROR}"; ${then}    (PowerShell)`
    : `ELECTRON_MIRROR=${MIRROR} ${then}`;

const explain = ({ installed, reason }) => {
  const retry = installed ? 'npm start' : 'npm install && npm start';
  const lines = [
    '',
    installed
      ? '无法打开桌面版：Electron 程序没有下载成功（本机可能连不上 GitHub）。'
      : '无法打开桌面版：Electron 没有安装（npm install 时下载失败）。',
    '请改用国内镜像下载，然后再试：',
    `    ${mirrorCommand(retry)}`,
    '也可以先用浏览器模式，功能相同，数据保存在浏览器里：',
    '    npm run web    然后打开 http://127.0.0.1:4173',
    '',
    installed
      ? "The desktop app cannot open: Electron's binary was not downloaded (this PC may not reach GitHub)."
      : 'The desktop app cannot open: Electron is not installed (its download failed during npm install).',
    'Download it from a mirror reachable from mainland China, then try again:',
    `    ${mirrorCommand(retry)}`,
    "Or use browser mode for now: the same app, with its data in the browser's storage:",
    '    npm run web    then open http://127.0.0.1:4173',
  ];
  if (reason) lines.push('', `下载错误 / Download error: ${reason}`);
  console.error(lines.join('\n'));
};

/** At a terminal, offers browser mode at once; anywhere else (CI, a test) just exits. */
const offerBrowserMode = async () => {
  if (!process.stdin.isTTY || !process.stdout.isTTY) return false;
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await prompt.question('\n现在用浏览器模式打开吗？/ Open browser mode now? [y/N] ');
  prompt.close();
  return /^(y|yes|是)$/i.test(answer.trim());
};

const npm = (args, options = {}) =>
  spawn(onWindows ? 'npm.cmd' : 'npm', args, {
    cwd: root,
    stdio: 'inherit',
    shell: onWindows,
    ...options,
  });

const exitWith = (child) =>
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));

const main = async () => {
  const packageDir = electronPackage();
  let binary = electronBinary();
  let reason;
  if (!binary && packageDir) {
    reason = download(packageDir);
    binary = electronBinary();
  }
  if (!binary) {
    explain({ installed: packageDir !== undefined, reason });
    if (await offerBrowserMode()) return exitWith(npm(['run', 'web']));
    process.exit(1);
  }
  const build = spawnSync(onWindows ? 'npm.cmd' : 'npm', ['run', 'build'], {
    cwd: root,
    stdio: 'inherit',
    shell: onWindows,
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  exitWith(spawn(binary, ['.'], { cwd: root, stdio: 'inherit' }));
};

await main();
