// Bundles the Electron main process and preload into dist-electron/ (see package.json "main").
import { build } from 'esbuild';
import { tsImport } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// The CSP has one home, vite.config.ts. Evaluating it here, at build time, lets main.ts import
// it without dragging Vite itself into the bundle.
const { CONTENT_SECURITY_POLICY } = await tsImport('../vite.config.ts', import.meta.url);
if (
  typeof CONTENT_SECURITY_POLICY !== 'string' ||
  !CONTENT_SECURITY_POLICY.includes("default-src 'none'")
) {
  throw new Error('vite.config.ts must export the strict CONTENT_SECURITY_POLICY');
}

/** @type {import('esbuild').Plugin} */
const viteConfigConstants = {
  name: 'vite-config-constants',
  setup(builder) {
    builder.onResolve({ filter: /[\\/]vite\.config(\.ts)?$/ }, () => ({
      path: 'vite.config',
      namespace: 'vite-config-constants',
    }));
    builder.onLoad({ filter: /.*/, namespace: 'vite-config-constants' }, () => ({
      contents: `export const CONTENT_SECURITY_POLICY = ${JSON.stringify(CONTENT_SECURITY_POLICY)};`,
      loader: 'js',
    }));
  },
};

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
  plugins: [viteConfigConstants],
};

const [main, preload] = await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist-electron/main.cjs' }),
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

console.log('built dist-electron/main.cjs and dist-electron/preload.cjs');
