import { z } from 'zod';
import { calendarOverrideSchema, checkOverrides } from '../calendar/overrides';
import {
  complaintPolicySchema,
  DEFAULT_POLICY,
  POLICY_PRESETS,
  type ComplaintPolicy,
} from '../complaints/complaint';
import { personText } from '../record';

export const languageSchema = z.enum(['zh-CN', 'en']);
export type Language = z.infer<typeof languageSchema>;

export const clinicSettingsSchema = z.object({
  name: personText(80),
  /** 参保地: the insurance region the clinic is designated in, e.g. "广东省 深圳市". */
  regionProvince: z.string().regex(/^\d{2}$/),
  regionCity: personText(40),
});
export type ClinicSettings = z.infer<typeof clinicSettingsSchema>;

export const securitySettingsSchema = z.object({
  lockMinutes: z.number().int().min(1).max(120),
});
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;

export const DEFAULT_SECURITY: SecuritySettings = { lockMinutes: 10 };

/** What a clinic-defined policy may give: whole working days, 1 to 30 (issue 9: no zero, no negative). */
export const POLICY_DAYS_MAX = 30;
const policyDaysSchema = z.number().int().min(1).max(POLICY_DAYS_MAX);

/** The clinic's own deadline policy, next to the two presets from the seeds. */
export const customPolicySchema = complaintPolicySchema.extend({
  ordinaryDays: policyDaysSchema,
  majorDays: policyDaysSchema,
});

/**
 * Complaint deadlines (Settings → 投诉时限): which policy the desk's form preselects, and the
 * clinic's own policy if it has one. The default is named: a preset's name or the custom one's.
 */
export const complaintSettingsSchema = z
  .object({
    defaultPolicy: z.string().min(1),
    custom: customPolicySchema.optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    const presetNames: readonly string[] = POLICY_PRESETS.map((p) => p.name);
    if (value.custom && presetNames.includes(value.custom.name))
      ctx.addIssue({ code: 'custom', path: ['custom', 'name'], message: 'preset-name' });
    if (!presetNames.includes(value.defaultPolicy) && value.defaultPolicy !== value.custom?.name)
      ctx.addIssue({ code: 'custom', path: ['defaultPolicy'], message: 'unknown-policy' });
  });
export type ComplaintSettings = z.infer<typeof complaintSettingsSchema>;

export const DEFAULT_COMPLAINT_SETTINGS: ComplaintSettings = { defaultPolicy: DEFAULT_POLICY.name };

/** The policies the complaint form offers: the presets, then the clinic's own. */
export const offeredPolicies = (settings: ComplaintSettings | undefined): ComplaintPolicy[] => [
  ...POLICY_PRESETS,
  ...(settings?.custom ? [settings.custom] : []),
];

/** The policy a complaint gets when the desk picks none: the clinic's default. */
export const defaultPolicyOf = (settings: ComplaintSettings | undefined): ComplaintPolicy =>
  offeredPolicies(settings).find((p) => p.name === settings?.defaultPolicy) ?? DEFAULT_POLICY;

/** A year's schedule is a few dozen days; a bound keeps a hostile backup from bloating it. */
export const OVERRIDES_MAX = 366;

/**
 * 节假日调整: days the clinic's calendar treats otherwise than the published schedule — next
 * year's State Council notice (published each November) and local closures. Checked as a table:
 * every row well formed, no date twice.
 */
export const holidaySettingsSchema = z
  .object({ overrides: z.array(calendarOverrideSchema).max(OVERRIDES_MAX) })
  .strict()
  .superRefine((value, ctx) => {
    for (const problem of checkOverrides(value.overrides))
      ctx.addIssue({
        code: 'custom',
        path: ['overrides', problem.index],
        message: problem.problem,
      });
  });
export type HolidaySettings = z.infer<typeof holidaySettingsSchema>;

export const settingsValueSchemas = {
  clinic: clinicSettingsSchema,
  security: securitySettingsSchema,
  complaints: complaintSettingsSchema,
  holidays: holidaySettingsSchema,
} as const;
export type SettingsKey = keyof typeof settingsValueSchemas;
export type SettingsValue<K extends SettingsKey> = z.infer<(typeof settingsValueSchemas)[K]>;
