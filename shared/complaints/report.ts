import { dayNumber, type CalendarDate } from '../clock/calendar-date';
import { endOfClinicDay, startOfClinicDay } from '../clock/clinic-time';
import {
  complaintCategories,
  complaintChannels,
  type Complaint,
  type ComplaintCategory,
  type ComplaintChannel,
} from './complaint';
import { deriveComplaint, type ComplaintEvent, type ComplaintState } from './complaint-event';
import { isAnonymous } from './urgency';

/**
 * The complaints report (PRODUCT.md §4, issue 9 item 5) over a range of clinic calendar days.
 *
 * Definitions, all on the clinic's clock (Asia/Shanghai):
 * - The range is [from, to], two 'YYYY-MM-DD' days, both included: from 00:00:00.000 of `from`
 *   to 23:59:59.999 of `to`. A complaint is *received in range* when its `receivedAt` instant
 *   falls inside; every per-complaint figure below is over those complaints.
 * - Every state is taken *as of* `asOf` (below): the timeline's events written by then, applied
 *   as `deriveComplaint` applies them (events after a closing are ignored until a reopening).
 *   A complaint is *closed* when its state as of `asOf` is closed; its *closing* is the closing
 *   that stands then (after a reopening, the later one). A complaint reopened and still open
 *   counts as open, never as closed too, so closed + open-in-range = received.
 * - *Closed within deadline*: closed, and its closing was written (`at`) on or before the end of
 *   its `resolutionDue` day (23:59:59.999 that day). Each row also says `deadline`: `met`,
 *   `missed` (closed late, or not closed and its day ended before `asOf`), or `pending`.
 * - *Handling rate* = closed within deadline / received in range; `null` when nothing was
 *   received (no rate, rather than 0 % or 100 %).
 * - *Time to first contact*: from receipt to the earliest `contactedAt`; *time to resolution*:
 *   from receipt to the closing. Both are medians in hours over the complaints received in
 *   range that have them (`null` when none do); with an even count, the mean of the middle two.
 * - *Open and overdue at the end*: the moment `asOf` is the end of `to`, or `now` when that is
 *   earlier (a range ending in the future). Every complaint received by then (in range or
 *   before) whose timeline, as written by `asOf`, leaves it not closed is open; it is overdue
 *   when its resolution day ended before `asOf`, or it had no first contact by `asOf` and its
 *   first-contact deadline passed.
 * - *Causes and measures*: one entry per complaint received in range and closed, from its
 *   closing.
 *
 * Consultations (咨询, seed 000 第十七條) come from the consultation log as
 * `{ at: ISO instant with offset; topic: string }`; the report counts those whose `at` falls in
 * the range, in total and per topic (as written, most asked first). A caller without a
 * consultation log passes an empty array and the report shows zero consultations.
 *
 * One pass over the events (grouping) and one over the complaints: O(n), and the per-day deadline
 * instants are cached by date, so 10k complaints with their events take a few tens of ms.
 */

export type Consultation = { at: string; topic: string };

export type ReportRange = { from: CalendarDate; to: CalendarDate };

export type ReportRow = {
  id: string;
  receivedAt: string;
  channel: ComplaintChannel;
  category: ComplaintCategory;
  severity: Complaint['severity'];
  /** Its state as of `asOf`. */
  state: ComplaintState;
  /** Nobody to contact: an open one waits to be looked into, not for a call back. */
  anonymous: boolean;
  resolutionDue: CalendarDate;
  /** When the closing that stands as of `asOf` was written, if it is closed. */
  closedAt: string | undefined;
  deadline: 'met' | 'missed' | 'pending';
};

export type OpenItem = {
  id: string;
  receivedAt: string;
  channel: ComplaintChannel;
  category: ComplaintCategory;
  severity: Complaint['severity'];
  /** Its state at `asOf`. */
  state: Exclude<ComplaintState, 'closed'>;
  anonymous: boolean;
  resolutionDue: CalendarDate;
  overdue: boolean;
};

export type CauseAndMeasure = {
  id: string;
  receivedAt: string;
  category: ComplaintCategory;
  closedAt: string;
  cause: string;
  measure: string;
};

