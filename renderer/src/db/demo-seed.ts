import { generateClinic } from '../../../shared/demo/generate-clinic';
import type { ClinicDb } from './database';
import { seedDemoCatalogue } from './demo-catalogue';

export type SeedProgress = { patients: number; visits: number };

/**
 * Development builds only: fills this workstation's store with a generated clinic for demos,
 * benchmarks and end-to-end tests at scale. Bypasses the audit trail on purpose: these rows were
 * never typed by anyone, and must not pretend they were.
 */
export const seedDemoClinic = async (
  db: ClinicDb,
  options: {
    patients: number;
    seed?: string | number;
    endDate: string;
    onProgress?: (done: SeedProgress) => void;
  },
): Promise<SeedProgress> => {
  const done: SeedProgress = { patients: 0, visits: 0 };
  // In force long before the first of five years of visits, so that any catalogue a test or a
  // person imports afterwards is the newer version and takes over.
  const since = Number(options.endDate.slice(0, 4)) - 10;
  await seedDemoCatalogue(db, { seed: options.seed ?? 1, effectiveFrom: `${since}-01-01` });
  for (const batch of generateClinic({
    seed: options.seed ?? 1,
    patients: options.patients,
    endDate: options.endDate,
  })) {
    // One transaction per batch: a reload midway leaves whole batches, never half a patient.
    await db.transaction('rw', db.patients, db.visits, async () => {
      await db.patients.bulkPut(batch.patients);
      await db.visits.bulkPut(batch.visits);
    });
    done.patients += batch.patients.length;
    done.visits += batch.visits.length;
    options.onProgress?.({ ...done });
  }
  return done;
};
