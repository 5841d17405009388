import { useMemo } from 'react';
import { actorOf } from '../db/staff';
import type { Actor } from '../db/write';
import { useSession } from './session-store';

/**
 * The signed-in person as the store's reads and writes take them. The same object while they
 * stay signed in, so a live query that reads as them runs again only when the person changes.
 * Only inside the workspace, where someone is signed in.
 */
export const useActor = (): Actor => {
  const me = useSession((state) => state.staff);
  if (!me) throw new Error('useActor outside a session');
  return useMemo(() => actorOf(me), [me]);
};
