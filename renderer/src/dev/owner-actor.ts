import { actorOf } from '../db/staff';
import type { Actor, StoreContext } from '../db/write';

/**
 * Who the development hooks act as when they write: the clinic's owner, a real account. A change
 * in the name of an account the clinic does not have is refused by every PC once it syncs
 * (shared/sync/verdict.ts), as it should be.
 */
export const ownerActor = async (ctx: StoreContext): Promise<Actor> => {
  const owner = (await ctx.db.staff.where('roles').equals('owner').toArray()).find((s) => s.active);
  if (!owner) throw new Error('set the clinic up first');
  return actorOf(owner);
};
