import { patientSearchKeys, type Patient } from '../../../shared/patients/patient';
import type { Recompute } from '../../../shared/sync/change';
import { pinyinReadings } from '../db/pinyin';

/** Derived fields are never synced: each device computes them from the merged row. */
export const recomputeDerived: Recompute = (table, row) => {
  // A row with no name is partial: its registration was refused (shared/sync/verdict.ts) while a
  // later edit was not. It has nothing to search by.
  if (table === 'patients')
    return {
      ...row,
      searchKeys:
        typeof row.name === 'string'
          ? patientSearchKeys(row as unknown as Patient, pinyinReadings)
          : [],
    };
  return row;
};
