import { POLICY_PRESETS } from '../../../../shared/complaints/complaint';
import { POLICY_DAYS_MAX, type ComplaintSettings } from '../../../../shared/settings/settings';

/** The radio value that picks the clinic's own policy (preset names are never this). */
export const CUSTOM = 'custom';

/** What the card holds: days as typed, so "abc" or "0" can be refused with a sentence. */
export type ComplaintSettingsValues = {
  defaultPolicy: string;
  name?: string;
  ordinaryDays?: string;
  majorDays?: string;
};

/** Whole working days from 1 to 30, as typed; anything else (0, -1, 2.5, "三") is undefined. */
export const parseDays = (text: unknown): number | undefined => {
  const trimmed = String(text ?? '').trim();
  if (!/^\d{1,3}$/.test(trimmed)) return undefined;
  const days = Number(trimmed);
  return days >= 1 && days <= POLICY_DAYS_MAX ? days : undefined;
};

/** Whether the card describes a custom policy: it is the default, or it has a name. */
export const wantsCustom = (values: Partial<ComplaintSettingsValues>): boolean =>
  values.defaultPolicy === CUSTOM || !!values.name?.trim();

export const isPresetName = (name: string | undefined): boolean =>
  POLICY_PRESETS.some((p) => p.name === name?.trim());

export const fromComplaintSettings = (settings: ComplaintSettings): ComplaintSettingsValues => ({
  defaultPolicy:
    settings.custom && settings.defaultPolicy === settings.custom.name
      ? CUSTOM
      : settings.defaultPolicy,
  name: settings.custom?.name ?? '',
  ordinaryDays: settings.custom ? String(settings.custom.ordinaryDays) : '',
  majorDays: settings.custom ? String(settings.custom.majorDays) : '',
});

/**
 * The settings value from the card (the card has checked the fields; the repository checks the
 * value again, so a day count the card let through by mistake is still refused).
 */
export const toComplaintSettings = (values: ComplaintSettingsValues): ComplaintSettings => {
  if (!wantsCustom(values)) return { defaultPolicy: values.defaultPolicy };
  const custom = {
    name: values.name?.trim() ?? '',
    ordinaryDays: parseDays(values.ordinaryDays) ?? Number.NaN,
    majorDays: parseDays(values.majorDays) ?? Number.NaN,
  };
  return {
    defaultPolicy: values.defaultPolicy === CUSTOM ? custom.name : values.defaultPolicy,
    custom,
  };
};
