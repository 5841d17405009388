import { hashPassword } from '../auth/password';
import { DEFAULT_SECURITY, type ClinicSettings } from '../settings/settings';
import type { Staff } from '../staff/staff';
import {
  clinicSetupDate,
  clinicStaff,
  demoProvenance,
  generateClinic,
  type GenerateClinicOptions,
} from './generate-clinic';

/** Every account of a demo clinic opens with this password, and must change it at first login. */
export const DEMO_PASSWORD = 'Demo#2026';

export const DEMO_CLINIC: ClinicSettings = {
  name: '演示口腔诊所',
  regionProvince: '44',
  regionCity: '深圳市',
};

export type StoreRow = { table: string; row: Record<string, unknown> };

/**
 * A whole demo store, row by row, as a restored backup holds it: the clinic's settings, its staff
 * (who can log in with DEMO_PASSWORD), then patients and visits in batches. Streams: a million
 * patients never sit in memory at once.
 */
export async function* demoStoreRows(
  options: GenerateClinicOptions,
): AsyncGenerator<StoreRow, void, undefined> {
  const staff = clinicStaff(options);
  const owner = staff.find((s) => s.roles.includes('owner'))!;
  // Set up at nine in the morning, Beijing time, on the first day of its history.
  const setupAt = Date.parse(`${clinicSetupDate(options)}T09:00:00+08:00`);
  for (const [key, value] of [
    ['clinic', DEMO_CLINIC],
    ['security', DEFAULT_SECURITY],
  ] as const)
    yield { table: 'settings', row: { id: key, key, value, ...demoProvenance(setupAt, owner.id) } };
  const password = await hashPassword(DEMO_PASSWORD);
  for (const member of staff) {
    const row: Staff = {
      ...member,
      active: true,
      password,
      mustChangePassword: true,
      ...demoProvenance(setupAt, owner.id),
    };
    yield { table: 'staff', row };
  }
  for (const batch of generateClinic(options)) {
    for (const row of batch.patients) yield { table: 'patients', row };
    for (const row of batch.visits) yield { table: 'visits', row };
  }
}
