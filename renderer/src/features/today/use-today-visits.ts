import { useLiveQuery } from 'dexie-react-hooks';
import type { CalendarDate } from '../../../../shared/clock/calendar-date';
import type { ClinicDb } from '../../db/database';
import { visitsOn } from '../../db/visits';
import type { Actor } from '../../db/write';

/** The day's first visits, drawn before the rest are read: more than a screenful. */
export const FIRST_PAGE = 50;

/**
 * A day's visits, live. The first page is one bounded read and draws at once; the whole day
 * (1,000 and more on a busy one) is read after it, so that logging in never waits on it.
 * `complete` says whether `visits` is the whole day yet.
 */
export const useTodayVisits = (db: ClinicDb, actor: Actor, date: CalendarDate) => {
  const first = useLiveQuery(
    () => visitsOn(db, actor, date, { limit: FIRST_PAGE }),
    [db, actor, date],
  );
  const more = first !== undefined && first.length >= FIRST_PAGE;
  const all = useLiveQuery(
    () => (more ? visitsOn(db, actor, date) : undefined),
    [db, actor, date, more],
  );
  return {
    visits: (more && all) || first,
    complete: first !== undefined && (!more || all !== undefined),
  };
};
