import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import type { AppError } from '../../../../shared/errors';
import { manualClock } from '../../../../shared/clock/clock';
import { newId } from '../../../../shared/ids';
import { ClinicDb } from '../database';
import { completeSetup } from '../setup';
import { actorOf } from '../staff';
import type { StoreContext } from '../write';

export const OWNER_PASSWORD = 'Owner#2026';

/** A fresh store over fake-indexeddb with a clock that only moves when told to. */
export const freshStore = () => {
  const clock = manualClock('2026-11-22T09:00:00+08:00');
  const db = new ClinicDb(`test-${newId()}`, { indexedDB, IDBKeyRange });
  const ctx: StoreContext = { db, clock, deviceId: 'desk-1' };
  return { db, clock, ctx };
};

export const storeWithOwner = async () => {
  const store = freshStore();
  const { owner, recoveryCode } = await completeSetup(store.ctx, {
    clinic: { name: '康宁口腔诊所', regionProvince: '44', regionCity: '深圳市' },
    owner: { username: 'lina', displayName: '李娜', password: OWNER_PASSWORD },
  });
  return { ...store, owner, ownerActor: actorOf(owner), recoveryCode };
};

/** The error a promise fails with, or undefined: for checking a field or a value too. */
export const errorOf = async (promise: Promise<unknown>): Promise<AppError | undefined> => {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  return undefined;
};

/** The AppError reason a promise fails with, or 'no error': tests read like the rule they check. */
export const reasonOf = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
  } catch (error) {
    return (error as AppError).reason;
  }
  return 'no error';
};
