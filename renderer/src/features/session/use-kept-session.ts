import { useEffect, useState } from 'react';
import { DEFAULT_SECURITY } from '../../../../shared/settings/settings';
import type { Staff } from '../../../../shared/staff/staff';
import { useServices } from '../../app/services';
import { readSetting } from '../../db/settings';
import { forgetSession, keepSession, KEPT_SESSION_KEY, resumeSession } from './kept-session';
import { ACTIVITY_EVENTS } from './use-idle-lock';

/** How stale the kept session's end may run behind the last activity: never past the idle lock. */
const REFRESH_MS = 15_000;

const tabStorage = (): Storage | undefined => globalThis.sessionStorage;

/** Logging out or locking: forgotten before anything else happens, so no reload can race it. */
export const forgetKeptSession = () => {
  const storage = tabStorage();
  if (storage) forgetSession(storage);
};

/**
 * While someone works unlocked, a reload (F5, or the renderer reloading) continues their session
 * for one idle period after their last activity. Locking and logging out forget it at once.
 */
export const useKeptSession = (staffId: string, locked: boolean, lockMinutes: number) => {
  const { db, clock } = useServices();
  useEffect(() => {
    const storage = tabStorage();
    if (!storage) return;
    if (locked) {
      forgetSession(storage);
      return;
    }
    const ctx = { storage, db, clock, lockMinutes };
    keepSession(ctx, staffId);
    let keptAt = clock.now();
    const refresh = () => {
      if (clock.now() - keptAt < REFRESH_MS) return;
      keptAt = clock.now();
      keepSession(ctx, staffId);
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, refresh, { passive: true });
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, refresh);
      // Logged out, or the idle period changed (the next run keeps it again). A reload runs no
      // clean-up, so the session survives exactly that.
      forgetSession(storage);
    };
  }, [db, clock, staffId, locked, lockMinutes]);
};

/**
 * At start-up: continues a kept session if there is a valid one. `resuming` is true until that is
 * known, so the login screen does not flash before the screen the person was on.
 */
export const useResumeSession = (onResumed: (staff: Staff) => void): boolean => {
  const { db, clock } = useServices();
  const [resuming, setResuming] = useState(() => !!tabStorage()?.getItem(KEPT_SESSION_KEY));
  useEffect(() => {
    const storage = tabStorage();
    if (!resuming || !storage) return;
    let current = true;
    void (async () => {
      const security = (await readSetting(db, 'security')) ?? DEFAULT_SECURITY;
      const staff = await resumeSession({ storage, db, clock, lockMinutes: security.lockMinutes });
      if (!current) return;
      if (staff) onResumed(staff);
      setResuming(false);
    })();
    return () => {
      current = false;
    };
  }, [db, clock, resuming, onResumed]);
  return resuming;
};
