import { describe, expect, it } from 'vitest';
import { complaintFileProblem, MAX_COMPLAINT_FILE_BYTES } from './attachment';

describe("a complaint's file", () => {
  it('may be an image or a PDF of at most 5 MB', () => {
    for (const type of ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'])
      expect(complaintFileProblem({ type, size: 1000 })).toBeUndefined();
    expect(
      complaintFileProblem({ type: 'application/pdf', size: MAX_COMPLAINT_FILE_BYTES }),
    ).toBeUndefined();
  });

  it('is refused when larger, empty, or of another type (a Word file, an unknown one)', () => {
    expect(complaintFileProblem({ type: 'image/png', size: MAX_COMPLAINT_FILE_BYTES + 1 })).toBe(
      'size',
    );
    expect(complaintFileProblem({ type: 'image/png', size: 0 })).toBe('empty');
    expect(
      complaintFileProblem({
        type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        size: 1000,
      }),
    ).toBe('type');
    expect(complaintFileProblem({ type: '', size: 1000 })).toBe('type');
  });
});
