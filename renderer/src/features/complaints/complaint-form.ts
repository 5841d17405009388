import { isInstantWithOffset } from '../../../../shared/complaints/deadlines';
import { complaintUrgency, isAnonymous } from '../../../../shared/complaints/urgency';
import type {
  Complaint,
  ComplaintCategory,
  ComplaintChannel,
  ComplaintInput,
  ComplaintPolicy,
  ComplaintSeverity,
} from '../../../../shared/complaints/complaint';
import { POLICY_PRESETS } from '../../../../shared/complaints/complaint';
import { formatClinicTime } from '../../../../shared/clock/clinic-time';

/**
 * Times on the complaint forms are typed as the clinic's wall clock ("2026-11-27 04:00", Beijing
 * time), whatever zone the PC is set to: a desk on a PC left on UTC must not shift the day.
 */
const WALL_TIME = /^\s*(\d{4}-\d{2}-\d{2})[ T]+(\d{1,2}):(\d{2})\s*$/;

/** Now as the form shows it: "YYYY-MM-DD HH:mm" in Beijing. */
export const wallTimeAt = (epochMs: number): string =>
  formatClinicTime(new Date(epochMs).toISOString()).slice(0, 16);

/** The instant a typed wall time names (`+08:00`: Asia/Shanghai has no daylight saving), or undefined. */
export const instantOfWallTime = (text: string): string | undefined => {
  const match = WALL_TIME.exec(text);
  if (!match) return undefined;
  const instant = `${match[1]}T${match[2]!.padStart(2, '0')}:${match[3]}:00+08:00`;
  return isInstantWithOffset(instant) ? instant : undefined;
};

/** A form rule: a typed time must be a wall time; an empty box is left to a `required` rule. */
export const wallTimeRule = (message: string) => ({
  validator: async (_: unknown, value: string | undefined) => {
    if (value && !instantOfWallTime(value)) throw new Error(message);
  },
});

export type NewComplaintValues = {
  receivedAt: string;
  channel: ComplaintChannel;
  severity: ComplaintSeverity;
  category: ComplaintCategory;
  anonymous?: boolean;
  name?: string;
  phone?: string;
  relation?: 'self' | 'family' | 'guardian' | 'other';
  patientId?: string;
  description: string;
  policy: string;
};

/**
 * The repository's input from what the form holds (the form has checked the time's format). The
 * policy is picked by name among those offered (the presets and the clinic's own); a name no
 * longer offered leaves it to the repository, which applies the clinic's default.
 */
export const toComplaintInput = (
  values: NewComplaintValues,
  offered: readonly ComplaintPolicy[] = POLICY_PRESETS,
): ComplaintInput => {
  const policy = offered.find((p) => p.name === values.policy);
  return {
    receivedAt: instantOfWallTime(values.receivedAt) ?? values.receivedAt,
    channel: values.channel,
    severity: values.severity,
    category: values.category,
    complainant: values.anonymous
      ? { kind: 'anonymous' }
      : {
          kind: 'named',
          name: values.name ?? '',
          relation: values.relation ?? 'self',
          ...(values.phone?.trim() ? { phone: values.phone.trim() } : {}),
        },
    ...(values.patientId ? { patientId: values.patientId } : {}),
    description: values.description ?? '',
    ...(policy ? { policy } : {}),
  };
};

export type SavedNotice = {
  level: 'success' | 'warning';
  /** The sentence, under `complaints.form`. */
  text: 'saved' | 'savedAnonymous' | 'savedContactOverdue' | 'savedResolutionOverdue';
  /** The deadline it names, as the desk reads it. */
  due: string;
};

/**
 * What the desk is told on saving: the next deadline to meet, or a warning when a complaint
 * received long ago is already past it. An anonymous complaint has no first contact to make.
 */
export const savedNotice = (
  complaint: Pick<Complaint, 'firstContactDue' | 'resolutionDue' | 'complainant'>,
  now: number,
): SavedNotice => {
  const contactBy = formatClinicTime(complaint.firstContactDue).slice(0, 16);
  const urgency = complaintUrgency(complaint, { state: 'open' }, now);
  if (urgency.level === 'overdue')
    return urgency.deadline === 'first-contact'
      ? { level: 'warning', text: 'savedContactOverdue', due: contactBy }
      : { level: 'warning', text: 'savedResolutionOverdue', due: complaint.resolutionDue };
  return isAnonymous(complaint)
    ? { level: 'success', text: 'savedAnonymous', due: complaint.resolutionDue }
    : { level: 'success', text: 'saved', due: contactBy };
};
