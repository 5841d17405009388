import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { survivorOf } from './merge';

const pointers =
  (map: Record<string, string>) =>
  (id: string): string | undefined =>
    map[id];

describe('the record a merged patient stands for', () => {
  it('is the record itself when it was never merged', () => {
    expect(survivorOf('a', pointers({}))).toBe('a');
  });

  it('follows the pointers to the end', () => {
    const next = pointers({ a: 'b', b: 'c' });
    expect(survivorOf('a', next)).toBe('c');
    expect(survivorOf('b', next)).toBe('c');
    expect(survivorOf('c', next)).toBe('c');
  });

  it('opposite merges made offline resolve to the lower id on every record', () => {
    const next = pointers({ p2: 'p1', p1: 'p2' });
    expect(survivorOf('p1', next)).toBe('p1');
    expect(survivorOf('p2', next)).toBe('p1');
  });

  it('a record pointing into a loop ends at the loop’s lowest id', () => {
    const next = pointers({ z: 'c', c: 'b', b: 'c' });
    expect(survivorOf('z', next)).toBe('b');
  });

  it('stops where `next` stops: a pointer to a record not on this PC yet is not followed', () => {
    const held = new Set(['a', 'b']);
    const map: Record<string, string> = { a: 'b', b: 'missing' };
    const next = (id: string) => (map[id] && held.has(map[id]) ? map[id] : undefined);
    expect(survivorOf('a', next)).toBe('b');
  });

  it('every record of one chain or loop has the same survivor, whatever the pointers', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...ids, undefined), { minLength: 5, maxLength: 5 }),
        (targets) => {
          const map: Record<string, string> = {};
          ids.forEach((id, i) => {
            const target = targets[i];
            if (target !== undefined) map[id] = target;
          });
          const next = pointers(map);
          for (const id of ids) {
            const survivor = survivorOf(id, next);
            // The survivor stands for itself, and it is reachable from the record.
            expect(survivorOf(survivor, next)).toBe(survivor);
            if (map[id] !== undefined) expect(survivorOf(map[id], next)).toBe(survivor);
          }
        },
      ),
    );
  });
});
