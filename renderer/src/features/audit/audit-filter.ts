import type { AuditAction, AuditEntity } from '../../../../shared/audit/audit-event';
import { DEFAULT_TIME_ZONE } from '../../../../shared/clock/calendar-date';
import type { AuditFilter } from '../../db/audit';
import { endOfClinicDay, startOfClinicDay } from '../../../../shared/clock/clinic-time';

/** Anything that prints itself as a date: the dayjs values of antd's RangePicker. */
type PickedDay = { format(template: 'YYYY-MM-DD'): string };

/** What the filter bar holds; every field may be cleared. */
export type AuditFilterValues = {
  actorId?: string | null;
  days?: readonly [PickedDay | null, PickedDay | null] | null;
  entity?: AuditEntity | null;
  action?: AuditAction | null;
};

/**
 * The picked days are the clinic's calendar days: from the first moment of the first day to the
 * last moment of the last day on the clinic's wall clock, as the ISO instants events are stored with.
 */
export const toAuditFilter = (
  values: AuditFilterValues,
  timeZone = DEFAULT_TIME_ZONE,
): AuditFilter => {
  const [first, last] = values.days ?? [null, null];
  const filter: AuditFilter = {};
  if (values.actorId) filter.actorId = values.actorId;
  if (first)
    filter.from = new Date(startOfClinicDay(first.format('YYYY-MM-DD'), timeZone)).toISOString();
  if (last) filter.to = new Date(endOfClinicDay(last.format('YYYY-MM-DD'), timeZone)).toISOString();
  if (values.entity) filter.entity = values.entity;
  if (values.action) filter.action = values.action;
  return filter;
};

/** Device ids are UUIDv7: the random tail tells devices apart, the time-ordered head does not. */
export const deviceTail = (deviceId: string): string => deviceId.slice(-6);
