import { describe, expect, it } from 'vitest';
import {
  activeStoreName,
  previousStores,
  restoredStoreName,
  switchActiveStore,
} from './active-store';
import { memoryStorage } from './testing/memory-storage';

const AT = '2026-11-23T00:30:00.000Z';
const LATER = '2026-11-24T01:00:00.000Z';

describe('the active store pointer', () => {
  it('opens the original store when nothing was ever restored', () => {
    expect(activeStoreName(memoryStorage())).toBe('clinicdesk');
  });

  it('opens the restored store after a restore and keeps the replaced one as the fallback', () => {
    const storage = memoryStorage();
    const first = restoredStoreName('0193a1b2-restore');
    switchActiveStore(storage, first, AT);
    expect(activeStoreName(storage)).toBe(first);
    expect(previousStores(storage)).toEqual([{ name: 'clinicdesk', replacedAt: AT }]);

    const second = restoredStoreName('0193a1b3-again');
    switchActiveStore(storage, second, LATER);
    expect(activeStoreName(storage)).toBe(second);
    expect(previousStores(storage)).toEqual([
      { name: 'clinicdesk', replacedAt: AT },
      { name: first, replacedAt: LATER },
    ]);
  });

  it('ignores a pointer that does not name a ClinicDesk store', () => {
    expect(activeStoreName(memoryStorage({ 'clinicdesk.store': 'someone-elses-db' }))).toBe(
      'clinicdesk',
    );
    expect(() => switchActiveStore(memoryStorage(), 'other', AT)).toThrow(RangeError);
  });

  it('survives a damaged list of previous stores', () => {
    expect(previousStores(memoryStorage({ 'clinicdesk.store.previous': '{oops' }))).toEqual([]);
  });

  it('reads a list kept before dates were, and drops what names no ClinicDesk store', () => {
    const kept = JSON.stringify(['clinicdesk', '../../etc', { name: 'x' }, 7, null]);
    expect(previousStores(memoryStorage({ 'clinicdesk.store.previous': kept }))).toEqual([
      { name: 'clinicdesk' },
    ]);
  });
});
