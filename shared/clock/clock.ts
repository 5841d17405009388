/** The one source of "now" in the app. Tests inject a fixed or stepping clock. */
export type Clock = { now(): number };

export const systemClock: Clock = { now: () => Date.now() };

/** A clock for tests and simulations: it only moves when told to. */
export const manualClock = (
  start: number | string,
): Clock & { set(t: number | string): void; advance(ms: number): void } => {
  let t = typeof start === 'string' ? Date.parse(start) : start;
  return {
    now: () => t,
    set: (next) => {
      t = typeof next === 'string' ? Date.parse(next) : next;
    },
    advance: (ms) => {
      t += ms;
    },
  };
};
