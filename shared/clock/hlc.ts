import type { Clock } from './clock';

/**
 * Hybrid logical clock (Kulkarni et al.): orders changes across devices even when their wall
 * clocks disagree. Encoded as a fixed-width string so that string order is causal order:
 *   "<wall ms, 15 digits>-<counter, 5 digits>-<node id>"
 */
export type HlcTimestamp = { wall: number; counter: number; node: string };

const MAX_COUNTER = 99_999;
/** A remote stamp more than this far ahead of our wall clock is refused: one bad PC clock must not drag every device into the future. */
export const DEFAULT_MAX_DRIFT_MS = 5 * 60_000;

export class HlcError extends Error {
  constructor(
    readonly reason: 'drift' | 'counter-overflow' | 'malformed',
    message: string,
  ) {
    super(message);
    this.name = 'HlcError';
  }
}

export const encodeHlc = (t: HlcTimestamp): string =>
  `${String(t.wall).padStart(15, '0')}-${String(t.counter).padStart(5, '0')}-${t.node}`;

const HLC_PATTERN = /^(\d{15})-(\d{5})-(.+)$/;

export const decodeHlc = (text: string): HlcTimestamp => {
  const match = HLC_PATTERN.exec(text);
  if (!match) throw new HlcError('malformed', `not an HLC timestamp: ${text.slice(0, 40)}`);
  return { wall: Number(match[1]), counter: Number(match[2]), node: match[3]! };
};

export type Hlc = {
  /** Stamp a local event. */
  tick(): string;
  /** Merge a stamp seen from another device, then stamp the receipt. */
  receive(remote: string): string;
  /** The last stamp issued, for persisting. */
  last(): string;
};

export const createHlc = (options: {
  node: string;
  clock: Clock;
  /** The last stamp this device issued before a restart, so time never runs backwards. */
  last?: string;
  maxDriftMs?: number;
}): Hlc => {
  const { node, clock, maxDriftMs = DEFAULT_MAX_DRIFT_MS } = options;
  let state: HlcTimestamp = options.last
    ? { ...decodeHlc(options.last), node }
    : { wall: 0, counter: 0, node };

  const advance = (wall: number, counter: number): string => {
    if (counter > MAX_COUNTER) {
      throw new HlcError(
        'counter-overflow',
        'too many changes within one millisecond of a stalled clock',
      );
    }
    state = { wall, counter, node };
    return encodeHlc(state);
  };

  return {
    tick() {
      const now = clock.now();
      return now > state.wall ? advance(now, 0) : advance(state.wall, state.counter + 1);
    },
    receive(remoteText) {
      const remote = decodeHlc(remoteText);
      const now = clock.now();
      if (remote.wall - now > maxDriftMs) {
        throw new HlcError(
          'drift',
          `a device's clock is ${Math.round((remote.wall - now) / 1000)} s ahead of this one`,
        );
      }
      const wall = Math.max(now, state.wall, remote.wall);
      if (wall === state.wall && wall === remote.wall) {
        return advance(wall, Math.max(state.counter, remote.counter) + 1);
      }
      if (wall === state.wall) return advance(wall, state.counter + 1);
      if (wall === remote.wall) return advance(wall, remote.counter + 1);
      return advance(wall, 0);
    },
    last: () => encodeHlc(state),
  };
};
