import { v7 } from 'uuid';
import type { Clock } from './clock/clock';

/** UUIDv7: sortable by creation time, made on the device without coordination (offline). */
export const newId = (clock?: Clock): string => (clock ? v7({ msecs: clock.now() }) : v7());

/** A UUIDv7's first 13 characters: its time in ms, as 12 hex digits with a dash after 8. */
const timePrefix = (ms: number): string => {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}`;
};

/**
 * Bounds of the ids `newId` made from `from` to `to` (inclusive ISO instants; either may be
 * left open): a time range read through the primary key, in creation order, with no index by
 * time beside it. An instant that is not a date leaves its side open.
 */
export const idBoundsOf = (from?: string, to?: string): { lower: string; upper: string } => {
  const start = from === undefined ? NaN : Date.parse(from);
  const end = to === undefined ? NaN : Date.parse(to);
  return {
    lower: Number.isNaN(start) ? '' : timePrefix(start),
    upper: Number.isNaN(end) ? '\uffff' : `${timePrefix(end)}\uffff`,
  };
};
