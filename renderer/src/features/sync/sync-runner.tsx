import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { useServices } from '../../app/services';
import { createSyncEngine, readHubLink } from '../../sync/engine';
import { recomputeDerived } from '../../sync/recompute';
import { useSyncStatus } from './sync-status';

/**
 * Runs the sync engine while this store is linked to a hub. One engine per store even with
 * several tabs open in browser mode: a Web Lock names the store, and a second tab waits for it.
 */
export const SyncRunner = () => {
  const { db, clock, deviceId } = useServices();
  const link = useLiveQuery(() => readHubLink(db), [db]);
  const url = link?.url;
  const token = link?.token;

  useEffect(() => {
    const { set, setPoke } = useSyncStatus.getState();
    if (!link) {
      set({ state: 'off', pending: 0 });
      return;
    }
    const abort = new AbortController();
    const run = () => {
      const engine = createSyncEngine({
        apply: { db, clock, deviceId, recompute: recomputeDerived },
        link,
        onStatus: set,
      });
      setPoke(engine.poke);
      return new Promise<void>((resolve) =>
        abort.signal.addEventListener('abort', () => resolve(), { once: true }),
      ).then(() => engine.stop());
    };
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (locks)
      void locks
        .request(`clinicdesk-sync:${db.name}`, { signal: abort.signal }, run)
        .catch(() => undefined);
    else void run();
    return () => {
      abort.abort();
      setPoke(() => undefined);
    };
    // The engine restarts only when the link itself changes (paired again, another hub).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, clock, deviceId, url, token]);

  return null;
};
