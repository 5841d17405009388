import { z } from 'zod';
import type { ComplaintCategory } from './complaint';
import type { Urgency } from './urgency';

/**
 * Which complaints to raise a desktop notification for (PRODUCT.md §4.3: overdue and near-due
 * complaints are impossible to miss). Once when a deadline becomes due soon, once when it becomes
 * overdue, never twice for the same level of the same deadline, none for a closed complaint. A
 * complaint that went overdue while the PC was off is told once, as overdue, not as due soon too.
 *
 * The state is this device's memory of what it already told (kept in localStorage, not synced):
 * per complaint, the `level:deadline` pairs notified.
 */
export type NotifiedState = Readonly<Record<string, readonly NoticeKey[]>>;

type NoticeLevel = 'due-soon' | 'overdue';
type NoticeDeadline = 'first-contact' | 'resolution';
export type NoticeKey = `${NoticeLevel}:${NoticeDeadline}`;

export const notifiedStateSchema = z.record(
  z.string().max(100),
  z
    .array(
      z.enum([
        'due-soon:first-contact',
        'due-soon:resolution',
        'overdue:first-contact',
        'overdue:resolution',
      ]),
    )
    .max(4),
);

export type ComplaintNoticeDue = {
  complaintId: string;
  level: NoticeLevel;
  deadline: NoticeDeadline;
  category: ComplaintCategory;
  dueMs: number;
};

export type NotifyInput = {
  complaint: { id: string; category: ComplaintCategory };
  urgency: Urgency;
};

export const complaintNotices = (
  rows: readonly NotifyInput[],
  previous: NotifiedState,
): { notify: ComplaintNoticeDue[]; next: NotifiedState } => {
  const next: Record<string, readonly NoticeKey[]> = {};
  const notify: ComplaintNoticeDue[] = [];
  for (const { complaint, urgency } of rows) {
    const told = previous[complaint.id] ?? [];
    // Closed: nothing to tell, and forgotten, so that a reopened complaint is told afresh.
    if (urgency.level === 'closed') continue;
    if (told.length > 0) next[complaint.id] = told;
    if (urgency.level === 'on-time' || !urgency.deadline || urgency.dueMs === undefined) continue;
    const key: NoticeKey = `${urgency.level}:${urgency.deadline}`;
    // Told overdue already: a clock set back to "due soon" is not news.
    if (told.includes(key) || told.includes(`overdue:${urgency.deadline}`)) continue;
    next[complaint.id] = [...told, key];
    notify.push({
      complaintId: complaint.id,
      level: urgency.level,
      deadline: urgency.deadline,
      category: complaint.category,
      dueMs: urgency.dueMs,
    });
  }
  return { notify, next };
};
