import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';

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
  win: z.object({ target: targets }),
  mac: z.object({ target: targets, extendInfo: z.record(z.string(), z.string()) }),
  linux: z.object({
    target: targets,
    category: z.string(),
    maintainer: z.string(),
    desktop: z.object({ entry: z.record(z.string(), z.string()) }),
  }),
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

  it('ships only the bundles, never node_modules', () => {
    expect(config.files).toEqual(
      expect.arrayContaining([
        'dist/renderer/**',
        'dist-electron/**',
        'package.json',
        '!node_modules/**',
      ]),
    );
    expect(config.files.filter((pattern) => !pattern.startsWith('!'))).toHaveLength(3);
    expect(config.asar).toBe(true);
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
