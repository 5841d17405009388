import { calendarDateAt, type CalendarDate } from '../clock/calendar-date';
import { endOfClinicDay } from '../clock/clinic-time';
import { addWorkingDays, isWorkingDay, type WorkingCalendar } from '../calendar/working-days';
import type { Complaint } from './complaint';
import type { DerivedComplaint } from './complaint-event';

/**
 * How urgent a complaint is now (PRODUCT.md §4.3: overdue and near-due complaints are impossible
 * to miss). Due soon: the first contact is less than 4 hours away, or the resolution less than
 * one working day away, i.e. its due day is the first working day from today on. An anonymous
 * complaint (a suggestion-box note) has nobody to contact: only its resolution is due.
 */
export type UrgencyLevel = 'overdue' | 'due-soon' | 'on-time' | 'closed';

export type Urgency = {
  level: UrgencyLevel;
  /** The deadline that decides the level; the earliest pending one (ms), for sorting. */
  deadline?: 'first-contact' | 'resolution';
  dueMs?: number;
};

const FIRST_CONTACT_WARNING_MS = 4 * 3600_000;

const RANK: Record<UrgencyLevel, number> = { overdue: 0, 'due-soon': 1, 'on-time': 2, closed: 3 };

/** Today if it is a working day, else the next one. */
const firstWorkingDayFrom = (date: CalendarDate, calendar?: WorkingCalendar): CalendarDate =>
  isWorkingDay(date, calendar) ? date : addWorkingDays(date, 1, calendar);

export const complaintUrgency = (
  complaint: Pick<Complaint, 'firstContactDue' | 'resolutionDue'> &
    Partial<Pick<Complaint, 'complainant'>>,
  derived: Pick<DerivedComplaint, 'state' | 'firstContactAt'>,
  now: number,
  calendar?: WorkingCalendar,
): Urgency => {
  if (derived.state === 'closed') return { level: 'closed' };
  const candidates: Urgency[] = [];
  if (!derived.firstContactAt && !isAnonymous(complaint)) {
    const dueMs = Date.parse(complaint.firstContactDue);
    const level =
      now > dueMs ? 'overdue' : dueMs - now < FIRST_CONTACT_WARNING_MS ? 'due-soon' : 'on-time';
    candidates.push({ level, deadline: 'first-contact', dueMs });
  }
  const resolutionMs = endOfClinicDay(complaint.resolutionDue);
  const level =
    now > resolutionMs
      ? 'overdue'
      : complaint.resolutionDue <= firstWorkingDayFrom(calendarDateAt(now), calendar)
        ? 'due-soon'
        : 'on-time';
  candidates.push({ level, deadline: 'resolution', dueMs: resolutionMs });
  return candidates.sort((a, b) => RANK[a.level] - RANK[b.level] || a.dueMs! - b.dueMs!)[0]!;
};

/** Nobody to call back: no first contact is due, and it may be resolved without one. */
export const isAnonymous = (complaint: Partial<Pick<Complaint, 'complainant'>>): boolean =>
  complaint.complainant?.kind === 'anonymous';

/** List order: overdue first, then due soon, then by the deadline that decides; closed last. */
export const byUrgency = (a: Urgency, b: Urgency): number =>
  RANK[a.level] - RANK[b.level] || (a.dueMs ?? Infinity) - (b.dueMs ?? Infinity);

/** What the shell's badge counts. */
export const needsAttention = (urgency: Urgency): boolean =>
  urgency.level === 'overdue' || urgency.level === 'due-soon';
