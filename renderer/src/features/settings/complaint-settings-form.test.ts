import { describe, expect, it } from 'vitest';
import { complaintSettingsSchema } from '../../../../shared/settings/settings';
import {
  CUSTOM,
  fromComplaintSettings,
  parseDays,
  toComplaintSettings,
} from './complaint-settings-form';

describe('the complaint deadlines card', () => {
  it('takes whole working days from 1 to 30 and nothing else', () => {
    expect(parseDays('4')).toBe(4);
    expect(parseDays(' 30 ')).toBe(30);
    for (const text of ['0', '-2', '2.5', '31', 'abc', '三', '', undefined])
      expect(parseDays(text), String(text)).toBeUndefined();
  });

  it('saves the clinic-defined policy as the default when it is picked', () => {
    const value = toComplaintSettings({
      defaultPolicy: CUSTOM,
      name: ' 本院 4 / 10 ',
      ordinaryDays: '4',
      majorDays: '10',
    });
    expect(value).toEqual({
      defaultPolicy: '本院 4 / 10',
      custom: { name: '本院 4 / 10', ordinaryDays: 4, majorDays: 10 },
    });
    expect(complaintSettingsSchema.safeParse(value).success).toBe(true);
    expect(fromComplaintSettings(value)).toEqual({
      defaultPolicy: CUSTOM,
      name: '本院 4 / 10',
      ordinaryDays: '4',
      majorDays: '10',
    });
  });

  it('keeps a preset as the default with no custom policy when the custom fields are empty', () => {
    expect(toComplaintSettings({ defaultPolicy: '2 / 5', name: '', ordinaryDays: '' })).toEqual({
      defaultPolicy: '2 / 5',
    });
  });

  it('never turns a bad day count into a value the store accepts', () => {
    const value = toComplaintSettings({
      defaultPolicy: CUSTOM,
      name: '本院',
      ordinaryDays: '0',
      majorDays: '5',
    });
    expect(complaintSettingsSchema.safeParse(value).success).toBe(false);
  });
});
