/**
 * Ways to attach a debugger to the desktop app, or to run it as a bare Node: with any of them,
 * whoever sits at the PC (after quitting from the lock screen) could read the whole store and
 * drive the backup bridge. The shipped binary's fuses turn the Node ones off (electron-builder.yml);
 * Chromium's DevTools server has no fuse and starts whenever its switch is present, so a packaged
 * app refuses to start with any of these (issue 10, item 1).
 */

/** Chromium and Node switches, matched by prefix: `--inspect` covers `--inspect-brk=…` too. */
const SWITCH_PREFIXES = ['remote-debugging-', 'remote-allow-origins', 'inspect'] as const;

/** Node options that load code or open the inspector, were the NODE_OPTIONS fuse ever left on. */
const NODE_OPTION = /(^|\s)(--inspect|--require|-r\b|--import|--loader|--experimental-loader)/;

/**
 * Chromium reads switches as `--name`, `--name=value` and `-name` (and `/name` on Windows),
 * names case-insensitively on Windows. Every argument counts, even after a `--`.
 */
const switchName = (argument: string): string | undefined => {
  const match = /^(?:--?|\/)([A-Za-z][\w-]*)/.exec(argument);
  return match?.[1]?.toLowerCase();
};

/**
 * What, in this launch, would open the app to a debugger: the switches and variables found, by
 * name only (their values are not echoed). Empty when the launch is clean.
 */
export const debugEntryPoints = (
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): string[] => {
  const found = new Set<string>();
  for (const argument of argv) {
    const name = switchName(argument);
    if (name && SWITCH_PREFIXES.some((prefix) => name.startsWith(prefix))) found.add(`--${name}`);
  }
  if (env.ELECTRON_RUN_AS_NODE !== undefined) found.add('ELECTRON_RUN_AS_NODE');
  if (env.NODE_OPTIONS && NODE_OPTION.test(env.NODE_OPTIONS)) found.add('NODE_OPTIONS');
  return [...found];
};

/** What the person at the PC is told: the app will not start in this mode, and why. */
export const refusalText = (found: readonly string[]) => ({
  title: 'ClinicDesk 拒绝以调试方式启动 / ClinicDesk will not start in debugging mode',
  body:
    `启动参数或环境中含有调试开关（${found.join('、')}）。这会让他人读取诊所的全部数据，` +
    '因此 ClinicDesk 不会启动。请直接从桌面图标或开始菜单打开 ClinicDesk；' +
    '如果是他人设置的快捷方式，请告知诊所负责人。\n\n' +
    `The launch carries debugging switches (${found.join(', ')}), which would let someone read ` +
    "all of the clinic's data, so ClinicDesk does not start. Open ClinicDesk from its desktop " +
    'icon or the Start menu; if someone else set up this shortcut, tell the clinic owner.',
});
