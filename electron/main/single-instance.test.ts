import { describe, expect, it } from 'vitest';
import { bringToFront } from './single-instance';

const window = (state: { minimized: boolean; destroyed?: boolean }) => {
  const calls: string[] = [];
  return {
    calls,
    isDestroyed: () => state.destroyed ?? false,
    isMinimized: () => state.minimized,
    restore: () => calls.push('restore'),
    show: () => calls.push('show'),
    focus: () => calls.push('focus'),
  };
};

describe('a second launch', () => {
  it('restores the minimised window and focuses it', () => {
    const first = window({ minimized: true });
    bringToFront(first);
    expect(first.calls).toEqual(['restore', 'show', 'focus']);
  });

  it('focuses a window that is merely behind others', () => {
    const first = window({ minimized: false });
    bringToFront(first);
    expect(first.calls).toEqual(['show', 'focus']);
  });

  it('does nothing while there is no window yet, or after it closed', () => {
    expect(() => bringToFront(undefined)).not.toThrow();
    const closed = window({ minimized: true, destroyed: true });
    bringToFront(closed);
    expect(closed.calls).toEqual([]);
  });
});
