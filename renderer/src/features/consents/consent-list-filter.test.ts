import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { toConsentFilter } from './consent-list-filter';

const TODAY = '2026-03-02';

describe('the consent list filter', () => {
  it('shows today when no days are picked', () => {
    expect(toConsentFilter({}, TODAY)).toEqual({ from: TODAY, to: TODAY });
    expect(toConsentFilter({ days: null }, TODAY)).toEqual({ from: TODAY, to: TODAY });
  });

  it('shows one day when only one end is picked', () => {
    expect(toConsentFilter({ days: [dayjs('2026-02-10'), null] }, TODAY)).toEqual({
      from: '2026-02-10',
      to: '2026-02-10',
    });
  });

  it('puts the ends in order and keeps only the filters that are set', () => {
    expect(
      toConsentFilter(
        {
          days: [dayjs('2026-02-28'), dayjs('2026-02-01')],
          patientId: 'p1',
          clinicianId: null,
          state: 'voided',
        },
        TODAY,
      ),
    ).toEqual({ from: '2026-02-01', to: '2026-02-28', patientId: 'p1', state: 'voided' });
  });
});
