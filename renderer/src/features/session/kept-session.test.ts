import { describe, expect, it } from 'vitest';
import { addStaff, setStaffActive } from '../../db/staff';
import { storeWithOwner } from '../../db/testing/store';
import { forgetSession, keepSession, KEPT_SESSION_KEY, resumeSession } from './kept-session';

const memoryStorage = () => {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
};

const kept = async () => {
  const store = await storeWithOwner();
  const storage = memoryStorage();
  const session = { storage, db: store.db, clock: store.clock, lockMinutes: 10 };
  keepSession(session, store.owner.id);
  return { ...store, storage, session };
};

describe('a reload within the idle period continues the session', () => {
  it('continues as the same person up to the end of the idle period, not after', async () => {
    const { session, clock, owner, storage } = await kept();
    clock.advance(9 * 60_000);
    expect((await resumeSession(session))?.id).toBe(owner.id);
    clock.advance(61_000);
    expect(await resumeSession(session)).toBeUndefined();
    expect(storage.items.has(KEPT_SESSION_KEY)).toBe(false);
  });

  it('keeps only who and until when, in which store', async () => {
    const { storage, owner, db } = await kept();
    expect(JSON.parse(storage.items.get(KEPT_SESSION_KEY)!)).toEqual({
      staffId: owner.id,
      until: Date.parse('2026-11-22T09:10:00+08:00'),
      store: db.name,
    });
  });

  it('logs out a person deactivated in the meantime', async () => {
    const { ctx, session, ownerActor } = await kept();
    const desk = await addStaff(ctx, ownerActor, {
      username: 'wangfang',
      displayName: '王芳',
      roles: ['front-desk'],
      password: 'Front#Desk1',
    });
    keepSession(session, desk.id);
    expect((await resumeSession(session))?.id).toBe(desk.id);
    await setStaffActive(ctx, ownerActor, desk.id, false, '离职');
    expect(await resumeSession(session)).toBeUndefined();
  });

  it('refuses a session written by hand: too long, another store, unknown person or garbage', async () => {
    const { session, storage, owner, clock, db } = await kept();
    const write = (value: unknown) => storage.setItem(KEPT_SESSION_KEY, JSON.stringify(value));
    write({ staffId: owner.id, until: clock.now() + 24 * 3600_000, store: db.name });
    expect(await resumeSession(session)).toBeUndefined();
    write({ staffId: owner.id, until: clock.now() + 60_000, store: 'clinicdesk-restored-x' });
    expect(await resumeSession(session)).toBeUndefined();
    write({ staffId: 'nobody', until: clock.now() + 60_000, store: db.name });
    expect(await resumeSession(session)).toBeUndefined();
    write({ staffId: owner.id, until: clock.now() + 60_000, store: db.name, role: 'owner' });
    expect(await resumeSession(session)).toBeUndefined();
    storage.setItem(KEPT_SESSION_KEY, '{not json');
    expect(await resumeSession(session)).toBeUndefined();
  });

  it('locking or logging out forgets it', async () => {
    const { session, storage } = await kept();
    forgetSession(storage);
    expect(await resumeSession(session)).toBeUndefined();
  });
});
