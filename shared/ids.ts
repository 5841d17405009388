import { v7 } from 'uuid';
import type { Clock } from './clock/clock';

/** UUIDv7: sortable by creation time, made on the device without coordination (offline). */
export const newId = (clock?: Clock): string => (clock ? v7({ msecs: clock.now() }) : v7());
