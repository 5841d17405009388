import { useEffect, useState } from 'react';
import type { Clock } from '../../../../shared/clock/clock';

/**
 * Now from the injected clock, read again every `everyMs`: a complaint becomes due soon or
 * overdue while the screen stays open, without anything being written.
 */
export const useNow = (clock: Clock, everyMs = 30_000): number => {
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(clock.now()), everyMs);
    return () => clearInterval(timer);
  }, [clock, everyMs]);
  return now;
};
