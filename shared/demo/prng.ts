/**
 * A small seeded pseudo-random generator for demo data: the same seed gives the same clinic on
 * every machine and every run, which Math.random cannot. Not for anything secret.
 */
export type Rng = {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  bytes(count: number): Uint8Array;
};

/** xmur3 (Bob Jenkins' one-at-a-time style mix): spreads any seed text over 32 bits. */
const hashSeed = (text: string): (() => number) => {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return (h ^= h >>> 16) >>> 0;
  };
};

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): passes PractRand, 128-bit state. */
export const createRng = (seed: string | number): Rng => {
  const mix = hashSeed(String(seed));
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm-up: the first outputs of a counting generator still show the seed's structure.
  for (let i = 0; i < 15; i++) next32();

  const next = () => next32() / 4294967296;
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('cannot pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    bytes: (count) => {
      const out = new Uint8Array(count);
      for (let i = 0; i < count; i += 4) {
        const word = next32();
        for (let j = 0; j < 4 && i + j < count; j++) out[i + j] = (word >>> (8 * j)) & 0xff;
      }
      return out;
    },
  };
};

/** Picks by relative weight in O(log n): built once per table, used for every patient. */
export const weightedPicker = <T>(
  entries: readonly (readonly [T, number])[],
): ((rng: Rng) => T) => {
  const cumulative: number[] = [];
  let total = 0;
  for (const [, weight] of entries) {
    if (!(weight > 0)) throw new RangeError('weights must be positive');
    total += weight;
    cumulative.push(total);
  }
  if (entries.length === 0) throw new RangeError('cannot pick from an empty table');
  return (rng) => {
    const target = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return entries[lo]![0];
  };
};
