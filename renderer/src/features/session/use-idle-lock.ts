import { useEffect } from 'react';

export const ACTIVITY_EVENTS = [
  'pointerdown',
  'pointermove',
  'keydown',
  'wheel',
  'touchstart',
] as const;

/** Calls `onIdle` after `minutes` without mouse, keyboard or touch. Timers come from the page, so tests can fake them. */
export const useIdleLock = (minutes: number, enabled: boolean, onIdle: () => void) => {
  useEffect(() => {
    if (!enabled) return;
    let timer = window.setTimeout(onIdle, minutes * 60_000);
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(onIdle, minutes * 60_000);
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, reset, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, reset);
    };
  }, [minutes, enabled, onIdle]);
};
