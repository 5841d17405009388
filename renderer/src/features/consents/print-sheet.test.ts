import { describe, expect, it } from 'vitest';
import { pageRule } from './print-sheet';

describe('the printed page', () => {
  it('sets the paper the person chose, with page numbers', () => {
    const rule = pageRule('A5', '康宁口腔诊所 · 王小明');
    expect(rule).toContain('size: A5;');
    expect(rule).toContain('content: "康宁口腔诊所 · 王小明"');
    expect(rule).toContain('counter(pages)');
  });

  it('keeps a name with quotes or backslashes inside its CSS string', () => {
    expect(pageRule('A4', 'a"b\\c}\n')).toContain('content: "a\\"b\\\\c} "');
  });
});
