import { describe, expect, it } from 'vitest';
import { bestMatches, matchRank } from './match-rank';

const scaling = {
  code: '310514001',
  keys: ['310514001', '龈上洁治术（洗牙）', 'yinshangjiezhishu', 'ysjzs'],
};

describe('matching a typed query', () => {
  it('finds 龈上洁治术（洗牙） by a word in its middle, in 汉字 and in pinyin', () => {
    expect(matchRank('洗牙', scaling)).toBe('infix');
    expect(matchRank('洁治', scaling)).toBe('infix');
    expect(matchRank('jiezhi', scaling)).toBe('infix');
    expect(matchRank('0514', scaling)).toBe('infix');
  });

  it('ranks the exact code above a start, and a start above a middle', () => {
    expect(matchRank('310514001', scaling)).toBe('exact');
    expect(matchRank('3105', scaling)).toBe('prefix');
    expect(matchRank('龈上', scaling)).toBe('prefix');
    expect(matchRank('ysj', scaling)).toBe('prefix');
    expect(matchRank('根管', scaling)).toBeUndefined();
    expect(matchRank('', scaling)).toBeUndefined();
  });

  it('lists the best matches first and keeps the given order within a rank', () => {
    const items = [
      { code: 'a1', keys: ['a1', 'x根管'] },
      { code: 'a2', keys: ['a2', '根管治疗'] },
      { code: 'a3', keys: ['a3', 'y根管'] },
      { code: '根管', keys: ['根管'] },
      { code: 'a4', keys: ['a4', '根管充填'] },
    ];
    const codes = (limit: number) => bestMatches('根管', items, (i) => i, limit).map((i) => i.code);
    expect(codes(10)).toEqual(['根管', 'a2', 'a4', 'a1', 'a3']);
    expect(codes(2)).toEqual(['根管', 'a2']);
  });
});
