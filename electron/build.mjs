// Bundles the Electron main process and preload into dist-electron/ (see package.json "main").
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** @type {import('esbuild').BuildOptions} */
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};

const [main, , preload] = await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist-electron/main.cjs' }),
  // The clinic's sync hub, for an Electron utilityProcess: its SQLite is a native module.
  build({
    ...common,
    entryPoints: ['server/hub/hub-worker.ts'],
    outfile: 'dist-electron/hub-worker.cjs',
    external: ['electron', 'better-sqlite3', 'pg-native'],
  }),
  // The preload is parsed again on every page load; the main process only once.
  build({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: 'dist-electron/preload.cjs',
    minify: true,
  }),
]);

// A sandboxed preload can require nothing but 'electron': anything else fails only at run time.
const preloadRequires = Object.values(preload.metafile.outputs)
  .flatMap((output) => output.imports)
  .filter((entry) => entry.external && entry.path !== 'electron');
if (preloadRequires.length > 0) {
  throw new Error(
    `preload must bundle everything but 'electron'; it requires ${preloadRequires.map((entry) => entry.path).join(', ')}`,
  );
}

const strayInputs = Object.keys(main.metafile.inputs).filter((input) =>
  /node_modules[\\/](vite|@vitejs|react|react-dom|antd)[\\/]/.test(input),
);
if (strayInputs.length > 0) {
  throw new Error(`the main bundle pulled in renderer or build tooling: ${strayInputs.join(', ')}`);
}

console.log('built dist-electron/main.cjs, hub-worker.cjs and preload.cjs');
