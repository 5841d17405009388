import { patientSearchKeys, type Patient } from '../../../shared/patients/patient';
import type { Recompute } from '../../../shared/sync/change';
import { pinyinReadings } from '../db/pinyin';

/** Derived fields are never synced: each device computes them from the merged row. */
export const recomputeDerived: Recompute = (table, row) => {
  if (table === 'patients')
    return { ...row, searchKeys: patientSearchKeys(row as unknown as Patient, pinyinReadings) };
  return row;
};
