import { z } from 'zod';
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

export const settingsValueSchemas = {
  clinic: clinicSettingsSchema,
  security: securitySettingsSchema,
} as const;
export type SettingsKey = keyof typeof settingsValueSchemas;
export type SettingsValue<K extends SettingsKey> = z.infer<(typeof settingsValueSchemas)[K]>;
