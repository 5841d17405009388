import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { wallClockParts } from '../../../shared/clock/calendar-date';
import { startOfClinicDay } from '../../../shared/clock/clinic-time';
import { BACKUP_EXTENSION } from '../../../server/backup/backup-file';

const NAME = /^clinicdesk-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-\d{1,4})?\.cdbackup$/;

const two = (n: number) => String(n).padStart(2, '0');

/** clinicdesk-20261122-183000.cdbackup: the clinic's wall clock, sortable by name. */
export const backupFileName = (at: number, timeZone: string, counter = 1): string => {
  const t = wallClockParts(at, timeZone);
  const stamp = `${t.year}${two(t.month)}${two(t.day)}-${two(t.hour)}${two(t.minute)}${two(t.second)}`;
  return `clinicdesk-${stamp}${counter > 1 ? `-${counter}` : ''}${BACKUP_EXTENSION}`;
};

/** When a file of ours was made, read from its name; undefined for any other file. */
export const backupTimeFromName = (name: string, timeZone: string): number | undefined => {
  const m = NAME.exec(name);
  if (!m) return undefined;
  const [h, mi, s] = [m[4], m[5], m[6]].map(Number) as [number, number, number];
  return startOfClinicDay(`${m[1]}-${m[2]}-${m[3]}`, timeZone) + ((h * 60 + mi) * 60 + s) * 1000;
};

export const isOurBackupName = (name: string) => NAME.test(name);

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * A name no backup in the folder has yet: two backups in one second get -2. (A temporary file of
 * the same name can only be a crash's leftover: the writer simply replaces it.)
 */
export const freeBackupName = async (dir: string, at: number, timeZone: string) => {
  for (let counter = 1; ; counter++) {
    const name = backupFileName(at, timeZone, counter);
    if (!(await exists(join(dir, name)))) return name;
  }
};
