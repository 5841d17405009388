import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FuseV1Options } from '@electron/fuses';
import * as fileMatcher from 'app-builder-lib/out/fileMatcher.js';
import { PlatformPackager } from 'app-builder-lib';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { APP_SCHEME_PRIVILEGES } from './main/app-protocol';
import { appSchemeUrlPolicy } from './main/app-url';

const root = new URL('../', import.meta.url);

const target = z.union([z.string(), z.object({ target: z.string() })]);
const targets = z
  .array(target)
  .transform((list) => list.map((t) => (typeof t === 'string' ? t : t.target)));

/** Only the fields these checks read; electron-builder validates the rest itself. */
const configSchema = z.object({
  appId: z.string(),
  productName: z.string(),
  directories: z.object({ output: z.string(), buildResources: z.string() }),
  files: z.array(z.string()),
  asar: z.boolean(),
  asarUnpack: z.array(z.string()),
  win: z.object({ target: targets }),
  mac: z.object({ target: targets, extendInfo: z.record(z.string(), z.string()) }),
  linux: z.object({
    target: targets,
    category: z.string(),
    maintainer: z.string(),
    desktop: z.object({ entry: z.record(z.string(), z.string()) }),
  }),
  electronFuses: z.record(z.string(), z.boolean()),
  nsis: z.object({
    oneClick: z.boolean(),
    allowToChangeInstallationDirectory: z.boolean(),
    installerLanguages: z.array(z.string()),
  }),
});

const config = configSchema.parse(
  parse(readFileSync(new URL('electron-builder.yml', root), 'utf8')),
);

