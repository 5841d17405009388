/** The part of Electron's `powerMonitor` this needs. */
export type PowerEvents = {
  on(event: 'lock-screen' | 'suspend', listener: () => void): unknown;
};

/**
 * The app locks when the PC does: when the person locks the screen (Win+L, the lid) or the PC goes
 * to sleep. Otherwise whoever unlocks or wakes the PC finds the app open, under the last person's
 * name, until the idle lock catches up (issue 10, item 3).
 */
export const lockWithTheOs = (power: PowerEvents, lock: () => void): void => {
  power.on('lock-screen', lock);
  power.on('suspend', lock);
};
