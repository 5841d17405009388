import { useRef } from 'react';

/**
 * A keyboard-wedge card reader "types" a whole number at a few milliseconds per key and ends with
 * Enter; the fastest typists need about 80 ms a key. A median gap of MAX_READER_GAP_MS or less,
 * over at least MIN_READER_KEYS keys, is the reader. The median, because a busy PC may stall one
 * key of a reader's burst, and a person may hit two keys at once.
 */
export const MIN_READER_KEYS = 6;
export const MAX_READER_GAP_MS = 50;
const EDITING_KEYS = new Set(['Backspace', 'Delete', 'ArrowLeft', 'ArrowRight', 'Home', 'End']);

/** A pause this long starts a new entry: what came before it was not part of one swipe. */
const NEW_ENTRY_MS = 1_000;

/** Whether the key-press times of one entry (ending at the Enter) came from a reader. */
export const looksLikeReader = (times: readonly number[]): boolean => {
  if (times.length < MIN_READER_KEYS) return false;
  const gaps = times
    .slice(1)
    .map((t, i) => t - times[i]!)
    .sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)]! <= MAX_READER_GAP_MS;
};

/**
 * Times the printable keys typed into one field; `finish()` at Enter says whether a reader typed
 * them. Editing keys (Backspace, arrows) start over: a corrected number was typed by a person.
 */
export const useWedgeTiming = () => {
  const times = useRef<number[]>([]);
  const onKey = (key: string, at: number) => {
    if (key.length !== 1) {
      // A reader sends Shift around capital letters; only editing keys mean a person was here.
      if (EDITING_KEYS.has(key)) times.current = [];
      return;
    }
    const last = times.current.at(-1);
    if (last !== undefined && at - last > NEW_ENTRY_MS) times.current = [];
    times.current.push(at);
  };
  const finish = (): boolean => {
    const reader = looksLikeReader(times.current);
    times.current = [];
    return reader;
  };
  return { onKey, finish };
};
