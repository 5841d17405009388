import type { Action } from '../../../shared/auth/permissions';
import { AppError } from '../../../shared/errors';
import {
  settingsValueSchemas,
  type SettingsKey,
  type SettingsValue,
} from '../../../shared/settings/settings';
import type { ClinicDb, SettingsRow } from './database';
import { authorize, writeRecord, type Actor, type StoreContext } from './write';

const permissionFor: Record<SettingsKey, Action> = {
  clinic: 'settings.clinic',
  security: 'settings.security',
  complaints: 'settings.clinic',
  holidays: 'settings.clinic',
};

export const readSetting = async <K extends SettingsKey>(
  db: ClinicDb,
  key: K,
): Promise<SettingsValue<K> | undefined> => {
  const row = await db.settings.get(key);
  if (!row) return undefined;
  const parsed = settingsValueSchemas[key].safeParse(row.value);
  return parsed.success ? (parsed.data as SettingsValue<K>) : undefined;
};

export const saveSetting = async <K extends SettingsKey>(
  ctx: StoreContext,
  actor: Actor,
  key: K,
  value: SettingsValue<K>,
): Promise<void> => {
  actor = authorize(actor, permissionFor[key]);
  const parsed = settingsValueSchemas[key].safeParse(value);
  if (!parsed.success)
    throw new AppError(
      'invalid-input',
      `invalid ${key} settings`,
      parsed.error.issues[0]?.path.join('.'),
    );
  const before = (await ctx.db.settings.get(key)) as SettingsRow | undefined;
  await writeRecord<SettingsRow>(ctx, {
    table: 'settings',
    row: { id: key, key, value: parsed.data },
    before,
    audit: {
      actor,
      action: before ? 'update' : 'create',
      entity: 'settings',
      summary: key,
    },
  });
};
