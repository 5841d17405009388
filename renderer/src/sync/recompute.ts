import { patientDerivedKeys, type Patient } from '../../../shared/patients/patient';
import type { Recompute } from '../../../shared/sync/change';
import { pinyinReadings } from '../db/pinyin';

/** Derived fields are never synced: each device computes them from the merged row. */
export const recomputeDerived: Recompute = (table, row) =>
  table === 'patients'
    ? { ...row, ...patientDerivedKeys(row as unknown as Patient, pinyinReadings) }
    : row;
