import { create } from 'zustand';
import type { Staff } from '../../../shared/staff/staff';

/** UI state only: who is at the keyboard and whether the screen is locked. Never a copy of data. */
type SessionState = {
  staff: Staff | undefined;
  locked: boolean;
  signIn(staff: Staff): void;
  signOut(): void;
  lock(): void;
  unlock(staff: Staff): void;
};

export const useSession = create<SessionState>((set) => ({
  staff: undefined,
  locked: false,
  signIn: (staff) => set({ staff, locked: false }),
  signOut: () => set({ staff: undefined, locked: false }),
  lock: () => set((state) => (state.staff ? { locked: true } : state)),
  unlock: (staff) => set({ staff, locked: false }),
}));
