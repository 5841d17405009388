import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { MenuCommand } from '../../shared/bridge/platform-bridge';
import { buildMenuTemplate, type MenuLanguage, type MenuOptions } from './menu';

const windows: MenuOptions = { platform: 'win32', dev: false, appName: 'ClinicDesk' };

const flatten = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);

const item = (items: MenuItemConstructorOptions[], id: MenuCommand) => {
  const found = flatten(items).find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no menu item ${id}`);
  return found;
};

const click = (menuItem: MenuItemConstructorOptions) =>
  (menuItem.click as (() => void) | undefined)?.();

describe('the application menu', () => {
  it.each([
    ['zh-CN', '锁定', '文件'],
    ['en', 'Lock', 'File'],
  ] as const)('in %s has a Lock item on Ctrl+L that sends "lock"', (language, label, file) => {
    const send = vi.fn();
    const template = buildMenuTemplate(language, send, windows);
    const lock = item(template, 'lock');

    expect(template[0]?.label).toBe(file);
    expect(lock).toMatchObject({ label, accelerator: 'CmdOrCtrl+L' });
    click(lock);
    expect(send).toHaveBeenCalledExactlyOnceWith('lock');
  });

  it.each<[MenuLanguage, Record<MenuCommand, string>]>([
    [
      'zh-CN',
      { lock: '锁定', logout: '退出登录', 'open-settings': '设置', 'open-audit': '审计日志' },
    ],
    [
      'en',
      { lock: 'Lock', logout: 'Log out', 'open-settings': 'Settings', 'open-audit': 'Audit log' },
    ],
  ])('in %s sends each page command from its own item', (language, expected) => {
    const send = vi.fn();
    const template = buildMenuTemplate(language, send, windows);
    for (const [command, label] of Object.entries(expected)) {
      const menuItem = item(template, command as MenuCommand);
      expect(menuItem.label).toBe(label);
      click(menuItem);
      expect(send).toHaveBeenLastCalledWith(command);
    }
  });

  it('has File, Edit, View and Help on Windows, with Quit under File', () => {
    const template = buildMenuTemplate('zh-CN', vi.fn(), windows);
    expect(template.map((menu) => menu.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    expect(flatten(template).find((entry) => entry.role === 'quit')?.label).toBe('退出');
    expect(flatten(template).find((entry) => entry.role === 'about')?.label).toBe(
      '关于 ClinicDesk',
    );
  });

  it('offers reload and DevTools only to developers', () => {
    const roles = (dev: boolean) =>
      flatten(buildMenuTemplate('en', vi.fn(), { ...windows, dev })).map((entry) => entry.role);
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('on macOS starts with the app menu, which holds About and Quit', () => {
    const template = buildMenuTemplate('zh-CN', vi.fn(), { ...windows, platform: 'darwin' });
    expect(template[0]?.label).toBe('ClinicDesk');
    const appMenu = Array.isArray(template[0]?.submenu) ? template[0].submenu : [];
    expect(appMenu.map((entry) => entry.role)).toEqual(
      expect.arrayContaining(['about', 'hide', 'quit']),
    );
    expect(template.map((menu) => menu.label)).toEqual([
      'ClinicDesk',
      '文件',
      '编辑',
      '视图',
      '窗口',
    ]);
  });
});
