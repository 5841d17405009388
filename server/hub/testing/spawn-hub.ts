import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const outDir = join(root, 'node_modules/.cache/clinicdesk-tests');

/**
 * Bundles an entry point to plain JavaScript once per test file: a child hub then starts in a
 * fraction of a second (the fault tests start one 50 times), as `npm run build:cli` would.
 */
export const bundleEntry = async (entry: 'cli' | 'hub-child' | 'hub-worker'): Promise<string> => {
  await mkdir(outDir, { recursive: true });
  const source = {
    cli: 'server/cli/main.ts',
    'hub-child': 'server/hub/testing/hub-child.ts',
    'hub-worker': 'server/hub/hub-worker.ts',
  }[entry];
  // The hub worker as the desktop build bundles it for Electron's utilityProcess: CommonJS.
  const format = entry === 'hub-worker' ? 'cjs' : 'esm';
  const outfile = join(outDir, `${entry}-${process.pid}.${format === 'cjs' ? 'cjs' : 'mjs'}`);
  await build({
    entryPoints: [join(root, source)],
    bundle: true,
    platform: 'node',
    format,
    // The Node this package requires (engines): esbuild keeps import attributes for it
    // (the holiday schedule is a package's JSON file, imported `with { type: 'json' }`).
    target: 'node20.19',
    packages: 'external',
    outfile,
    logLevel: 'silent',
  });
  return outfile;
};

export type ChildHub = {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<number | string>;
};

/** Starts the bundled test hub as a child and waits until it listens. */
export const forkHub = async (
  bundle: string,
  options: {
    dataDir: string;
    postgresUrl?: string;
    holdPushes?: boolean;
    snapshotsOnDemand?: boolean;
  },
): Promise<ChildHub> => {
  const child = fork(bundle, [JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.on('message', (message: { kind: string; url?: string }) => {
      if (message.kind === 'ready') resolve(message.url!);
    });
    void exited.then((code) =>
      reject(new Error(`hub exited (${code}) before it listened:\n${output}`)),
    );
  });
  return { child, url, output: () => output, exited };
};

/** Runs the bundled CLI with arguments; for a long-running command, stop it with `child.kill`. */
export const spawnCli = (bundle: string, args: string[]) => {
  const child = spawn(process.execPath, [bundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
};
