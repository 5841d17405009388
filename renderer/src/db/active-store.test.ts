import { describe, expect, it } from 'vitest';
import {
  activeStoreName,
  previousStores,
  restoredStoreName,
  switchActiveStore,
} from './active-store';

const memoryStorage = (initial: Record<string, string> = {}) => {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
};

describe('the active store pointer', () => {
  it('opens the original store when nothing was ever restored', () => {
    expect(activeStoreName(memoryStorage())).toBe('clinicdesk');
  });

  it('opens the restored store after a restore and keeps the replaced one as the fallback', () => {
    const storage = memoryStorage();
    const first = restoredStoreName('0193a1b2-restore');
    switchActiveStore(storage, first);
    expect(activeStoreName(storage)).toBe(first);
    expect(previousStores(storage)).toEqual(['clinicdesk']);

    const second = restoredStoreName('0193a1b3-again');
    switchActiveStore(storage, second);
    expect(activeStoreName(storage)).toBe(second);
    expect(previousStores(storage)).toEqual(['clinicdesk', first]);
  });

  it('ignores a pointer that does not name a ClinicDesk store', () => {
    expect(activeStoreName(memoryStorage({ 'clinicdesk.store': 'someone-elses-db' }))).toBe(
      'clinicdesk',
    );
    expect(() => switchActiveStore(memoryStorage(), 'other')).toThrow(RangeError);
  });

  it('survives a damaged list of previous stores', () => {
    expect(previousStores(memoryStorage({ 'clinicdesk.store.previous': '{oops' }))).toEqual([]);
  });
});
