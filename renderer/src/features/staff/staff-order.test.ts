import { describe, expect, it } from 'vitest';
import { orderStaff } from './staff-order';

const person = (displayName: string, username: string, active = true) => ({
  displayName,
  username,
  active,
});

describe('staff list order', () => {
  it('lists active people before deactivated ones', () => {
    const list = orderStaff([
      person('王芳', 'wangfang', false),
      person('赵强', 'zhaoqiang'),
      person('李娜', 'lina'),
    ]);
    expect(list.map((s) => s.username)).toEqual(['lina', 'zhaoqiang', 'wangfang']);
  });

  it('sorts names by pinyin, and namesakes by username', () => {
    const list = orderStaff([
      person('张伟', 'zhangwei2'),
      person('陈静', 'chenjing'),
      person('张伟', 'zhangwei'),
      person('艾明', 'aiming'),
    ]);
    expect(list.map((s) => s.username)).toEqual(['aiming', 'chenjing', 'zhangwei', 'zhangwei2']);
  });
});
