import { describe, expect, it } from 'vitest';
import { inkLength, signaturePath, signatureProblem, strokesFromPoints } from './signature';

const pad = { width: 500, height: 200 };

describe('a signature', () => {
  it('is refused when nothing was drawn', () => {
    expect(signatureProblem(undefined)).toBe('empty');
    expect(signatureProblem({ ...pad, strokes: [] })).toBe('empty');
    expect(signatureProblem({ ...pad, strokes: [[10, 10]] })).toBe('too-short');
  });

  it('is refused when it is a dot or a short tick', () => {
    expect(signatureProblem({ ...pad, strokes: [[10, 10, 11, 11]] })).toBe('too-short');
    expect(signatureProblem({ ...pad, strokes: [[10, 10, 60, 10]] })).toBe('too-short');
    // long ink scribbled in one spot does not spread across the pad
    const scribble = Array.from({ length: 200 }, (_, i) => [10 + (i % 2) * 20, 10]).flat();
    expect(signatureProblem({ ...pad, strokes: [scribble] })).toBe('too-short');
  });

  it('is accepted when written across the pad like a name', () => {
    const zig = Array.from({ length: 20 }, (_, i) => [20 + i * 15, 50 + (i % 2) * 60]).flat();
    expect(inkLength({ strokes: [zig] })).toBeGreaterThan(150);
    expect(signatureProblem({ ...pad, strokes: [zig] })).toBeUndefined();
  });

  it('keeps the pad’s points rounded to a tenth and drops empty strokes', () => {
    expect(
      strokesFromPoints([
        {
          points: [
            { x: 1.234, y: 5.678 },
            { x: 2, y: 3 },
          ],
        },
        { points: [] },
      ]),
    ).toEqual([[1.2, 5.7, 2, 3]]);
  });

  it('draws as one SVG path', () => {
    expect(
      signaturePath({
        strokes: [
          [0, 0, 10, 0, 20, 10],
          [5, 5],
        ],
      }),
    ).toBe('M0 0Q10 0 15 5L20 10M5 5l0.1 0');
  });
});
