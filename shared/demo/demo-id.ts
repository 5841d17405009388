import { v7 } from 'uuid';
import type { Rng } from './prng';

/**
 * A UUIDv7 like `newId` makes, but with its timestamp and random bits from the demo generator,
 * so that the same seed yields the same ids.
 */
export const demoId = (rng: Rng, msecs: number): string => v7({ msecs, random: rng.bytes(16) });
