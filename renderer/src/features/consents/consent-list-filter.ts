import type { CalendarDate } from '../../../../shared/clock/calendar-date';
import type { ConsentFilter, ConsentState } from '../../db/consents';

/** Anything that prints itself as a date: the dayjs values of antd's RangePicker. */
type PickedDay = { format(template: 'YYYY-MM-DD'): string };

/** What the filter bar holds; every field may be cleared. */
export type ConsentFilterValues = {
  days?: readonly [PickedDay | null, PickedDay | null] | null;
  patientId?: string | null;
  clinicianId?: string | null;
  state?: ConsentState | null;
};

/**
 * The list always covers some days: today when nothing is picked, one day when only one end is,
 * and the two ends in order when someone picked them backwards.
 */
export const toConsentFilter = (
  values: ConsentFilterValues,
  today: CalendarDate,
): ConsentFilter => {
  const [first, last] = (values.days ?? [null, null]).map((d) =>
    d ? (d.format('YYYY-MM-DD') as CalendarDate) : undefined,
  );
  const a = first ?? last ?? today;
  const b = last ?? first ?? today;
  const filter: ConsentFilter = { from: a <= b ? a : b, to: a <= b ? b : a };
  if (values.patientId) filter.patientId = values.patientId;
  if (values.clinicianId) filter.clinicianId = values.clinicianId;
  if (values.state) filter.state = values.state;
  return filter;
};
