import { z } from 'zod';
import { calendarDateSchema, type CalendarDate } from '../clock/calendar-date';

/*
 * The clinic's own calendar days, apart from the published schedule (working-days.ts): what only
 * checks a settings row (a backup's row check, the command line) does not load the schedule.
 */

/** One day the clinic's calendar treats otherwise than the published schedule. */
export const calendarOverrideSchema = z
  .object({
    date: calendarDateSchema,
    /** `holiday`: no working day (a public holiday, a local closure); `workday`: a working day. */
    kind: z.enum(['holiday', 'workday']),
    /** What the day is, as the notice names it (春节, 调休上班, 院庆停诊 …). */
    name: z.string().trim().max(40).optional(),
  })
  .strict();
export type CalendarOverride = z.infer<typeof calendarOverrideSchema>;

/** Why an override table is refused (each reason has its sentence in the Settings screen). */
export type OverrideProblem =
  | { problem: 'malformed'; index: number }
  | { problem: 'duplicate-date'; date: CalendarDate; index: number };

/** A table of overrides, checked: every row well formed, no date twice (two rows could disagree). */
export const checkOverrides = (rows: readonly unknown[]): OverrideProblem[] => {
  const problems: OverrideProblem[] = [];
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const parsed = calendarOverrideSchema.safeParse(row);
    if (!parsed.success) {
      problems.push({ problem: 'malformed', index });
      return;
    }
    if (seen.has(parsed.data.date))
      problems.push({ problem: 'duplicate-date', date: parsed.data.date, index });
    seen.add(parsed.data.date);
  });
  return problems;
};
