import type { MenuItemConstructorOptions } from 'electron';
import type { z } from 'zod';
import type { languageChangeSchema, MenuCommand } from '../../shared/bridge/platform-bridge';

export type MenuLanguage = z.infer<typeof languageChangeSchema>;

export type MenuOptions = {
  platform: NodeJS.Platform;
  /** Reload and DevTools: for developers only, never in a packaged build. */
  dev: boolean;
  appName: string;
};

const labels = {
  'zh-CN': {
    file: '文件',
    lock: '锁定',
    logout: '退出登录',
    quit: '退出',
    close: '关闭窗口',
    edit: '编辑',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    view: '视图',
    settings: '设置',
    audit: '审计日志',
    resetZoom: '实际大小',
    zoomIn: '放大',
    zoomOut: '缩小',
    reload: '重新加载',
    devTools: '开发者工具',
    window: '窗口',
    help: '帮助',
    about: (app: string) => `关于 ${app}`,
    hide: (app: string) => `隐藏 ${app}`,
    hideOthers: '隐藏其他',
    unhide: '全部显示',
    quitApp: (app: string) => `退出 ${app}`,
  },
  en: {
    file: 'File',
    lock: 'Lock',
    logout: 'Log out',
    quit: 'Quit',
    close: 'Close window',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
    view: 'View',
    settings: 'Settings',
    audit: 'Audit log',
    resetZoom: 'Actual size',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    reload: 'Reload',
    devTools: 'Developer tools',
    window: 'Window',
    help: 'Help',
    about: (app: string) => `About ${app}`,
    hide: (app: string) => `Hide ${app}`,
    hideOthers: 'Hide others',
    unhide: 'Show all',
    quitApp: (app: string) => `Quit ${app}`,
  },
} as const satisfies Record<MenuLanguage, Record<string, string | ((app: string) => string)>>;

const separator: MenuItemConstructorOptions = { type: 'separator' };

/**
 * The application menu, in the UI's language. Items that concern the page (lock, log out,
 * settings, audit log) only send a command: the page decides what it means, because only the
 * page knows who is signed in.
 */
export const buildMenuTemplate = (
  language: MenuLanguage,
  send: (command: MenuCommand) => void,
  { platform, dev, appName }: MenuOptions = {
    platform: process.platform,
    dev: false,
    appName: 'ClinicDesk',
  },
): MenuItemConstructorOptions[] => {
  const t = labels[language];
  const mac = platform === 'darwin';
  const command = (id: MenuCommand, label: string, accelerator?: string) =>
    ({ id, label, accelerator, click: () => send(id) }) satisfies MenuItemConstructorOptions;

  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      { role: 'about', label: t.about(appName) },
      separator,
      { role: 'hide', label: t.hide(appName) },
      { role: 'hideOthers', label: t.hideOthers },
      { role: 'unhide', label: t.unhide },
      separator,
      { role: 'quit', label: t.quitApp(appName) },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: t.file,
    submenu: [
      command('lock', t.lock, 'CmdOrCtrl+L'),
      command('logout', t.logout),
      separator,
      mac ? { role: 'close', label: t.close } : { role: 'quit', label: t.quit },
    ],
  };

  // Without an Edit menu, macOS ignores Cmd+C / Cmd+V in text fields.
  const editMenu: MenuItemConstructorOptions = {
    label: t.edit,
    submenu: [
      { role: 'undo', label: t.undo },
      { role: 'redo', label: t.redo },
      separator,
      { role: 'cut', label: t.cut },
      { role: 'copy', label: t.copy },
      { role: 'paste', label: t.paste },
      { role: 'selectAll', label: t.selectAll },
    ],
  };

  const developerItems: MenuItemConstructorOptions[] = dev
    ? [
        separator,
        { role: 'reload', label: t.reload },
        { role: 'toggleDevTools', label: t.devTools },
      ]
    : [];

  const viewMenu: MenuItemConstructorOptions = {
    label: t.view,
    submenu: [
      command('open-settings', t.settings, 'CmdOrCtrl+,'),
      command('open-audit', t.audit),
      separator,
      { role: 'resetZoom', label: t.resetZoom },
      { role: 'zoomIn', label: t.zoomIn },
      { role: 'zoomOut', label: t.zoomOut },
      ...developerItems,
    ],
  };

  const windowMenu: MenuItemConstructorOptions = { role: 'windowMenu', label: t.window };
  const helpMenu: MenuItemConstructorOptions = {
    label: t.help,
    submenu: [{ role: 'about', label: t.about(appName) }],
  };

  return mac
    ? [appMenu, fileMenu, editMenu, viewMenu, windowMenu]
    : [fileMenu, editMenu, viewMenu, helpMenu];
};
