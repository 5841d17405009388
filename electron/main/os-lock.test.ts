import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { lockWithTheOs } from './os-lock';

describe('the app locks with the PC', () => {
  it('locks when the screen is locked and when the PC goes to sleep, not on other events', () => {
    const power = new EventEmitter();
    const locks: string[] = [];
    lockWithTheOs(power, () => locks.push('lock'));
    power.emit('resume');
    power.emit('unlock-screen');
    expect(locks).toEqual([]);
    power.emit('lock-screen');
    power.emit('suspend');
    expect(locks).toEqual(['lock', 'lock']);
  });
});
