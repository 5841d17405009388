import { describe, expect, it } from 'vitest';
import { forOlderDevices, fromOlderDevices } from './wire-compat';

describe('staff roles on the wire between PCs of different versions', () => {
  it('a change of the roles also carries the one role an older PC reads: the most senior', () => {
    expect(forOlderDevices('staff', { set: { roles: ['clinician', 'owner'] } })).toEqual({
      set: { roles: ['clinician', 'owner'], role: 'owner' },
    });
    expect(forOlderDevices('staff', { set: { roles: ['front-desk', 'pharmacist'] } })).toEqual({
      set: { roles: ['front-desk', 'pharmacist'], role: 'front-desk' },
    });
  });

  it('leaves other changes and other tables as they are', () => {
    const name = { set: { displayName: '王芳' } };
    expect(forOlderDevices('staff', name)).toBe(name);
    const patient = { set: { roles: ['owner'] } };
    expect(forOlderDevices('patients', patient)).toBe(patient);
  });

  it("reads an older PC's role as a set of one, and a new PC's extra role not at all", () => {
    expect(fromOlderDevices('staff', { set: { role: 'clinician', displayName: '陈静' } })).toEqual({
      set: { roles: ['clinician'], displayName: '陈静' },
    });
    expect(
      fromOlderDevices('staff', { set: { roles: ['front-desk'], role: 'front-desk' } }),
    ).toEqual({ set: { roles: ['front-desk'] } });
  });

  it('drops a cleared role and leaves an unreadable one for the merge to refuse', () => {
    expect(fromOlderDevices('staff', { set: { active: false }, unset: ['role'] })).toEqual({
      set: { active: false },
    });
    expect(fromOlderDevices('staff', { set: { role: 'dentist' } })).toEqual({
      set: { role: 'dentist' },
    });
  });
});
