import { describe, expect, it } from 'vitest';
import { debugEntryPoints, refusalText } from './debug-switches';

const clean = { PATH: '/usr/bin', HOME: '/home/desk' };

describe('debugging switches at launch', () => {
  it('finds none in an ordinary launch', () => {
    expect(debugEntryPoints(['/opt/ClinicDesk/clinicdesk'], clean)).toEqual([]);
    expect(
      debugEntryPoints(['ClinicDesk.exe', '--lang=zh-CN', 'C:\\备份\\a.cdbak'], clean),
    ).toEqual([]);
  });

  it("finds Chromium's DevTools server however the switch is written", () => {
    for (const argument of [
      '--remote-debugging-port=9222',
      '--remote-debugging-port',
      '--remote-debugging-pipe',
      '-remote-debugging-port=9222',
      '/remote-debugging-port=9222',
      '--REMOTE-DEBUGGING-PORT=9222',
      '--remote-debugging-address=0.0.0.0',
    ])
      expect(debugEntryPoints(['clinicdesk', argument], clean), argument).not.toEqual([]);
    expect(debugEntryPoints(['clinicdesk', '--remote-allow-origins=*'], clean)).toEqual([
      '--remote-allow-origins',
    ]);
  });

  it("finds Node's inspector in every spelling, also after a `--`", () => {
    for (const argument of ['--inspect', '--inspect=9229', '--inspect-brk', '--inspect-port=0'])
      expect(debugEntryPoints(['clinicdesk', '--', argument], clean), argument).toHaveLength(1);
  });

  it('finds the variables that run the app as Node or load code into it', () => {
    expect(debugEntryPoints(['clinicdesk'], { ...clean, ELECTRON_RUN_AS_NODE: '1' })).toEqual([
      'ELECTRON_RUN_AS_NODE',
    ]);
    expect(debugEntryPoints(['clinicdesk'], { ...clean, ELECTRON_RUN_AS_NODE: '' })).toEqual([
      'ELECTRON_RUN_AS_NODE',
    ]);
    for (const options of ['--inspect', '--require /tmp/x.js', '-r /tmp/x.js', '--import=x.mjs'])
      expect(
        debugEntryPoints(['clinicdesk'], { ...clean, NODE_OPTIONS: options }),
        options,
      ).toEqual(['NODE_OPTIONS']);
    // A developer's harmless global setting does not lock them out of the app.
    expect(
      debugEntryPoints(['clinicdesk'], { ...clean, NODE_OPTIONS: '--max-old-space-size=4096' }),
    ).toEqual([]);
  });

  it('names what it found, never its value, in Chinese and English', () => {
    const found = debugEntryPoints(['clinicdesk', '--remote-debugging-port=9222'], clean);
    const { title, body } = refusalText(found);
    expect(title).toContain('ClinicDesk 拒绝以调试方式启动');
    expect(body).toContain('--remote-debugging-port');
    expect(body).not.toContain('9222');
    expect(body).toContain('Open ClinicDesk from its desktop icon');
  });
});
