import { create } from 'zustand';
import type { SyncStatus } from '../../sync/engine';

/** What the sync engine last said, for the shell's indicator and the Sync screen. */
export const useSyncStatus = create<{
  status: SyncStatus;
  /** Asks the running engine for an exchange now; a no-op while none runs. */
  poke: () => void;
  set: (status: SyncStatus) => void;
  setPoke: (poke: () => void) => void;
}>((set) => ({
  status: { state: 'off', pending: 0 },
  poke: () => undefined,
  set: (status) => set({ status }),
  setPoke: (poke) => set({ poke }),
}));