describe('the packaging config', () => {
  it('names the app', () => {
    expect(config.appId).toBe('cn.clinicdesk.app');
    expect(config.productName).toBe('ClinicDesk');
  });

  it('builds an installer for every desktop the clinics use', () => {
    expect(config.win.target).toContain('nsis');
    expect(config.mac.target).toContain('dmg');
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
  });

  it('ships the bundles, and of node_modules only the bundles cannot hold', () => {
    const included = config.files.filter((pattern) => !pattern.startsWith('!'));
    expect(included.sort()).toEqual(['dist-electron/**', 'dist/renderer/**', 'package.json']);
    expect(config.asar).toBe(true);
  });

  // electron-builder's own matchers, as it packs: node_modules files are judged by their path in
  // the app (`moduleFullFilePath`); all production dependencies are candidates. The node_modules
  // matcher is internal to electron-builder (no type): an upgrade that moves it fails here.
  const { FileMatcher } = fileMatcher;
  const { getNodeModuleFileMatcher } = fileMatcher as unknown as {
    getNodeModuleFileMatcher: (
      appDir: string,
      destination: string,
      macroExpander: (pattern: string) => string,
      platformOptions: object,
      packager: { config: unknown; debugLogger: { isEnabled: boolean } },
    ) => InstanceType<typeof FileMatcher>;
  };
  const APP = '/project';
  const same = (pattern: string) => pattern;
  const packager = { config, debugLogger: { isEnabled: false } };
  const moduleFilter = getNodeModuleFileMatcher(APP, '/out/app', same, {}, packager).createFilter();
  const unpackFilter = new FileMatcher(APP, '/out/app', same, config.asarUnpack).createFilter();
  const stat = (path: string, directory = false) =>
    ({ isDirectory: () => directory, moduleFullFilePath: path }) as unknown as Parameters<
      typeof moduleFilter
    >[1];
  const shipped = (path: string, directory = false) =>
    moduleFilter(join(APP, path), stat(path, directory)) as boolean;
  const unpacked = (path: string) => unpackFilter(join(APP, path), stat(path)) as boolean;

  it('ships the hub worker’s SQLite driver, and what loads its binary, unpacked from app.asar', () => {
    // dist-electron/hub-worker.cjs requires better-sqlite3, which finds its binary through
    // bindings (which requires file-uri-to-path) from its package.json's folder.
    for (const path of [
      'node_modules/better-sqlite3/package.json',
      'node_modules/better-sqlite3/lib/index.js',
      'node_modules/better-sqlite3/lib/methods/wrappers.js',
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/bindings/bindings.js',
      'node_modules/file-uri-to-path/index.js',
    ]) {
      expect(shipped(path), path).toBe(true);
      expect(unpacked(path), path).toBe(true);
    }
    for (const folder of ['better-sqlite3', 'better-sqlite3/build', 'better-sqlite3/build/Release'])
      expect(shipped(`node_modules/${folder}`, true), folder).toBe(true);
    expect(unpacked('dist-electron/hub-worker.cjs')).toBe(false);
  });

  it('leaves out the rest of node_modules, and the driver’s sources and build leftovers', () => {
    for (const path of [
      'node_modules/react/index.js',
      'node_modules/antd/lib/index.js',
      'node_modules/@ant-design/icons/lib/index.js',
      'node_modules/prebuild-install/bin.js',
      'node_modules/better-sqlite3-other/index.js',
      'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c',
      'node_modules/better-sqlite3/src/better_sqlite3.cpp',
      'node_modules/better-sqlite3/build/Makefile',
      'node_modules/better-sqlite3/build/Release/test_extension.node',
      'node_modules/better-sqlite3/build/Release/obj/gen/sqlite3.c',
    ])
      expect(shipped(path), path).toBe(false);
    expect(shipped('node_modules/react', true)).toBe(false);
  });

  it('bundles the hub worker with its SQLite driver left to node_modules', () => {
    const build = readFileSync(new URL('electron/build.mjs', root), 'utf8');
    expect(build).toContain("entryPoints: ['server/hub/hub-worker.ts']");
    expect(build).toContain("outfile: 'dist-electron/hub-worker.cjs'");
    expect(build).toMatch(/external: \[[^\]]*'better-sqlite3'/);
  });

  // electron-builder's own translation of the config into the fuse wire, as it packs: a fuse
  // Electron adds later, or a misspelt key (which electron-builder would skip), fails here.
  it("sets every one of Electron's fuses, each to its safe value", async () => {
    const generate = (
      PlatformPackager.prototype as unknown as {
        generateFuseConfig(fuses: unknown): Promise<Record<number, boolean>>;
      }
    ).generateFuseConfig;
    const wire = await generate.call(undefined, config.electronFuses);
    const expected: Record<keyof typeof FuseV1Options, boolean> = {
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
    };
    const fuses = Object.entries(FuseV1Options).filter(([, value]) => typeof value === 'number');
    expect(Object.fromEntries(fuses.map(([name, value]) => [name, wire[value as number]]))).toEqual(
      expected,
    );
  });

  // With file:// stripped of its extra privileges (the fuse above), the packaged page comes from
  // app://clinicdesk: a standard scheme (a real origin, so 'self' means the app and nothing else,
  // and IndexedDB works) and a secure one (camera, crypto.subtle), never allowed past the CSP.
  it('serves the packaged page from app://, registered as a standard, secure scheme', () => {
    expect(config.electronFuses.grantFileProtocolExtraPrivileges).toBe(false);
    expect(appSchemeUrlPolicy.startUrl).toBe('app://clinicdesk/index.html');
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('corsEnabled');
    const main = readFileSync(new URL('electron/main.ts', root), 'utf8');
    expect(main).toContain('protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])');
    expect(main).toContain('protocol.handle(APP_SCHEME, handler)');
    expect(main).not.toContain('loadFile(');
  });

  it('lets the clinic choose where to install, in Chinese first', () => {
    expect(config.nsis.oneClick).toBe(false);
    expect(config.nsis.allowToChangeInstallationDirectory).toBe(true);
    expect(config.nsis.installerLanguages[0]).toBe('zh_CN');
    expect(config.nsis.installerLanguages).toContain('en_US');
  });

  it('files the Linux app under Office and MedicalSoftware', () => {
    expect(config.linux.category).toBe('Office');
    expect(config.linux.desktop.entry.Categories).toBe('Office;MedicalSoftware;');
    expect(config.linux.maintainer).not.toBe('');
  });

  it('explains the camera to macOS, which otherwise ends the app on first use', () => {
    expect(config.mac.extendInfo.NSCameraUsageDescription).toMatch(/摄像头/);
  });

  it('has its icon and resources where it says', () => {
    expect(config.directories).toEqual({ output: 'release', buildResources: 'build' });
    const icon = readFileSync(new URL('build/icon.png', root));
    expect(icon.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([512, 512]);
    expect(existsSync(new URL('build/entitlements.mac.plist', root))).toBe(true);
  });
});
