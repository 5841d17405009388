import { describe, expect, it } from 'vitest';
import {
  coverageLabel,
  coverageParts,
  pdfFileName,
  percentOf,
  shortFingerprint,
  versionLine,
} from './notice-words';

describe('the notice wording', () => {
  it('writes a self-pay ratio as people do, without float noise', () => {
    expect(percentOf(1_000)).toBe('10%');
    expect(percentOf(750)).toBe('7.5%');
    expect(percentOf(1_234)).toBe('12.34%');
    expect(percentOf(5)).toBe('0.05%');
    expect(percentOf(10_000)).toBe('100%');
  });

  it('names the insurance class, with the 乙类 share the patient pays', () => {
    expect(coverageLabel('class-a', 0)).toBe('甲类');
    expect(coverageLabel('class-b', 2_000)).toBe('乙类（自付 20%）');
    expect(coverageLabel('self-pay', 10_000)).toBe('自费');
    expect(coverageParts('class-b', 750)).toEqual(['乙类', '（自付 7.5%）']);
  });

  it('says which version a correction replaces', () => {
    expect(versionLine(1)).toBe('第 1 版');
    expect(versionLine(2, 1)).toBe('第 2 版，更正第 1 版');
  });

  it('shortens the fingerprint into groups that can be read aloud', () => {
    expect(shortFingerprint('0123456789abcdef'.repeat(4))).toBe('0123 4567 89AB CDEF');
  });
});

describe('the PDF file name', () => {
  it('says what, which day and version, and whose by record id, not by name; nothing a file system refuses', () => {
    expect(
      pdfFileName({
        decision: 'agreed',
        patient: { id: 'p/3f9a 27c1-4e0b' },
        visit: { date: '2026-03-02' },
        version: 2,
      }),
    ).toBe('自费项目知情同意书-2026-03-02-v2-p_3f9a_2.pdf');
  });
});
