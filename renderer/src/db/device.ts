import type { Clock } from '../../../shared/clock/clock';
import { newId } from '../../../shared/ids';
import type { ClinicDb } from './database';

export type DeviceIdentity = { deviceId: string; name: string; createdAt: string };

const DEVICE_KEY = 'device';

/** This installation's identity, once `ensureDevice` has made it. */
export const readDevice = async (db: ClinicDb): Promise<DeviceIdentity | undefined> =>
  (await db.deviceState.get(DEVICE_KEY))?.value as DeviceIdentity | undefined;

/** This installation's id: made once, kept in the local store, never synced. */
export const ensureDevice = (db: ClinicDb, clock: Clock, name: string): Promise<DeviceIdentity> =>
  db.transaction('rw', db.deviceState, async () => {
    const stored = await db.deviceState.get(DEVICE_KEY);
    if (stored) return stored.value as DeviceIdentity;
    const device = { deviceId: newId(clock), name, createdAt: new Date(clock.now()).toISOString() };
    await db.deviceState.put({ key: DEVICE_KEY, value: device });
    return device;
  });
