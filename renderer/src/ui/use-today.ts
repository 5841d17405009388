import { useEffect, useState } from 'react';
import { addDays, today, type CalendarDate } from '../../../shared/clock/calendar-date';
import type { Clock } from '../../../shared/clock/clock';
import { startOfClinicDay } from '../../../shared/clock/clinic-time';

/**
 * Today's date in the clinic, for a screen that stays open: it turns over at midnight by itself
 * (a desk that leaves Today open overnight sees the new day's visits, not yesterday's). A PC that
 * slept through midnight turns over when it wakes, as its timer then fires.
 */
export const useToday = (clock: Clock): CalendarDate => {
  const date = today(clock);
  // Each firing draws the screen again and sets the next timer, even one that fired early.
  const [checks, setChecks] = useState(0);
  useEffect(() => {
    const wait = startOfClinicDay(addDays(date, 1)) - clock.now();
    const timer = setTimeout(() => setChecks((n) => n + 1), Math.max(wait, 0) + 50);
    return () => clearTimeout(timer);
  }, [clock, date, checks]);
  return date;
};