export type ComplaintReport = {
  range: ReportRange;
  /** The moment the open and overdue lists describe (ms). */
  asOf: number;
  received: number;
  byChannel: Record<ComplaintChannel, number>;
  byCategory: Record<ComplaintCategory, number>;
  closed: number;
  closedWithinDeadline: number;
  /** closedWithinDeadline / received, 0..1; null when nothing was received. */
  handlingRate: number | null;
  medianHoursToFirstContact: number | null;
  medianHoursToResolution: number | null;
  /** Complaints received in range, in order of receipt. */
  rows: ReportRow[];
  /** Open at `asOf`, overdue first, then by resolution day. */
  open: OpenItem[];
  overdue: number;
  causes: CauseAndMeasure[];
  consultations: { count: number; byTopic: { topic: string; count: number }[] };
};

const HOUR_MS = 3_600_000;

const zeroCounts = <K extends string>(keys: readonly K[]): Record<K, number> => {
  const counts = {} as Record<K, number>;
  for (const key of keys) counts[key] = 0;
  return counts;
};

/** The median of the first `length` values (sorted in place). */
const median = (values: Float64Array, length: number): number | null => {
  if (length === 0) return null;
  const sorted = values.subarray(0, length).sort();
  const mid = length >> 1;
  return length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The rows by receipt (stable); as they are when already in order, as a store usually gives them. */
const inOrderOfReceipt = (rows: ReportRow[], received: readonly number[]): ReportRow[] => {
  let sorted = true;
  for (let i = 1; i < received.length && sorted; i++) sorted = received[i - 1]! <= received[i]!;
  if (sorted) return rows;
  const order = Array.from(received.keys()).sort((a, b) => received[a]! - received[b]! || a - b);
  return order.map((i) => rows[i]!);
};

/** Checks the range's shape and order; throws a RangeError a caller can show. */
export const checkRange = ({ from, to }: ReportRange): void => {
  if (dayNumber(to) < dayNumber(from)) throw new RangeError('report range ends before it starts');
};

export const complaintReport = (input: {
  complaints: readonly Complaint[];
  events: readonly ComplaintEvent[];
  consultations: readonly Consultation[];
  range: ReportRange;
  /** The injected clock's now (ms). */
  now: number;
}): ComplaintReport => {
  const { complaints, events, consultations, range, now } = input;
  checkRange(range);
  const fromMs = startOfClinicDay(range.from);
  const toMs = endOfClinicDay(range.to);
  const asOf = Math.min(toMs, now);

  const eventsOf = new Map<string, ComplaintEvent[]>();
  for (const event of events) {
    const list = eventsOf.get(event.complaintId);
    if (list) list.push(event);
    else eventsOf.set(event.complaintId, [event]);
  }
  const dueEnds = new Map<string, number>();
  const dueEnd = (date: CalendarDate): number => {
    let end = dueEnds.get(date);
    if (end === undefined) dueEnds.set(date, (end = endOfClinicDay(date)));
    return end;
  };

  const byChannel = zeroCounts(complaintChannels);
  const byCategory = zeroCounts(complaintCategories);
  const contactHours = new Float64Array(complaints.length);
  const resolutionHours = new Float64Array(complaints.length);
  let contacts = 0;
  let resolutions = 0;
  let closed = 0;
  let closedWithinDeadline = 0;
  let overdue = 0;
  const rows: ReportRow[] = [];
  /** Each row's receipt (ms), to order the rows without parsing their times again. */
  const rowReceived: number[] = [];
  const open: OpenItem[] = [];
  const causes: CauseAndMeasure[] = [];
  const none: ComplaintEvent[] = [];

  for (const complaint of complaints) {
    const receivedMs = Date.parse(complaint.receivedAt);
    if (receivedMs > asOf && receivedMs > toMs) continue;
    const inRange = receivedMs >= fromMs && receivedMs <= toMs;
    if (!inRange && receivedMs > asOf) continue;
    const derived = deriveComplaint(complaint, eventsOf.get(complaint.id) ?? none);

    // Walk the timeline once, in order of writing: the state and the standing closing as of
    // asOf (events after it are the later ones, and left out).
    let closing: ComplaintEvent | undefined;
    let stateAtEnd: ComplaintState = 'open';
    let closedNow = false;
    for (const event of derived.timeline) {
      const kind = event.facts.kind;
      if (closedNow && kind !== 'reopened') continue; // ignored, as deriveComplaint does
      if (Date.parse(event.at) > asOf) break;
      if (kind === 'closed') {
        closedNow = true;
        closing = event;
        stateAtEnd = 'closed';
      } else if (kind === 'reopened') {
        closedNow = false;
        closing = undefined;
        stateAtEnd = 'contacted';
      } else if (kind === 'contacted' && stateAtEnd === 'open') stateAtEnd = 'contacted';
      else if (kind === 'resolved') stateAtEnd = 'resolved';
    }

    if (inRange) {
      byChannel[complaint.channel]++;
      byCategory[complaint.category]++;
      const end = dueEnd(complaint.resolutionDue);
      const closedMs = closing ? Date.parse(closing.at) : undefined;
      const deadline =
        closedMs !== undefined
          ? closedMs <= end
            ? 'met'
            : 'missed'
          : end < asOf
            ? 'missed'
            : 'pending';
      if (closedMs !== undefined) {
        closed++;
        resolutionHours[resolutions++] = (closedMs - receivedMs) / HOUR_MS;
      }
      if (deadline === 'met') closedWithinDeadline++;
      if (derived.firstContactAt !== undefined)
        contactHours[contacts++] = (Date.parse(derived.firstContactAt) - receivedMs) / HOUR_MS;
      rowReceived.push(receivedMs);
      rows.push({
        id: complaint.id,
        receivedAt: complaint.receivedAt,
        channel: complaint.channel,
        category: complaint.category,
        severity: complaint.severity,
        state: stateAtEnd,
        anonymous: isAnonymous(complaint),
        resolutionDue: complaint.resolutionDue,
        closedAt: closing?.at,
        deadline,
      });
      if (closing?.facts.kind === 'closed')
        causes.push({
          id: complaint.id,
          receivedAt: complaint.receivedAt,
          category: complaint.category,
          closedAt: closing.at,
          cause: closing.facts.cause,
          measure: closing.facts.measure,
        });
    }

    if (receivedMs <= asOf && stateAtEnd !== 'closed') {
      const late =
        dueEnd(complaint.resolutionDue) < asOf ||
        (stateAtEnd === 'open' &&
          !isAnonymous(complaint) &&
          Date.parse(complaint.firstContactDue) < asOf);
      if (late) overdue++;
      open.push({
        id: complaint.id,
        receivedAt: complaint.receivedAt,
        channel: complaint.channel,
        category: complaint.category,
        severity: complaint.severity,
        state: stateAtEnd,
        anonymous: isAnonymous(complaint),
        resolutionDue: complaint.resolutionDue,
        overdue: late,
      });
    }
  }

  const orderedRows = inOrderOfReceipt(rows, rowReceived);
  open.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.resolutionDue < b.resolutionDue ? -1 : a.resolutionDue > b.resolutionDue ? 1 : 0),
  );

  const topics = new Map<string, number>();
  let consultationCount = 0;
  for (const consultation of consultations) {
    const at = Date.parse(consultation.at);
    if (at < fromMs || at > toMs) continue;
    consultationCount++;
    topics.set(consultation.topic, (topics.get(consultation.topic) ?? 0) + 1);
  }
  const byTopic = [...topics].map(([topic, count]) => ({ topic, count }));
  byTopic.sort((a, b) => b.count - a.count || (a.topic < b.topic ? -1 : 1));

  return {
    range,
    asOf,
    received: rows.length,
    byChannel,
    byCategory,
    closed,
    closedWithinDeadline,
    handlingRate: rows.length === 0 ? null : closedWithinDeadline / rows.length,
    medianHoursToFirstContact: median(contactHours, contacts),
    medianHoursToResolution: median(resolutionHours, resolutions),
    rows: orderedRows,
    open,
    overdue,
    causes,
    consultations: { count: consultationCount, byTopic },
  };
};
