import { describe, expect, it } from 'vitest';
import { duplicateGate, lookAlikes } from './duplicates';

describe('registering beside a look-alike', () => {
  it('is clear when nobody matches', () => {
    expect(duplicateGate('resident', [])).toBe('clear');
  });

  it('the same resident ID number is the same person: only an officer may approve a second record', () => {
    expect(duplicateGate('resident', [{ matches: ['id-number'] }])).toBe('officer');
    expect(
      duplicateGate('resident', [{ matches: ['card-number'] }, { matches: ['id-number'] }]),
    ).toBe('officer');
  });

  it('a shared card number, or name and birth date, needs the desk’s reason', () => {
    expect(duplicateGate('resident', [{ matches: ['card-number'] }])).toBe('reason');
    expect(duplicateGate('resident', [{ matches: ['name-birth-date'] }])).toBe('reason');
  });

  it('another document type’s number is not proof of one person: a reason will do', () => {
    expect(duplicateGate('foreign-permanent', [{ matches: ['id-number'] }])).toBe('reason');
  });
});

describe('lines that look alike in a list', () => {
  it('are those with the same name and birth date, each of them', () => {
    const list = [
      { id: 'a', name: '张伟', birthDate: '1980-01-01' },
      { id: 'b', name: '张伟', birthDate: '1980-01-01' },
      { id: 'c', name: '张伟', birthDate: '1990-05-05' },
      { id: 'd', name: '李娜', birthDate: '1980-01-01' },
    ];
    expect(lookAlikes(list)).toEqual(new Set(['a', 'b']));
    expect(lookAlikes(list.slice(2))).toEqual(new Set());
  });
});
