#!/usr/bin/env node
// The published entry point: runs the bundled CLI that `npm run build:cli` writes to dist-cli/.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist-cli/clinicdesk.mjs', import.meta.url);

if (existsSync(bundle)) {
  await import(bundle.href);
} else {
  console.error(
    '找不到已构建的命令行程序，请先运行 npm run build:cli / the CLI is not built yet: run `npm run build:cli` first',
  );
  process.exitCode = 1;
}
